/**
 * @module Streaming reader of MediaWiki XML exports (Special:Export, `pages-articles.xml` dumps) with saxes.
 * Only one page's text is held at a time, so a dump of any size streams through. Pure: no Node APIs.
 */
import { SaxesParser } from 'saxes'
import type { Article } from '../model.ts'
import { slugify } from '../parse/slug.ts'
import { wikitextToArticle, type WikitextOptions } from './wikitext/article.ts'

export interface ExportPage {
  title: string
  ns: number
  /** Wikitext of the latest revision. */
  text: string
  /** Target title when the page is a redirect (anchor `#…` dropped). */
  redirect?: string
  /** ISO timestamp of the latest revision. */
  timestamp?: string
}

export interface SiteInfo {
  sitename?: string
  /** URL of the wiki's Main Page, e.g. `https://en.wikipedia.org/wiki/Main_Page`. */
  base?: string
  dbname?: string
}

export interface ReadExportOptions {
  /** Namespaces to yield; default `[0]` (articles). */
  namespaces?: number[]
  /** Called once the `<siteinfo>` block has been read (before the first page). */
  onSiteInfo?: (info: SiteInfo) => void
}

const REDIRECT_TEXT = /^\s*#REDIRECT\s*:?\s*\[\[\s*([^\]|]+?)\s*(?:\|[^\]]*)?\]\]/i

/** The target of `#REDIRECT [[Target#Anchor]]`, or null. */
export function redirectTarget(text: string): string | null {
  const m = REDIRECT_TEXT.exec(text)
  const t = m?.[1]?.split('#')[0]?.replace(/_/g, ' ').trim()
  return t ? t : null
}

interface Revision {
  text: string
  timestamp: string
}

/**
 * Yields the pages of a MediaWiki XML export in document order, reading it chunk by chunk. Non-article
 * namespaces are skipped; a page with several revisions yields its latest (by timestamp, else the last).
 * Throws on malformed XML.
 */
export async function* readMediaWikiExport(
  chunks: AsyncIterable<string | Uint8Array> | Iterable<string | Uint8Array>,
  opts: ReadExportOptions = {},
): AsyncGenerator<ExportPage> {
  const namespaces = new Set(opts.namespaces ?? [0])
  const parser = new SaxesParser({ position: false })
  const ready: ExportPage[] = []
  const path: string[] = []
  let chars = ''
  let site: SiteInfo | null = null
  let siteReported = false
  let page: { title: string; ns: number; redirect?: string; best: Revision | null; revisionCount: number } | null = null
  let rev: Revision | null = null

  const reportSite = () => {
    if (!siteReported) {
      siteReported = true
      opts.onSiteInfo?.(site ?? {})
    }
  }

  parser.on('opentag', (tag) => {
    const parent = path[path.length - 1]
    path.push(tag.name)
    chars = ''
    if (tag.name === 'siteinfo' && parent === 'mediawiki') site = {}
    else if (tag.name === 'page' && parent === 'mediawiki') {
      reportSite()
      page = { title: '', ns: 0, best: null, revisionCount: 0 }
    } else if (page && tag.name === 'redirect' && parent === 'page') {
      const t = tag.attributes.title
      if (typeof t === 'string' && t.trim()) page.redirect = t.split('#')[0]?.trim() || t.trim()
    } else if (page && tag.name === 'revision' && parent === 'page') rev = { text: '', timestamp: '' }
  })
  parser.on('text', (t) => {
    chars += t
  })
  parser.on('cdata', (t) => {
    chars += t
  })
  parser.on('closetag', (tag) => {
    path.pop()
    const parent = path[path.length - 1]
    const value = chars
    chars = ''
    if (site && parent === 'siteinfo') {
      if (tag.name === 'sitename') site.sitename = value.trim()
      else if (tag.name === 'base') site.base = value.trim()
      else if (tag.name === 'dbname') site.dbname = value.trim()
      return
    }
    if (!page) return
    if (parent === 'page') {
      if (tag.name === 'title') page.title = value.trim()
      else if (tag.name === 'ns') page.ns = Number(value.trim()) || 0
      else if (tag.name === 'revision' && rev) {
        page.revisionCount++
        if (!page.best || !rev.timestamp || !page.best.timestamp || rev.timestamp >= page.best.timestamp)
          page.best = rev
        rev = null
      }
    } else if (parent === 'revision' && rev) {
      if (tag.name === 'text') rev.text = value
      else if (tag.name === 'timestamp') rev.timestamp = value.trim()
    } else if (tag.name === 'page') {
      const p = page
      page = null
      if (!namespaces.has(p.ns) || !p.title) return
      const text = p.best?.text ?? ''
      const out: ExportPage = { title: p.title, ns: p.ns, text }
      const target = p.redirect ?? redirectTarget(text)
      if (target) out.redirect = target
      if (p.best?.timestamp) out.timestamp = p.best.timestamp
      ready.push(out)
    }
  })
  // Text is only collected inside leaf elements of interest; everything else resets it at the next tag.

  const decoder = new TextDecoder('utf-8')
  for await (const chunk of chunks as AsyncIterable<string | Uint8Array>) {
    const s = typeof chunk === 'string' ? chunk : decoder.decode(chunk, { stream: true })
    if (s) parser.write(s)
    while (ready.length) yield ready.shift() as ExportPage
  }
  const rest = decoder.decode()
  if (rest) parser.write(rest)
  parser.close()
  reportSite()
  while (ready.length) yield ready.shift() as ExportPage
}

/**
 * Aliases from redirect pages: alias slug → target slug, chains (A → B → C) followed to their end.
 * Self-redirects, cycles and aliases whose slug is itself an article are dropped; with `articleSlugs`,
 * so are aliases whose target is not one of those articles.
 */
export function collectAliases(
  redirects: Iterable<{ title: string; redirect?: string }>,
  articleSlugs?: Iterable<string>,
): Record<string, string> {
  const direct = new Map<string, string>()
  for (const r of redirects) {
    if (!r.redirect) continue
    const from = slugify(r.title)
    const to = slugify(r.redirect)
    if (from && to && from !== to && !direct.has(from)) direct.set(from, to)
  }
  const articles = articleSlugs ? new Set(articleSlugs) : null
  const aliases: Record<string, string> = {}
  for (const from of [...direct.keys()].sort()) {
    if (articles?.has(from)) continue
    let to = direct.get(from) as string
    const seen = new Set([from])
    while (direct.has(to) && !seen.has(to) && !articles?.has(to)) {
      seen.add(to)
      to = direct.get(to) as string
    }
    if (seen.has(to)) continue
    if (articles && !articles.has(to)) continue
    aliases[from] = to
  }
  return aliases
}

/** A page of the export that is neither an article nor an alias, and why. */
export interface SkippedPage {
  title: string
  reason: string
}

export interface ImportedExport {
  articles: Article[]
  aliases: Record<string, string>
  site: SiteInfo
  /** In document order. Pages outside the article namespace are not listed. */
  skipped: SkippedPage[]
}

/**
 * Reads a whole export into articles (namespace 0, redirects excluded) and aliases. Articles are kept
 * (that is the build's input); the XML never is. Duplicate slugs keep the first page. `siteName` and
 * `base`, when given, override the export's `<siteinfo>`.
 */
export async function importMediaWikiExport(
  chunks: AsyncIterable<string | Uint8Array> | Iterable<string | Uint8Array>,
  opts: Omit<WikitextOptions, 'slug'> & { onArticle?: (a: Article) => void } = {},
): Promise<ImportedExport> {
  let site: SiteInfo = {}
  const articles: Article[] = []
  const titles = new Map<string, string>()
  const redirects: { title: string; redirect: string }[] = []
  const skipped: SkippedPage[] = []
  for await (const page of readMediaWikiExport(chunks, { onSiteInfo: (s) => (site = s) })) {
    if (page.redirect) {
      redirects.push({ title: page.title, redirect: page.redirect })
      continue
    }
    if (!page.text.trim()) {
      skipped.push({ title: page.title, reason: 'the page has no text' })
      continue
    }
    const article = wikitextToArticle(page, {
      ...opts,
      siteName: opts.siteName ?? site.sitename,
      base: opts.base ?? site.base,
    })
    const first = titles.get(article.slug)
    if (first !== undefined) {
      skipped.push({ title: page.title, reason: `its slug "${article.slug}" is the slug of "${first}", kept first` })
      continue
    }
    titles.set(article.slug, page.title)
    articles.push(article)
    opts.onArticle?.(article)
  }
  const slugs = new Set(titles.keys())
  const aliases = collectAliases(redirects, slugs)
  for (const r of redirects) {
    const from = slugify(r.title)
    if (aliases[from] !== undefined) continue
    const reason = !from
      ? 'a redirect whose title makes no slug'
      : slugs.has(from)
        ? `a redirect whose slug "${from}" is an article's`
        : from === slugify(r.redirect)
          ? 'a redirect to itself'
          : `a redirect to "${r.redirect}", which is not an article of the export`
    skipped.push({ title: r.title, reason })
  }
  const bySlug = new Map(articles.map((a) => [a.slug, a]))
  for (const r of redirects) {
    const target = aliases[slugify(r.title)]
    const article = target === undefined ? undefined : bySlug.get(target)
    if (article && !article.aliases.includes(r.title)) article.aliases.push(r.title)
  }
  return { articles, aliases, site, skipped }
}
