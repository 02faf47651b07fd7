/**
 * @module A `<ref>`'s content read into a reference: `{{cite web}}` and its kin through their parameters
 * (authors, title, work, dates) with the text printed as a reference list prints it, anything else
 * parsed as printed.
 */
import { findDate, parseDate } from '../../parse/dates.ts'
import { noReferenceFields, parseReferenceFields } from '../../parse/reference-fields.ts'
import type { ReferenceFields } from '../../model.ts'
import { parseWikitext, plain } from './document.ts'

/** The ISO date of a cite template's date parameter, when it holds a date. */
function isoOf(value: unknown): string | null {
  if (typeof value !== 'string' || !value.trim()) return null
  const v = plain(value)
  return parseDate(v) ?? findDate(v)?.iso ?? null
}

function str(json: Record<string, unknown>, ...keys: string[]): string | null {
  for (const k of keys) {
    const v = json[k]
    if (typeof v === 'string' && v.trim()) return plain(v)
  }
  return null
}

function citeAuthors(json: Record<string, unknown>): string[] {
  const authors: string[] = []
  for (let i = 0; i <= 12; i++) {
    const s = i === 0 ? '' : String(i)
    const last = str(json, `last${s}`, `surname${s}`, ...(i === 1 ? ['last', 'surname'] : []))
    const first = str(json, `first${s}`, `given${s}`, ...(i === 1 ? ['first', 'given'] : []))
    const author = str(json, `author${s}`, ...(i === 1 ? ['author'] : []))
    if (i === 1 && authors.length) continue // `last` and `last1` are the same author
    if (last) authors.push(first ? `${last}, ${first}` : last)
    else if (author) authors.push(author)
  }
  const many = str(json, 'authors', 'vauthors')
  if (many) authors.push(...many.split(/\s*;\s*|\s*,\s*(?=[^,]+$)/).filter(Boolean))
  return [...new Set(authors)]
}

interface RefRecord extends ReferenceFields {
  text: string
}

/** Fields and printed text of one `<ref>`'s content: cite templates read, anything else parsed as printed. */
export function readReference(content: string | null): RefRecord {
  if (!content || !content.trim()) return { text: '', ...noReferenceFields() }
  let json: Record<string, unknown> | null = null
  if (/\{\{\s*(cite|citation|vcite)\b/i.test(content)) {
    try {
      const ref = parseWikitext(`<ref>${content}</ref>`).references()[0]
      const j = ref?.json()
      if (j && typeof j.title === 'string') json = j
    } catch {
      json = null
    }
  }
  if (!json) {
    const text = plain(content)
    return { text, ...parseReferenceFields(text) }
  }
  const rec: RefRecord = {
    text: '',
    authors: citeAuthors(json),
    title: str(json, 'title', 'script-title', 'chapter'),
    publisher: str(json, 'work', 'website', 'newspaper', 'magazine', 'journal', 'periodical', 'publisher', 'via'),
    date: isoOf(json.date),
    retrieved: isoOf(json['access-date'] ?? json.accessdate ?? json['access_date']),
    archived: isoOf(json['archive-date'] ?? json.archivedate ?? json['archive_date']),
  }
  const printedDate = str(json, 'date', 'year')
  const parts: string[] = []
  if (rec.authors.length) parts.push(`${rec.authors.join('; ')}${printedDate ? ` (${printedDate})` : ''}.`)
  if (rec.title) parts.push(`"${rec.title}".`)
  if (rec.publisher) parts.push(`${rec.publisher}.`)
  if (!rec.authors.length && printedDate) parts.push(`${printedDate}.`)
  const archivedOn = str(json, 'archive-date', 'archivedate')
  if (archivedOn) parts.push(`Archived from the original on ${archivedOn}.`)
  const retrievedOn = str(json, 'access-date', 'accessdate')
  if (retrievedOn) parts.push(`Retrieved ${retrievedOn}.`)
  rec.text = parts.join(' ').replace(/\.\./g, '.')
  return rec
}
