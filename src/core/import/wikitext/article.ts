/**
 * @module wikitextToArticle: one MediaWiki page (wikitext) into the same Article model the plain-text parser
 * produces. Pure: no Node APIs. wtf_wikipedia does the wikitext → plain text work; footnotes are turned into
 * the plain text's inline markers (`[3]`, `[note 1]`) first, so passages, ids and citation linking reuse the
 * plain-text parser's own helpers. Never throws.
 */
import type { Article, Infobox, Note, PassageKind, Reference, Section } from '../../model.ts'
import { infoboxPassages } from '../../parse/infobox.ts'
import { linkCitations, PassageMaker } from '../../parse/passages.ts'
import { slugify } from '../../parse/slug.ts'
import { readReference } from './cite-templates.ts'
import {
  cleanText,
  parseWikitext,
  plain,
  safe,
  type WtfDoc,
  type WtfImage,
  type WtfList,
  type WtfParagraph,
  type WtfSection,
  type WtfSentence,
} from './document.ts'
import { extractFootnotes } from './footnotes.ts'
import { makeInfobox } from './infobox-template.ts'
import { rowPassageText, splitPlaceholders, takeTables, type TableRows } from './tables.ts'

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
    doc = parseWikitext(tables.text)
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
