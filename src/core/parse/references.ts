/** @module The Notes and References lists (`  1. ^ a b c text`): entries, back-links and their records. */
import type { Note, Reference } from '../model.ts'
import { parseReferenceFields } from './reference-fields.ts'

const ITEM = /^\s*(\d+)\.\s+(?:\^\s*)?(.*)$/
const FIRST_ITEM = /^\s*\d+\.\s+\^/

/** One list entry: its number, back-link letters and the entry text after them. */
export interface ListEntry {
  n: number
  backlinks: string[]
  text: string
}

/** Whether a block is a numbered back-linked list: its first line is `N. ^ ...`. */
export function isListBlock(paragraphs: string[][]): boolean {
  const first = paragraphs[0]?.[0]
  return first !== undefined && FIRST_ITEM.test(first)
}

/**
 * Splits `a b c text` into back-links and text. Letters count only as a run `a`, `b`, `c`... of two or more:
 * a source cited once gets a bare `^`, so a lone `a` is the first word of the entry.
 */
export function splitBacklinks(rest: string): { backlinks: string[]; text: string } {
  const letters: string[] = []
  let position = 0
  const re = /([a-z])(?:\s+|$)/y
  for (;;) {
    re.lastIndex = position
    const m = re.exec(rest)
    if (!m || m[1] !== String.fromCharCode(97 + letters.length)) break
    letters.push(m[1])
    position = re.lastIndex
  }
  if (letters.length < 2) return { backlinks: [], text: rest.trim() }
  return { backlinks: letters, text: rest.slice(position).trim() }
}

/** Entries of a list block; a line that is not `N. ...` continues the entry before it. */
export function parseListEntries(paragraphs: string[][]): ListEntry[] {
  const entries: ListEntry[] = []
  for (const line of paragraphs.flat()) {
    const m = ITEM.exec(line)
    const last = entries[entries.length - 1]
    if (m) entries.push({ n: Number(m[1]), ...splitBacklinks(m[2] ?? '') })
    else if (last) last.text = `${last.text} ${line.trim()}`.trim()
  }
  return entries
}

/** A note's record; `text` is the passage text (markers removed), `cited_by` is filled by linking. */
export function makeNote(entry: ListEntry, passageId: string, text: string): Note {
  return { id: `note-${entry.n}`, n: entry.n, text, passage: passageId, cited_by: [] }
}

/** A reference's record with the fields read from its entry; `cited_by` is filled by linking. */
export function makeReference(entry: ListEntry, passageId: string): Reference {
  return {
    id: `ref-${entry.n}`,
    n: entry.n,
    text: entry.text,
    ...parseReferenceFields(entry.text),
    backlinks: entry.backlinks,
    cited_by: [],
    passage: passageId,
  }
}
