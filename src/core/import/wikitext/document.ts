/**
 * @module Wikitext read by wtf_wikipedia: the parts of its document this import uses, its parse with a
 * fallback that keeps the text of unknown templates, and plain text out of it.
 */
import wtf from 'wtf_wikipedia'

// wtf_wikipedia's types are loose (`object`); these are the parts used here.
export interface WtfSentence {
  text(): string
}
export interface WtfList {
  lines(): WtfSentence[]
}
export interface WtfParagraph {
  sentences(): WtfSentence[]
  lists(): WtfList[]
}
export interface WtfImage {
  caption(): string
}
export interface WtfSection {
  title(): string
  depth(): number
  paragraphs(): WtfParagraph[]
  images(): WtfImage[]
}
export interface WtfInfobox {
  type(): string
  data: Record<string, WtfSentence> | (() => Record<string, WtfSentence>)
}
export interface WtfDoc {
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

export interface WtfTemplateJson {
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

/** wtf_wikipedia's document of `text`, unknown templates keeping their text. */
export function parseWikitext(text: string): WtfDoc {
  return wtf(text, { templateFallbackFn: unknownTemplate } as never) as unknown as WtfDoc
}

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
export function plain(wikitext: string): string {
  if (!/[[{'<&]/.test(wikitext)) return wikitext.trim()
  try {
    return cleanText(parseWikitext(wikitext).text())
  } catch {
    return wikitext.trim()
  }
}

/** `f()`, or `fallback` when it throws or gives nothing (wtf_wikipedia's getters may do either). */
export function safe<T>(f: () => T, fallback: T): T {
  try {
    const v = f()
    if (Array.isArray(fallback) && !Array.isArray(v)) return (v == null ? fallback : [v]) as T
    return v ?? fallback
  } catch {
    return fallback
  }
}
