/**
 * @module wikitextToArticle: one MediaWiki page (wikitext) into the same Article model the plain-text parser
 * produces. Pure: no Node APIs. wtf_wikipedia does the wikitext → plain text work; footnotes are turned into
 * the plain text's inline markers (`[3]`, `[note 1]`) first, so passages, ids and citation linking reuse the
 * plain-text parser's own helpers. Never throws.
 */
import wtf from 'wtf_wikipedia'
import type { Article, Infobox, InfoboxField, Note, PassageKind, Reference, Section } from '../../model.ts'
import { findDate, parseDate } from '../../parse/dates.ts'
import { fieldKey, infoboxPassages } from '../../parse/infobox.ts'
import { linkCitations, PassageMaker } from '../../parse/passages.ts'
import { parseReferenceFields, type ReferenceFields } from '../../parse/reference-fields.ts'
import { slugify } from '../../parse/slug.ts'
import { rowPassageText, splitPlaceholders, splitTopLevel, takeTables, type TableRows } from './tables.ts'

export interface WikitextPage {
  title: string
  /** Wikitext of the page's latest revision. */
  text: string
  /** URL of the page; derived from `opts.base` (or English Wikipedia) when absent. */
  source?: string
}

export interface WikitextOptions {
  /** Publisher in the attribution: the export's `<siteinfo><sitename>`. Default `Wikipedia`. */
  siteName?: string
  /** Default CC BY-SA 4.0. */
  licence?: { name: string; url: string }
  /** Base for page URLs, e.g. `https://en.wikipedia.org/wiki/` (a `<siteinfo><base>` Main Page URL also works). */
  base?: string
  /** Slug of the article; default `slugify(title)`. */
  slug?: string
}

export const DEFAULT_LICENCE = { name: 'CC BY-SA 4.0', url: 'https://creativecommons.org/licenses/by-sa/4.0/' } as const
const DEFAULT_BASE = 'https://en.wikipedia.org/wiki/'

// wtf_wikipedia's types are loose (`object`); these are the parts used here.
interface WtfSentence {
  text(): string
}
interface WtfList {
  lines(): WtfSentence[]
}
interface WtfParagraph {
  sentences(): WtfSentence[]
  lists(): WtfList[]
}
interface WtfImage {
  caption(): string
}
interface WtfSection {
  title(): string
  depth(): number
  paragraphs(): WtfParagraph[]
  images(): WtfImage[]
}
interface WtfInfobox {
  type(): string
  data: Record<string, WtfSentence> | (() => Record<string, WtfSentence>)
}
interface WtfDoc {
  sections(): WtfSection[]
  infoboxes(): WtfInfobox[]
  text(): string
  references(): { json(): Record<string, unknown> }[]
  categories(): string[]
}

/**
 * Templates that print nothing a reader searches for: hatnotes, maintenance tags, navigation, layout,
 * sister-project boxes. Any other template wtf_wikipedia does not know prints its unnamed parameters.
 */
const SILENT_TEMPLATE =
  /^(short description|portal.*|see also|see|also|further|further information|main article|details|broader|related articles|about|for|other uses.*|distinguish|redirect.*|main|hatnote|commons.*|wikiquote|wiktionary|wikisource|sister project.*|authority control|.*navbox.*|navboxes|use .*|italic title|displaytitle|lowercase title|good article|featured article|pp(-.*)?|.*stub|multiple issues|cleanup.*|citation needed|cn|fact|clarify|when|who|dead link|toc.*|clear.*|reflist|refbegin|refend|notelist.*|div col.*|col-.*|end|s-.*|defaultsort|orphan|unreferenced.*|more citations needed.*|refimprove.*|primary sources|external media|official website|imdb.*|tv\.com.*|sfn.*|harv.*|rp|anchor|efn.*|webarchive|cbignore|update.*|expand.*|verify.*|unreliable.*|by whom|which|according to whom|dubious|original research|ref improve.*|use list-defined references|coord missing)$/i

interface WtfTemplateJson {
  template?: string
  list?: unknown[]
}

/** An unknown template's text: its unnamed parameters, so `{{Some template|kept text}}` is never lost. */
function unknownTemplate(body: string, _out: unknown[], toJSON: (body: string) => WtfTemplateJson): string {
  const json = toJSON(body)
  const name = (json.template ?? '').trim()
  if (!name || /^[#:]|:/.test(name) || SILENT_TEMPLATE.test(name)) return ''
  return (json.list ?? []).filter((v): v is string => typeof v === 'string' && /[\p{L}\p{N}]/u.test(v)).join(' ')
}

function parse(text: string): WtfDoc {
  return wtf(text, { templateFallbackFn: unknownTemplate } as never) as unknown as WtfDoc
}

// ---------------------------------------------------------------------------------------------------------
// Footnotes: <ref> and {{efn}} become inline markers before wtf_wikipedia sees the text.

interface RefSlot {
  n: number
  name: string | null
  /** Raw wikitext content; null while only `<ref name=x/>` uses have been seen. */
  content: string | null
}

interface Footnotes {
  refs: RefSlot[]
  notes: RefSlot[]
}

const REF = /<ref\b([^>]*?)(?:\/\s*>|>([\s\S]*?)<\/ref\s*>)/gi
const REF_OR_NOTE = /<ref\b([^>]*?)(?:\/\s*>|>([\s\S]*?)<\/ref\s*>)|\u0000(\d+)\u0000/gi
const NOTE_TEMPLATE = /^(efn(?:-[a-z]+)?|notetag|refn|note\s*label)$/i
const NOTE_GROUP = /^(note|notes|n|nb|lower-alpha|upper-alpha|lower-roman|upper-roman|alpha)$/i

function attr(attrs: string, name: string): string | null {
  const m = new RegExp(`\\b${name}\\s*=\\s*(?:"([^"]*)"|'([^']*)'|([^\\s"'/>]+))`, 'i').exec(attrs)
  const v = m ? (m[1] ?? m[2] ?? m[3] ?? '') : null
  return v === null ? null : v.trim()
}

/** Registers one use of a footnote (named ones are shared) and returns its number. */
function use(list: RefSlot[], byName: Map<string, RefSlot>, name: string | null, content: string | null): number {
  const named = name ? byName.get(name) : undefined
  if (named) {
    if (named.content === null && content !== null && content.trim()) named.content = content
    return named.n
  }
  const slot: RefSlot = { n: list.length + 1, name, content: content !== null && content.trim() ? content : null }
  list.push(slot)
  if (name) byName.set(name, slot)
  return slot.n
}

/** End index (exclusive) of the template opening at `start` (`{{`), or -1 when unclosed. */
function templateEnd(text: string, start: number): number {
  let depth = 0
  for (let i = start; i < text.length - 1; i++) {
    if (text[i] === '{' && text[i + 1] === '{') {
      depth++
      i++
    } else if (text[i] === '}' && text[i + 1] === '}') {
      depth--
      i++
      if (depth === 0) return i + 1
    }
  }
  return -1
}

/**
 * Replaces `<ref>`s with `[n]` (numbered in order of first use, named refs shared) and note templates
 * (`{{efn}}`, `{{refn|group=note}}`, `<ref group="note">`) with `[note n]`.
 */
export function extractFootnotes(wikitext: string): { text: string; refs: RefSlot[]; notes: RefSlot[] } {
  const fn: Footnotes = { refs: [], notes: [] }
  const refNames = new Map<string, RefSlot>()
  const noteNames = new Map<string, RefSlot>()
  // Note templates become placeholders first; then one pass numbers refs and notes in order of first use.
  const pending: { name: string | null; content: string }[] = []
  let out = ''
  let i = 0
  const text = wikitext.replace(/<!--[\s\S]*?(?:-->|$)/g, '').replace(/\u0000/g, '')
  for (;;) {
    const open = text.indexOf('{{', i)
    if (open < 0) break
    const nameMatch = /^\{\{\s*([^|{}]+?)\s*(\||\}\})/.exec(text.slice(open, open + 80))
    const name = nameMatch?.[1] ?? ''
    if (!NOTE_TEMPLATE.test(name)) {
      out += text.slice(i, open + 2)
      i = open + 2
      continue
    }
    const end = templateEnd(text, open)
    if (end < 0) break
    const params = splitTopLevel(text.slice(open + 2, end - 2), false).slice(1)
    let group: string | null = null
    let noteName: string | null = null
    const body: string[] = []
    for (const p of params) {
      const kv = /^\s*(group|name)\s*=\s*([\s\S]*)$/i.exec(p)
      if (kv) {
        if ((kv[1] ?? '').toLowerCase() === 'group') group = (kv[2] ?? '').trim()
        else noteName = (kv[2] ?? '').trim().replace(/^["']|["']$/g, '')
      } else body.push(p.replace(/^\s*\d+\s*=/, ''))
    }
    const content = body.join('|')
    const isNote = !/^refn$/i.test(name) || (group !== null && NOTE_GROUP.test(group))
    out += text.slice(i, open)
    if (isNote) {
      pending.push({ name: noteName, content })
      out += `\u0000${pending.length - 1}\u0000`
    } else out += `<ref${noteName ? ` name="${noteName}"` : ''}>${content}</ref>`
    i = end
  }
  out += text.slice(i)

  const replaced = out.replace(
    REF_OR_NOTE,
    (_m, attrs: string | undefined, content: string | undefined, k: string | undefined) => {
      if (k !== undefined) {
        const note = pending[Number(k)]
        return `[note ${use(fn.notes, noteNames, note?.name ?? null, note?.content ?? null)}]`
      }
      const name = attr(attrs ?? '', 'name')
      const group = attr(attrs ?? '', 'group')
      if (group !== null && NOTE_GROUP.test(group)) return `[note ${use(fn.notes, noteNames, name, content ?? null)}]`
      return `[${use(fn.refs, refNames, name, content ?? null)}]`
    },
  )
  // Refs inside note bodies.
  for (const note of fn.notes) {
    if (note.content !== null)
      note.content = note.content.replace(REF, (_m, attrs: string, content: string | undefined) => {
        return `[${use(fn.refs, refNames, attr(attrs ?? '', 'name'), content ?? null)}]`
      })
  }
  return { text: replaced, ...fn }
}

// ---------------------------------------------------------------------------------------------------------
// Plain text helpers.

/** One paragraph of wtf_wikipedia's text as one line: list bullets dropped, whitespace collapsed. */
export function cleanText(text: string): string {
  return text
    .split('\n')
    .map((l) => l.replace(/^\s*[*#:;]+\s*/, '').trim())
    .filter(Boolean)
    .join(' ')
    .replace(/\{\{[^{}]*\}\}/g, '')
    .replace(/<\/?[a-z][^<>]*>/gi, '')
    .replace(/\{\{|\}\}|\[\[|\]\]|\{\||\|\}/g, '')
    .replace(/[\u00A0\u2007\u202F]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
}

/** Plain text of a snippet of wikitext. */
function plain(wikitext: string): string {
  if (!/[[{'<&]/.test(wikitext)) return wikitext.trim()
  try {
    return cleanText(parse(wikitext).text())
  } catch {
    return wikitext.trim()
  }
}

function isoOf(value: unknown): string | null {
  if (typeof value !== 'string' || !value.trim()) return null
  const v = plain(value)
  return parseDate(v) ?? findDate(v)?.iso ?? null
}

// ---------------------------------------------------------------------------------------------------------
// References.

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
  const empty: RefRecord = {
    text: '',
    authors: [],
    title: null,
    publisher: null,
    date: null,
    retrieved: null,
    archived: null,
  }
  if (!content || !content.trim()) return empty
  let json: Record<string, unknown> | null = null
  if (/\{\{\s*(cite|citation|vcite)\b/i.test(content)) {
    try {
      const ref = parse(`<ref>${content}</ref>`).references()[0]
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

// ---------------------------------------------------------------------------------------------------------
// Infobox.

const PREVIOUS =
  /^(prev|previous|preceded_?by|prev_?episode|previous_?episode|prev_?title|last_?single|prev_?album|before)$/i
const NEXT = /^(next|followed_?by|next_?episode|next_?title|next_?single|next_?album|after)$/i
const SKIP = new Set([
  'title',
  'name',
  'image',
  'caption',
  'alt',
  'image_alt',
  'image_size',
  'imagesize',
  'image_upright',
  'upright',
  'series',
  'episode_list',
  'season_list',
  'italic_title',
  'module',
  'embed',
  'child',
  'bgcolour',
  'bgcolor',
  'width',
  'series_no',
  'episode_chronology',
  'label',
  'logo',
])

/**
 * Printed labels of common `{{Infobox television episode}}` parameters, so their keys match what the
 * plain-text parser reads from the same infobox (`directed_by`, not `director`). Others are humanized.
 */
const LABELS: Record<string, string> = {
  director: 'Directed by',
  writer: 'Written by',
  story: 'Story by',
  teleplay: 'Teleplay by',
  music: 'Featured music',
  photographer: 'Cinematography by',
  cinematography: 'Cinematography by',
  editor: 'Edited by',
  producer: 'Produced by',
  production: 'Production code',
  airdate: 'Original air date',
  released: 'Release date',
  length: 'Running time',
  runtime: 'Running time',
  guests: 'Guest appearance(s)',
}

/** `access_date` → `Access date`; `airdate` → `Original air date` (see LABELS). */
export function humanizeParam(param: string): string {
  const known = LABELS[param.toLowerCase()]
  if (known) return known
  const words = param.replace(/[_-]+/g, ' ').replace(/\s+/g, ' ').trim()
  return words.charAt(0).toUpperCase() + words.slice(1)
}

function infoboxData(box: WtfInfobox): Record<string, WtfSentence> {
  const d = typeof box.data === 'function' ? box.data() : box.data
  return d && typeof d === 'object' ? d : {}
}

function unquote(s: string): string {
  return s.replace(/^["“'‘]+|["”'’]+$/g, '').trim()
}

function valueText(v: WtfSentence | undefined): string {
  try {
    return v && typeof v.text === 'function' ? v.text() : ''
  } catch {
    return ''
  }
}

function makeInfobox(box: WtfInfobox, title: string): Infobox {
  const data = infoboxData(box)
  const type = (() => {
    try {
      return box.type() || ''
    } catch {
      return ''
    }
  })()
  const get = (k: string) => cleanText(valueText(data[k]))
  const named = unquote(get('title') || get('name') || title)
  const series = get('series')
  const heading = /episode|song|single/i.test(type) ? `"${named}"` : named
  const file = get('image')
    .replace(/^(file|image):/i, '')
    .trim()
  const caption = get('caption')
  const result: Infobox = {
    heading,
    subheading: series ? `${series} ${/episode/i.test(type) ? 'episode' : type}`.trim() : null,
    image: file ? { file, caption: caption || null } : null,
    fields: [],
    previous: null,
    next: null,
  }
  for (const [param, value] of Object.entries(data)) {
    const raw = valueText(value)
    if (PREVIOUS.test(param)) {
      result.previous = unquote(cleanText(raw)) || null
      continue
    }
    if (NEXT.test(param)) {
      result.next = unquote(cleanText(raw)) || null
      continue
    }
    if (SKIP.has(param.toLowerCase())) continue
    const label = humanizeParam(param)
    const field: InfoboxField = { label, key: fieldKey(label), values: [] }
    for (const line of raw.split(/\n|<br\s*\/?>/i)) {
      const v = cleanText(line)
      if (!v) continue
      field.values.push(...(/^\d+(\s*&\s*\d+)+$/.test(v) ? v.split(/\s*&\s*/) : [v]))
    }
    const joined = field.values.join(' ')
    const iso = field.key.includes('date')
      ? findDate(joined)?.iso
      : field.values.length === 1
        ? parseDate(joined)
        : null
    if (iso) field.iso_date = iso
    result.fields.push(field)
  }
  return result
}

// ---------------------------------------------------------------------------------------------------------
// The article.

/** The URL of a wiki's page: `base` (a `<siteinfo><base>` Main Page URL also works) and the title. */
export function pageUrl(title: string, base: string | undefined): string {
  let b = base?.trim() || DEFAULT_BASE
  // `<siteinfo><base>` is the Main Page's URL: keep everything up to the last `/`.
  if (!b.endsWith('/')) b = b.slice(0, b.lastIndexOf('/') + 1) || `${b}/`
  return b + encodeURI(title.trim().replace(/ /g, '_')).replace(/\?/g, '%3F')
}

const REFS_SECTION = /^(references|citations|sources|footnotes|notes and references|references and notes|works cited)$/i
const NOTES_SECTION = /^(notes|explanatory notes|footnotes|notes and references|references and notes)$/i
const TAIL_SECTION = /^(external links|further reading)$/i

/** The Article for one page of wikitext, in the model the plain-text parser produces. Never throws. */
export function wikitextToArticle(page: WikitextPage, opts: WikitextOptions = {}): Article {
  const title = (page.title ?? '').trim()
  const slug = opts.slug ?? (slugify(title) || 'untitled')
  const licence = opts.licence ?? DEFAULT_LICENCE
  const publisher = opts.siteName?.trim() || 'Wikipedia'
  const source = page.source ?? pageUrl(title, opts.base)

  const foot = extractFootnotes(typeof page.text === 'string' ? page.text : '')
  const tables = takeTables(galleriesAsImages(foot.text))
  let doc: WtfDoc | null = null
  try {
    doc = parse(tables.text)
  } catch {
    doc = null
  }

  const maker = new PassageMaker(slug)
  const used = new Set<string>()
  const uniqueId = (id: string) => {
    let c = id
    for (let k = 2; used.has(c); k++) c = `${id}-${k}`
    used.add(c)
    return c
  }
  const sections: Section[] = []
  let infobox: Infobox | null = null
  let summary = ''
  let lastTop = 'lead'

  let wtfSections: WtfSection[]
  try {
    wtfSections = doc ? doc.sections() : []
  } catch {
    wtfSections = []
  }
  try {
    const box = doc?.infoboxes()[0]
    if (box) infobox = makeInfobox(box, title)
  } catch {
    infobox = null
  }

  const first = wtfSections[0]
  const hasLead = first !== undefined && !safe(() => first.title(), '').trim()
  if (!hasLead) sections.push({ id: uniqueId('lead'), title: 'Lead', level: 1, parent: null, passages: [] })

  wtfSections.forEach((ws, i) => {
    const isLead = i === 0 && hasLead
    const heading = isLead ? 'Lead' : cleanText(safe(() => ws.title(), '')) || `Section ${sections.length + 1}`
    const level = isLead ? 1 : safe(() => ws.depth(), 0) >= 1 ? 2 : 1
    const id = uniqueId(isLead ? 'lead' : slugify(heading) || `section-${sections.length + 1}`)
    const section: Section = { id, title: heading, level, parent: level > 1 ? lastTop : null, passages: [] }
    if (level === 1) lastTop = id
    sections.push(section)
    let n = 0
    const add = (kind: PassageKind, text: string) => section.passages.push(maker.make(`${id}-${++n}`, id, kind, text))
    const captions = safe(() => ws.images(), [] as WtfImage[])
      .map((img) => cleanText(safe(() => img.caption(), '')))
      .filter(Boolean)
    // The lead's image is the infobox's, read with the infobox; other sections open with their images.
    if (!isLead) for (const cap of captions) add('caption', cap)
    for (const p of safe(() => ws.paragraphs(), [] as WtfParagraph[])) {
      const prose = safe(() => p.sentences(), [] as WtfSentence[])
        .map((x) => safe(() => x.text(), ''))
        .join(' ')
      for (const piece of splitPlaceholders(prose)) {
        if ('table' in piece) {
          addTable(tables.tables[piece.table], add)
          continue
        }
        const text = cleanText(piece.text)
        if (!hasWords(text)) continue
        add('paragraph', text)
        if (isLead && !summary) {
          summary = section.passages.at(-1)?.text ?? ''
          // As in the plain text: the infobox's passages follow the opening paragraph.
          if (infobox)
            for (const e of infoboxPassages(infobox)) section.passages.push(maker.make(e.local, id, e.kind, e.text))
        }
      }
      for (const list of safe(() => p.lists(), [] as WtfList[])) {
        const items = safe(() => list.lines(), [] as WtfSentence[]).flatMap((line) =>
          splitPlaceholders(safe(() => line.text(), '')),
        )
        const texts: string[] = []
        for (const item of items) {
          if ('table' in item) addTable(tables.tables[item.table], add)
          else if (hasWords(cleanText(item.text))) texts.push(cleanText(item.text))
        }
        for (const chunk of chunks(texts)) add('list', chunk)
      }
    }
    if (isLead) for (const cap of captions.filter((c) => c !== infobox?.image?.caption)) add('caption', cap)
  })
  const lead = sections[0]
  if (lead && infobox && !lead.passages.some((p) => p.kind === 'infobox' || p.id.endsWith(':infobox-caption')))
    for (const e of infoboxPassages(infobox)) lead.passages.push(maker.make(e.local, lead.id, e.kind, e.text))

  // Notes and references: their passages go to the article's Notes / References sections (made when missing).
  const notes: Note[] = []
  const references: Reference[] = []
  const place = (re: RegExp | null, fallback: string): Section => {
    const found = re ? sections.find((s) => s.id !== 'lead' && re.test(s.title)) : undefined
    if (found) return found
    const made: Section = { id: uniqueId(slugify(fallback)), title: fallback, level: 1, parent: null, passages: [] }
    const tail = sections.findIndex((s) => TAIL_SECTION.test(s.title) && s.level === 1)
    if (tail > 0) sections.splice(tail, 0, made)
    else sections.push(made)
    return made
  }
  if (foot.notes.length) {
    const home = place(NOTES_SECTION, 'Notes')
    for (const slot of foot.notes) {
      const passage = maker.make(`note-${slot.n}`, home.id, 'note', slot.content === null ? '' : plain(slot.content))
      home.passages.push(passage)
      notes.push({ id: `note-${slot.n}`, n: slot.n, text: passage.text, passage: passage.id, cited_by: [] })
    }
  }
  if (foot.refs.length) {
    // A lone "Notes" section holding {{reflist}} is where the references print.
    const home = refsHome(sections, notes.length > 0) ?? place(null, 'References')
    for (const slot of foot.refs) {
      const rec = readReference(slot.content)
      const passage = maker.make(`ref-${slot.n}`, home.id, 'reference', rec.text)
      home.passages.push(passage)
      const { text, ...fields } = rec
      references.push({
        id: `ref-${slot.n}`,
        n: slot.n,
        text,
        ...fields,
        backlinks: [],
        cited_by: [],
        passage: passage.id,
      })
    }
  }

  linkCitations(sections, maker.places, notes, references)
  for (const r of references) r.backlinks = r.cited_by.length > 1 ? r.cited_by.map((_, k) => letters(k)) : []

  return {
    slug,
    title: title || slug,
    aliases: [],
    categories: [
      ...new Set(
        safe(() => doc?.categories() ?? [], [] as string[])
          .map((c) => cleanText(c))
          .filter(Boolean),
      ),
    ],
    summary,
    source,
    attribution: {
      title: title || slug,
      publisher,
      licence: licence.name,
      licence_url: licence.url,
      source,
      text: `"${title || slug}" from ${publisher}, ${licence.name} (${licence.url})`,
    },
    infobox,
    sections,
    references,
    notes,
  }
}

/** `<gallery>` lines (`File:x.jpg|Caption`) as image links, which wtf_wikipedia reads (it drops galleries). */
export function galleriesAsImages(wikitext: string): string {
  return wikitext.replace(/<gallery\b[^>]*>([\s\S]*?)<\/gallery\s*>/gi, (_m, body: string) =>
    body
      .split('\n')
      .map((line) => line.trim())
      .filter((line) => /^[^|[\]]+\.[a-z0-9]{2,5}\s*\|/i.test(line))
      .map((line) => `[[${/^(file|image):/i.test(line) ? '' : 'File:'}${line.replace(/\|/, '|thumb|')}]]`)
      .join('\n'),
  )
}

function hasWords(text: string): boolean {
  return /[\p{L}\p{N}]/u.test(text.replace(/\[(note\s+)?\d+\]/g, ''))
}

/** Longest list passage: a long list is cut into passages of about this many characters. */
const LIST_PASSAGE_CHARS = 600

/** A list's items joined with `; `, cut into passages between items. */
function chunks(items: string[]): string[] {
  const out: string[] = []
  let current = ''
  for (const item of items) {
    if (current && current.length + item.length + 2 > LIST_PASSAGE_CHARS) {
      out.push(current)
      current = ''
    }
    current = current ? `${current}; ${item}` : item
  }
  if (current) out.push(current)
  return out
}

/** One passage per row of the table, each with the caption. */
function addTable(table: TableRows | undefined, add: (kind: PassageKind, text: string) => void): void {
  for (const row of table?.rows ?? []) add('table', rowPassageText(table as TableRows, row))
}

function refsHome(sections: Section[], hasNotes: boolean): Section | undefined {
  const named = sections.find((s) => s.id !== 'lead' && REFS_SECTION.test(s.title))
  if (named) return named
  return hasNotes ? undefined : sections.find((s) => s.id !== 'lead' && /^notes$/i.test(s.title))
}

/** Back-link letters as printed: a … z, then aa, ab … */
function letters(k: number): string {
  return k < 26 ? String.fromCharCode(97 + k) : letters(Math.floor(k / 26) - 1) + String.fromCharCode(97 + (k % 26))
}

function safe<T>(f: () => T, fallback: T): T {
  try {
    const v = f()
    if (Array.isArray(fallback) && !Array.isArray(v)) return (v == null ? fallback : [v]) as T
    return v ?? fallback
  } catch {
    return fallback
  }
}
