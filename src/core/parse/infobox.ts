/** @module The flattened infobox inside the lead: heading, subheading, image, label-glued fields and chronology. */
import type { Infobox, InfoboxField } from '../model.ts'
import { findDate, parseDate } from './dates.ts'

/**
 * Labels the export glues to their values (`Directed byAllan Kroeker`). Without a list there is no telling
 * where a label ends and its value begins, nor whether a line starts a field or continues the previous one.
 */
export const INFOBOX_LABELS: readonly string[] = [
  'Episode no.',
  'Directed by',
  'Written by',
  'Story by',
  'Teleplay by',
  'Screenplay by',
  'Featured music',
  'Music by',
  'Cinematography by',
  'Editing by',
  'Edited by',
  'Produced by',
  'Production code',
  'Original air date',
  'Running time',
  'Guest appearance(s)',
  'Guest appearances',
  'Episode chronology',
  'Release date',
  'Genre',
  'Created by',
  'Developed by',
  'Based on',
  'Starring',
  'Country of origin',
  'Original language',
  'No. of seasons',
  'No. of episodes',
  'Original network',
  'Original release',
  'Executive producer(s)',
  'Producer(s)',
  'Production company',
  'Production companies',
  'Distributor',
  'Theme music composer',
  'Composer',
  'Narrated by',
  'Presented by',
]

// Longest first, so `Episode no.` is never read as a shorter label that happens to prefix it.
const BY_LENGTH = [...INFOBOX_LABELS].sort((a, b) => b.length - a.length)
const IMAGE = /\.(jpe?g|png|gif|svg|webp)$/i
const QUOTED = /^["“](.+)["”]$/

/** The label a line starts with and the rest of the line (its first value), or null. */
export function matchLabel(line: string): { label: string; rest: string } | null {
  const t = line.trim()
  const label = BY_LENGTH.find((l) => t.startsWith(l))
  return label === undefined ? null : { label, rest: t.slice(label.length).trim() }
}

/** snake_case with punctuation dropped: `Guest appearance(s)` → `guest_appearances`. */
export function fieldKey(label: string): string {
  return label
    .toLowerCase()
    .replace(/[^a-z0-9\s]/g, '')
    .trim()
    .split(/\s+/)
    .join('_')
}

function unquote(line: string): string | null {
  const m = QUOTED.exec(line.trim())
  return m && m[1] ? m[1] : null
}

/**
 * Index of the infobox's first line in a paragraph, or -1. The infobox opens with the title repeated in quotes;
 * failing that, a paragraph of several lines that start with known labels is taken as one from its first line.
 */
export function findInfoboxStart(lines: string[], title: string): number {
  const quoted = lines.findIndex((l) => {
    const inner = unquote(l)
    return inner !== null && inner.trim() === title.trim()
  })
  if (quoted >= 0) return quoted
  const labelled = lines.filter((l) => matchLabel(l) !== null).length
  return lines.length >= 3 && labelled >= 2 ? 0 : -1
}

function addValue(field: InfoboxField, raw: string): void {
  let value = raw.trim()
  // `June 2, 1999 (1999-06-02)`: the parenthesised ISO is machine data, not part of the printed value.
  const inParens = /\s*\((\d{4}-\d{2}-\d{2})\)\s*$/.exec(value)
  if (inParens) {
    value = value.slice(0, inParens.index).trim()
    field.iso_date ??= parseDate(inParens[1] ?? '') ?? undefined
  } else if (field.iso_date === undefined) {
    const iso = field.key.includes('date') ? findDate(value)?.iso : parseDate(value)
    if (iso) field.iso_date = iso
  }
  if (field.iso_date === undefined) delete field.iso_date
  if (!value) return
  // `575 & 576` are two codes; `Episode 25 & 26` is one printed value and stays whole.
  const parts = /^\d+(\s*&\s*\d+)+$/.test(value) ? value.split(/\s*&\s*/) : [value]
  field.values.push(...parts)
}

/** Parses the infobox's lines (the first is its heading). Never throws. */
export function parseInfobox(lines: string[]): Infobox {
  const rows = lines.map((l) => l.trim()).filter(Boolean)
  const box: Infobox = { heading: rows[0] ?? '', subheading: null, image: null, fields: [], previous: null, next: null }
  const isPlain = (l: string | undefined): l is string => l !== undefined && !matchLabel(l) && !IMAGE.test(l)
  let i = 1
  if (isPlain(rows[i])) box.subheading = rows[i++] ?? null
  const file = rows[i]
  if (file !== undefined && IMAGE.test(file)) {
    i++
    const caption = rows[i]
    box.image = { file, caption: isPlain(caption) ? caption : null }
    if (isPlain(caption)) i++
  }

  let field: InfoboxField | null = null
  let chronology = false
  let pending: 'previous' | 'next' | null = null
  for (; i < rows.length; i++) {
    const line = rows[i] ?? ''
    const labelled = matchLabel(line)
    if (labelled) {
      // The chronology is navigation, represented by previous/next rather than as a field.
      chronology = /chronology$/i.test(labelled.label)
      pending = null
      field = chronology ? null : { label: labelled.label, key: fieldKey(labelled.label), values: [] }
      if (field) {
        box.fields.push(field)
        if (labelled.rest) addValue(field, labelled.rest)
      }
      continue
    }
    if (!chronology) {
      if (field) addValue(field, line)
      continue
    }
    const nav = /^(?:←\s*)?(Previous|Next)\b\s*(?:→)?\s*(.*)$/i.exec(line)
    if (nav) {
      pending = (nav[1] ?? '').toLowerCase() === 'previous' ? 'previous' : 'next'
      const inline = unquote(nav[2] ?? '')
      if (inline !== null) {
        box[pending] = inline
        pending = null
      }
      continue
    }
    // After `Next →` a line that is not a quoted title (a season or list link) means there is no next item.
    const title = unquote(line)
    if (pending && title !== null) box[pending] = title
    pending = null
  }
  return box
}

/** Passages the infobox contributes: local id and text, in the order a reader meets them. */
export function infoboxPassages(box: Infobox): { local: string; kind: 'caption' | 'infobox'; text: string }[] {
  const out: { local: string; kind: 'caption' | 'infobox'; text: string }[] = []
  if (box.image?.caption) out.push({ local: 'infobox-caption', kind: 'caption', text: box.image.caption })
  for (const f of box.fields) {
    if (f.values.length)
      out.push({ local: `infobox-${f.key}`, kind: 'infobox', text: `${f.label}: ${f.values.join(', ')}` })
  }
  if (box.previous) out.push({ local: 'infobox-previous', kind: 'infobox', text: `Previous: ${box.previous}` })
  if (box.next) out.push({ local: 'infobox-next', kind: 'infobox', text: `Next: ${box.next}` })
  return out
}
