/** @module Splitting the plain text into blocks (sections) and paragraphs, including surviving `...Edit` headings. */

/** One section as the text shows it: a surviving heading (or none) and its paragraphs, each a list of lines. */
export interface Block {
  heading: string | null
  paragraphs: string[][]
}

const NO_BREAK_SPACES = ['\u00A0', '\u2007', '\u202F']
const NO_BREAK = new RegExp(`[${NO_BREAK_SPACES.join('')}]`, 'g')

/**
 * Lines of the text, tolerant of CRLF and a byte-order mark. No-break spaces (the export puts them in
 * `Season 7` and `June 2, 1999`) become plain spaces, so values and passages compare and search as typed.
 */
export function toLines(text: string): string[] {
  const unmarked = text.replace(/^\uFEFF/, '')
  // Most texts hold neither no-break spaces nor carriage returns, and `includes` finds that out several
  // times faster than a regular expression scans for them (half the cost of this at 100 MB).
  const spaced = NO_BREAK_SPACES.some((c) => unmarked.includes(c)) ? unmarked.replace(NO_BREAK, ' ') : unmarked
  return spaced.includes('\r') ? spaced.split(/\r\n|\r|\n/) : spaced.split('\n')
}

/**
 * The heading text when `line` is a surviving heading (`Critical receptionEdit` → `Critical reception`), else null.
 * The export glued the edit link's word to the heading; a prose line never ends in a glued `Edit`
 * with no sentence punctuation before it, and headings are short.
 */
export function headingText(line: string): string | null {
  const t = line.trim()
  if (t.length > 120) return null
  const m = /^(.*\S)Edit$/.exec(t)
  if (!m || !m[1]) return null
  const heading = m[1].trim()
  if (/[.!?,;:]$/.test(heading) || !/\p{L}/u.test(heading)) return null
  return heading
}

/**
 * Groups lines (the text after the title line) into blocks: two or more blank lines end a block,
 * one blank line ends a paragraph, and a heading line starts a new block wherever it stands.
 */
export function splitBlocks(lines: string[]): Block[] {
  const blocks: Block[] = []
  let current: Block = { heading: null, paragraphs: [] }
  let paragraph: string[] = []
  let blanks = 0

  const endParagraph = (): void => {
    if (paragraph.length) current.paragraphs.push(paragraph)
    paragraph = []
  }
  const endBlock = (): void => {
    endParagraph()
    if (current.heading !== null || current.paragraphs.length) blocks.push(current)
    current = { heading: null, paragraphs: [] }
  }

  for (const line of lines) {
    if (line.trim() === '') {
      blanks++
      endParagraph()
      continue
    }
    // A heading with nothing under it yet keeps its block open: the gap separates it from its own text.
    if (blanks >= 2 && current.paragraphs.length) endBlock()
    blanks = 0
    const heading = headingText(line)
    if (heading !== null) {
      endBlock()
      current.heading = heading
      continue
    }
    paragraph.push(line.trimEnd())
  }
  endBlock()
  return blocks
}

/** A paragraph's lines as one line of prose. */
export function joinLines(lines: string[]): string {
  return lines
    .map((l) => l.trim())
    .filter(Boolean)
    .join(' ')
}
