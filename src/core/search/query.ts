/**
 * @module The query language: words, "quoted phrases" (an unclosed quote runs to the end),
 * -exclusions (of words or phrases). Never throws for any string; bounded work (MAX_UNITS).
 */
import { Lru } from './lru.ts'
import { compounds, stem, type Compound } from './normalize.ts'
import { isStopword } from './stopwords.ts'
import { QueryError } from './types.ts'

export const MAX_UNITS = 32
export const MAX_PHRASE_PARTS = 32
/** Longer queries are cut here before parsing (the API validates length; this only bounds work). */
const MAX_QUERY_CHARS = 4096

export interface QPart {
  key: string
  term: string
}

export interface QUnit {
  type: 'word' | 'phrase'
  /** Parts (for a phrase: every part of every word, in order). */
  parts: QPart[]
  /** Folded parts joined: the surface key used for prefix and typo lookups (words only). */
  key: string
  /** Stem of `key`: the whole-word term. */
  term: string
  /** The last word of the query, completed as a prefix (search as you type). */
  prefix: boolean
  /** A stopword: optional when the query has other words. */
  stop: boolean
  /** Rendered for the canonical query. */
  canonical: string
}

export interface ParsedQuery {
  positive: QUnit[]
  negative: QUnit[]
  /** Every unit in query order, for rendering. */
  items: { unit: QUnit; neg: boolean }[]
  canonical: string
}

/** Renders units back into a query string; `replace` substitutes the canonical of some units. */
export function renderQuery(items: ParsedQuery['items'], replace?: Map<QUnit, string>): string {
  return items.map(({ unit, neg }) => (neg ? '-' : '') + (replace?.get(unit) ?? unit.canonical)).join(' ')
}

const QUOTES = '"“”„‟«»＂'
const MINUS = '-−–'
/** Their code units (each one unit): the scan below tests every character of the query against them. */
const QUOTE_UNITS = new Set([...QUOTES].map((c) => c.charCodeAt(0)))
const MINUS_UNITS = new Set([...MINUS].map((c) => c.charCodeAt(0)))
const SPACE_UNIT = 0x20

/** Printable ASCII: no control or format character to drop, nothing to normalize. */
const PRINTABLE_ASCII = /^[\x20-\x7e]*$/

/** Control and format characters dropped, lone surrogates and all whitespace made spaces. */
export function cleanQuery(q: string): string {
  const cut = String(q ?? '').slice(0, MAX_QUERY_CHARS)
  // Nearly every query is printable ASCII: no surrogate, no control character, no other whitespace.
  if (PRINTABLE_ASCII.test(cut)) return cut
  const text = cut
    .replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, ' ')
    .replace(/[\t\n\v\f\r\u0085\u2028\u2029]/g, ' ')
  // The Unicode classes below cost a fresh isolate ~0.4 ms to build: not for text that is ASCII once cleaned.
  return PRINTABLE_ASCII.test(text) ? text : text.replace(/[\p{Cc}\p{Cf}]/gu, '').normalize('NFC')
}

/**
 * A query word's (or phrase's) compounds, analysed once while it stays among the recent ones: the same
 * words come back query after query, and analysing one (fold, split, stem) was most of parsing it.
 * Shared, so never changed: units copy what they take.
 */
const MAX_ANALYSED = 2048
/**
 * Weighed at 64 bytes a character of the analysed text (a 64-character hyphenated word holds ~3 KB, measured
 * after GC), and 1 MB in all: a bound in bytes, as every cache of the isolate has.
 */
const ANALYSED_BYTES_PER_CHAR = 64
const analysed = new Lru<string, { compounds: Compound[]; bytes: number }>(MAX_ANALYSED, (a) => a.bytes, 1024 * 1024)
/** Longer text is analysed each time (a long phrase is rarely typed twice, and would hold memory). */
const MAX_ANALYSED_CHARS = 64

function compoundsOf(text: string): Compound[] {
  if (text.length > MAX_ANALYSED_CHARS) return compounds(text)
  const known = analysed.get(text)
  if (known) return known.compounds
  const found = compounds(text)
  analysed.set(text, { compounds: found, bytes: ANALYSED_BYTES_PER_CHAR * Math.max(1, text.length) })
  return found
}

function wordUnit(c: Compound): QUnit {
  const parts = c.parts.map((p) => ({ key: p.key, term: p.term }))
  const key = parts.map((p) => p.key).join('')
  return {
    type: 'word',
    parts,
    key,
    term: parts.length === 1 ? parts[0]!.term : stem(key),
    prefix: false,
    stop: parts.length === 1 && isStopword(key),
    canonical: c.canonical,
  }
}

function phraseUnit(cs: Compound[]): QUnit | null {
  const parts = cs.flatMap((c) => c.parts.map((p) => ({ key: p.key, term: p.term }))).slice(0, MAX_PHRASE_PARTS)
  if (parts.length === 0) return null
  const canonical = `"${parts.map((p) => p.key).join(' ')}"`
  if (parts.length === 1) return { ...wordUnit({ parts: cs[0]!.parts.slice(0, 1), words: [], canonical }), stop: false }
  return { type: 'phrase', parts, key: '', term: '', prefix: false, stop: false, canonical }
}

export function parseQuery(raw: string): ParsedQuery {
  const q = cleanQuery(raw)
  const positive: QUnit[] = []
  const negative: QUnit[] = []
  const items: ParsedQuery['items'] = []
  let lastWord: QUnit | null = null
  let i = 0
  while (i < q.length) {
    const ch = q.charCodeAt(i)
    if (ch === SPACE_UNIT) {
      i++
      continue
    }
    const neg = MINUS_UNITS.has(ch) && i + 1 < q.length && q.charCodeAt(i + 1) !== SPACE_UNIT
    const start = neg ? i + 1 : i
    if (QUOTE_UNITS.has(q.charCodeAt(start))) {
      let end = start + 1
      while (end < q.length && !QUOTE_UNITS.has(q.charCodeAt(end))) end++
      const u = phraseUnit(compoundsOf(q.slice(start + 1, end)))
      if (u && items.length < MAX_UNITS) {
        ;(neg ? negative : positive).push(u)
        items.push({ unit: u, neg })
      }
      lastWord = null
      i = end + 1
      continue
    }
    let end = start
    while (end < q.length && q.charCodeAt(end) !== SPACE_UNIT && !QUOTE_UNITS.has(q.charCodeAt(end))) end++
    lastWord = null
    for (const c of compoundsOf(q.slice(start, end))) {
      // Units past the cap are dropped, and then no word is the prefix (as if it was the last).
      if (items.length >= MAX_UNITS) {
        lastWord = null
        break
      }
      const u = wordUnit(c)
      ;(neg ? negative : positive).push(u)
      items.push({ unit: u, neg })
      lastWord = neg ? null : u
    }
    i = end
  }
  // Search as you type: the last word, when the query ends with it, also matches as a prefix.
  if (lastWord && positive[positive.length - 1] === lastWord) lastWord.prefix = true
  // Stopwords are optional only beside other words; alone they are what is searched.
  if (positive.every((u) => u.stop)) for (const u of positive) u.stop = false
  return { positive, negative, items, canonical: renderQuery(items) }
}

/** The parsed query, or a QueryError saying why there is nothing to search. */
export function searchableQuery(q: string): ParsedQuery {
  const parsed = parseQuery(q)
  if (parsed.positive.length === 0) {
    throw new QueryError(
      parsed.negative.length > 0
        ? 'the query only excludes words (-word); add a word to search for'
        : 'the query has nothing to search: no letters or digits',
    )
  }
  return parsed
}
