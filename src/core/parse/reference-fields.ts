/** @module Fields of one reference entry: authors, date, quoted title, publisher, retrieved and archived dates. */
import type { ReferenceFields } from '../model.ts'
import { findDate, parseDate } from './dates.ts'

/** The fields of an entry that says nothing of its source. */
export function noReferenceFields(): ReferenceFields {
  return { authors: [], title: null, publisher: null, date: null, retrieved: null, archived: null }
}

// Sentences after the title that are not the publisher; they also mark where a publisher containing
// periods (`The A.V. Club`) ends, which a plain split on `. ` would cut in two.
const KEYWORD = /^(Retrieved|Archived|Interviewed|Accessed)\b/

/** Where the quoted title opens and closes. Titles may hold inner quotes, so it closes at `"` + `.` or ` (`. */
function findTitle(t: string): { open: number; close: number } | null {
  const start = /(^|[.)]\s+)["“]/.exec(t)
  const open = start ? start.index + (start[1]?.length ?? 0) : t.search(/["“]/)
  if (open < 0) return null
  const after = /["”](?=\.|\s\(|\s*$)/g
  after.lastIndex = open + 1
  const end = after.exec(t)
  return end ? { open, close: end.index } : null
}

/** `Surname, Given (date).` before the title: authors split on `;`, the parenthesised date read. */
function readPrefix(prefix: string, out: ReferenceFields): void {
  let p = prefix.trim()
  const paren = /\(([^()]*)\)\.?$/.exec(p)
  if (paren && /\d{4}/.test(paren[1] ?? '')) {
    out.date = findDate(paren[1] ?? '')?.iso ?? null
    p = p.slice(0, paren.index).trim()
  } else {
    p = p.replace(/\.$/, '').trim()
  }
  out.authors = p ? p.split(/\s*;\s*/).filter(Boolean) : []
}

/** The sentences after the title: publisher first, then bare dates, `Retrieved ...`, `Archived ...`. */
function readRest(rest: string, out: ReferenceFields): void {
  const body = rest
    .replace(/^[\s.,]*\([^)]*\)/, '')
    .replace(/^[\s.,]+/, '')
    .replace(/\.\s*$/, '')
  const segments: string[] = []
  for (const piece of body.split(/\.\s+/)) {
    if (!piece) continue
    if (segments.length === 0 || KEYWORD.test(piece) || findDate(piece)?.index === 0) segments.push(piece)
    else segments[segments.length - 1] += `. ${piece}`
  }
  for (const seg of segments) {
    const keyword = KEYWORD.exec(seg)?.[1]
    if (keyword === 'Retrieved' || keyword === 'Accessed') out.retrieved ??= findDate(seg)?.iso ?? null
    else if (keyword === 'Archived') out.archived ??= findDate(seg)?.iso ?? null
    else if (keyword) continue
    else if (parseDate(seg)) out.date ??= parseDate(seg)
    else out.publisher ??= seg.trim() || null
  }
}

/** Best effort for entries with no quoted title (`Title by Author – on Nov 23, 2018`). */
function readUnstructured(t: string, out: ReferenceFields): void {
  const cut = t.search(/\b(Retrieved|Archived)\b/)
  const main = cut >= 0 ? t.slice(0, cut) : t
  if (cut >= 0) readRest(t.slice(cut), out)
  out.date = findDate(main)?.iso ?? null
  const byline = /^(.+?),?\s+by\s+(.+?)\s+[–—-]\s+/.exec(main)
  if (byline) {
    out.title = byline[1]?.trim() || null
    out.authors = byline[2] ? [byline[2].trim()] : []
  }
}

/** Reads the fields of a reference entry as printed (without `^` and back-links). Never throws. */
export function parseReferenceFields(text: string): ReferenceFields {
  const out = noReferenceFields()
  const t = text.trim()
  const span = findTitle(t)
  if (!span) {
    readUnstructured(t, out)
    return out
  }
  out.title = t.slice(span.open + 1, span.close).trim() || null
  readPrefix(t.slice(0, span.open), out)
  readRest(t.slice(span.close + 1), out)
  return out
}
