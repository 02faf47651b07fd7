/**
 * @module Wikitext tables and table-like templates (`{{Episode list}}`) as rows of text. Each one is taken
 * out of the page before wtf_wikipedia reads it and a placeholder left in its place, so its rows become
 * passages where the table stood. Pure: no Node APIs.
 */
import wtf from 'wtf_wikipedia'
import { namedParams, replaceTemplates } from './templates.ts'

/** One table: its caption and each row as `header: value; header: value`. */
export interface TableRows {
  caption: string | null
  rows: string[]
}

/** A word wtf_wikipedia keeps as plain text: `WYLBTABLE3` stands for the fourth table taken out. */
const PLACEHOLDER = /WYLBTABLE(\d+)/g
const placeholder = (k: number) => `\n\nWYLBTABLE${k}\n\n`

/** Tables that only lay out navigation or page furniture. */
const LAYOUT_TABLE = /class\s*=\s*["']?[^"'\n]*\b(navbox|metadata|sidebar|vertical-navbox|toccolours|mbox|ambox)\b/i

/** Templates each of which prints one row of a table from its named parameters. */
const ROW_TEMPLATE = /^episode list(\/sublist)?$/i
/** Templates wrapping such rows: the rows are in their `episodes` parameter. */
const ROWS_WRAPPER = /^episode table(\/part)?$/i

/** Parameters of `{{Episode list}}` as the printed table heads them. */
const EPISODE_HEADS: Record<string, string> = {
  episodenumber: 'No. overall',
  episodenumber2: 'No. in season',
  title: 'Title',
  aux1: 'Notes',
  directedby: 'Directed by',
  writtenby: 'Written by',
  aux2: 'Notes',
  aux3: 'Notes',
  originalairdate: 'Original air date',
  altdate: 'Other date',
  prodcode: 'Production code',
  viewers: 'Viewers (millions)',
  aux4: 'Notes',
  shortsummary: 'Summary',
}
const EPISODE_SKIP =
  /^(linecolor|topcolor|rowcolor|background|linecolour|rtitle|alttitle|raltitle|nested|transcludetitle)$/i

export interface TakenTables {
  /** The wikitext with each table replaced by a placeholder paragraph. */
  text: string
  tables: TableRows[]
}

/** Takes the tables and `{{Episode table}}`/`{{Episode list}}` rows out of `wikitext`. Never throws. */
export function takeTables(wikitext: string): TakenTables {
  const tables: TableRows[] = []
  const withRows = replaceTemplates(wikitext, (name, inner) => {
    if (ROWS_WRAPPER.test(name)) {
      const episodes = namedParams(inner).get('episodes')
      return episodes === undefined ? '' : episodes
    }
    if (!ROW_TEMPLATE.test(name)) return null
    const row = episodeRow(inner)
    if (!row) return ''
    tables.push({ caption: null, rows: [row] })
    return placeholder(tables.length - 1)
  })
  const text = replaceWikiTables(withRows, (raw) => {
    if (LAYOUT_TABLE.test(raw.slice(0, raw.indexOf('\n') >>> 0))) return ''
    const table = readTable(raw)
    if (!table.rows.length) return ''
    tables.push(table)
    return placeholder(tables.length - 1)
  })
  return { text, tables }
}

/** Splits text that may hold placeholders into text and table pieces, in reading order. */
export function splitPlaceholders(text: string): ({ text: string } | { table: number })[] {
  const out: ({ text: string } | { table: number })[] = []
  let last = 0
  for (const m of text.matchAll(PLACEHOLDER)) {
    const before = text.slice(last, m.index).trim()
    if (before) out.push({ text: before })
    out.push({ table: Number(m[1]) })
    last = (m.index ?? 0) + m[0].length
  }
  const rest = text.slice(last).trim()
  if (rest) out.push({ text: rest })
  return out
}

/** The text of a table passage: the caption, then the row. */
export function rowPassageText(table: TableRows, row: string): string {
  return table.caption ? `${table.caption} — ${row}` : row
}

interface Cell {
  text?: string
}

function cellText(cell: Cell | undefined): string {
  return clean(typeof cell?.text === 'string' ? cell.text : '')
}

function clean(s: string): string {
  return s
    .replace(/[\u00A0\u2007\u202F]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
}

function plainWikitext(s: string): string {
  try {
    return clean((wtf(s) as unknown as { text(): string }).text())
  } catch {
    return clean(s)
  }
}

/** One table's caption and rows, read by wtf_wikipedia (which resolves row and column spans). */
export function readTable(raw: string): TableRows {
  // `|+ style="…" | Caption`, or a title row spanning the table (`! colspan=10 | March/April`, as game logs
  // have): the text after the attributes' pipe.
  const captionLine = /^\s*\|\+(.*)$/m.exec(raw)?.[1] ?? titleRow(raw) ?? ''
  const caption = plainWikitext(captionLine.replace(/^[^[{|]*=[^[{|]*\|(?!\|)/, '')) || null
  let json: Record<string, Cell>[]
  try {
    const doc = wtf(raw) as unknown as { tables(): { json(): Record<string, Cell>[] }[] }
    json = doc.tables()[0]?.json() ?? []
  } catch {
    json = []
  }
  const rows: string[] = []
  for (const row of json) {
    const cells = Object.entries(row)
      .map(([head, cell]) => ({ head: clean(head), value: cellText(cell) }))
      .filter((c) => c.value)
    // A repeated heading row (long tables repeat it) says nothing new.
    if (!cells.length || cells.every((c) => c.value === c.head)) continue
    rows.push(cells.map((c) => (/^col\d+$/.test(c.head) ? c.value : `${c.head}: ${c.value}`)).join('; '))
  }
  return { caption, rows }
}

/** A first row of one heading cell spanning columns, which titles the table; null when there is none. */
function titleRow(raw: string): string | null {
  const lines = raw.split('\n').slice(1)
  const end = lines.findIndex((l) => /^\s*\|-/.test(l))
  const first = (end < 0 ? lines : lines.slice(0, end)).filter((l) => l.trim())
  const only = first.length === 1 ? first[0]!.trim() : ''
  return /^!.*\bcolspan\s*=/i.test(only) && !only.includes('!!') ? only.slice(1) : null
}

function episodeRow(inner: string): string | null {
  const cells: string[] = []
  for (const [param, value] of namedParams(inner)) {
    const key = param.toLowerCase().replace(/[\s_]+/g, '')
    if (EPISODE_SKIP.test(key)) continue
    const v = plainWikitext(value.replace(/\n+/g, ' '))
    if (!v) continue
    cells.push(`${EPISODE_HEADS[key] ?? param.trim()}: ${v}`)
  }
  return cells.length ? cells.join('; ') : null
}

/**
 * Replaces each `{| … |}` table with what `fn` returns. A table nested in another's cell (a season's game
 * log nests a table per month) is read on its own: its replacement follows its parent's, in opening order.
 */
function replaceWikiTables(text: string, fn: (raw: string) => string): string {
  if (!text.includes('{|')) return text
  const out: string[] = []
  const open: { lines: string[]; order: number }[] = []
  let replacements: string[] = []
  const close = () => {
    const table = open.pop() as { lines: string[]; order: number }
    replacements[table.order] = fn(table.lines.join('\n'))
    if (open.length === 0) {
      out.push(replacements.join(''))
      replacements = []
    }
  }
  for (const line of text.split('\n')) {
    const t = line.trimStart()
    if (t.startsWith('{|')) open.push({ lines: [], order: replacements.push('') - 1 })
    const top = open[open.length - 1]
    if (top) top.lines.push(line)
    else out.push(line)
    if (top && t.startsWith('|}')) close()
  }
  while (open.length) {
    open[open.length - 1]?.lines.push('|}')
    close()
  }
  return out.join('\n')
}
