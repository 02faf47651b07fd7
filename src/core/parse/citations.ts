/** @module Inline citation markers (`[12]`, `[1][2][3]`, `[note 2]`): removed from text, recorded as `ref-12` / `note-2`. */

// Only digits and `note digits` are markers; editorial brackets in quotations (`[...]`, `[with]`) stay in the text.
const MARKER = /\[(note\s+)?(\d+)\]/g

export interface ExtractedCitations {
  /** The text without markers. */
  text: string
  /** Cited ids, unique, in order of first appearance. */
  citations: string[]
  /** Cited ids, one per marker occurrence: back-links count citing places, not citing passages. */
  places: string[]
}

export function extractCitations(raw: string): ExtractedCitations {
  let out = ''
  let last = 0
  const places: string[] = []
  for (const m of raw.matchAll(MARKER)) {
    out += raw.slice(last, m.index)
    places.push(`${m[1] ? 'note' : 'ref'}-${Number(m[2])}`)
    last = m.index + m[0].length
    // A marker set off by spaces ("word [1] word", "word [1].") would leave a double space or a space before punctuation.
    const next = raw.charAt(last)
    if (/\s$/.test(out) && (next === '' || /[\s.,;:!?)\]]/.test(next))) out = out.replace(/\s+$/, '')
  }
  out += raw.slice(last)
  return { text: out.trim(), citations: [...new Set(places)], places }
}

export function stripCitations(raw: string): string {
  return extractCitations(raw).text
}
