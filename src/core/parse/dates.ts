/** @module Dates as printed in articles and citations (`February 24, 2015`, `28 April 2019`, `Nov 23, 2018`, `2019-06-06`) to ISO 8601. */

const MONTH =
  '(Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\\.?'
const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec']

// Case-sensitive on purpose: a lowercase "may 5" in prose is more likely a verb than a month.
const PATTERNS: { re: RegExp; order: 'ymd' | 'mdy' | 'dmy' }[] = [
  { re: /\b(\d{4})-(\d{2})-(\d{2})\b/g, order: 'ymd' },
  { re: new RegExp(`\\b${MONTH}\\s+(\\d{1,2}),?\\s+(\\d{4})\\b`, 'g'), order: 'mdy' },
  { re: new RegExp(`\\b(\\d{1,2})\\s+${MONTH}\\s+(\\d{4})\\b`, 'g'), order: 'dmy' },
]

export interface FoundDate {
  iso: string
  /** Where the date starts and ends in the searched text. */
  index: number
  end: number
}

function monthNumber(name: string): number {
  return MONTHS.indexOf(name.slice(0, 3).toLowerCase()) + 1
}

function iso(year: number, month: number, day: number): string | null {
  if (month < 1 || month > 12 || day < 1) return null
  // Day 0 of the next month is the last day of this one: rejects `February 30`.
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate()
  if (day > last) return null
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`
}

function fromMatch(m: RegExpExecArray, order: 'ymd' | 'mdy' | 'dmy'): string | null {
  const [, a = '', b = '', c = ''] = m
  if (order === 'ymd') return iso(Number(a), Number(b), Number(c))
  if (order === 'mdy') return iso(Number(c), monthNumber(a), Number(b))
  return iso(Number(c), monthNumber(b), Number(a))
}

/** The earliest full date (day, month and year) anywhere in `text`, or null. */
export function findDate(text: string): FoundDate | null {
  let best: FoundDate | null = null
  for (const { re, order } of PATTERNS) {
    re.lastIndex = 0
    for (let m = re.exec(text); m; m = re.exec(text)) {
      const value = fromMatch(m, order)
      if (value === null) continue
      if (!best || m.index < best.index) best = { iso: value, index: m.index, end: m.index + m[0].length }
      break
    }
  }
  return best
}

/** The ISO form of `text` when the whole of it (a trailing period aside) is one full date, else null. */
export function parseDate(text: string): string | null {
  const t = text.trim().replace(/\.$/, '')
  const found = findDate(t)
  return found && found.index === 0 && found.end === t.length ? found.iso : null
}
