/**
 * @module The request's filters, each written once: a passage's kind, article and section (checked on
 * every candidate as it is scored), and its article's category (checked on the ranked passages).
 */
import { PASSAGE_KINDS, type PassageKind } from '../model.ts'
import type { Scored } from '../search/score.ts'
import type { SearchRequest } from '../search/types.ts'
import type { ArticleRef } from '../shards/catalog.ts'
import type { ArticleDirectory } from './directory.ts'
import type { Gathering } from './postings.ts'

/** Ranked passages the category filter reads the article directory for (facets count as many). */
export const FACET_SCAN = 2000

/** Whether a candidate passage passes the request's kind, article and section filters. */
export type PassageFilter = (ordinal: number, gathered: Gathering, i: number) => boolean

/** The filter of a request that filters nothing (most): one function for every such query, nothing to test. */
const EVERY_PASSAGE: PassageFilter = () => true

export async function passageFilter(
  req: SearchRequest,
  lookup: (slug: string) => Promise<{ article: ArticleRef } | undefined>,
  sections: () => Promise<string[]>,
): Promise<PassageFilter> {
  if (req.kind === undefined && req.article === undefined && req.section === undefined) return EVERY_PASSAGE
  const kind = req.kind === undefined ? -1 : PASSAGE_KINDS.indexOf(req.kind as PassageKind)
  let range: { first: number; end: number } | null = null
  if (req.article !== undefined) {
    const found = await lookup(req.article)
    range = found
      ? { first: found.article.first, end: found.article.first + found.article.count }
      : { first: 0, end: 0 }
  }
  let section = -2
  if (req.section !== undefined) section = (await sections()).indexOf(req.section)
  return (o, g, i) => {
    if (kind !== -1 && g.kind(i) !== kind) return false
    if (range && (o < range.first || o >= range.end)) return false
    if (section !== -2) {
      if (section < 0 || (g.section(i) !== section && g.parent(i) !== section + 1)) return false
    }
    return true
  }
}

/**
 * The ranked passages whose article is in `category` (without regard to case). Categories live in the
 * article directory, read for the passages facets count: the filter sees those, so past FACET_SCAN
 * ranked passages it is `approximate`, as the facets are.
 */
export async function inCategory(
  ranked: Scored[],
  category: string,
  directory: ArticleDirectory | null,
): Promise<{ ranked: Scored[]; approximate: boolean }> {
  const wanted = category.toLowerCase()
  const scanned = ranked.slice(0, FACET_SCAN)
  const articles = scanned.map((s) => directory?.articleOf(s.ordinal) ?? -1)
  const categories = directory ? await directory.categories(articles) : new Map<number, string[]>()
  return {
    ranked: scanned.filter((_, i) => categories.get(articles[i]!)?.some((c) => c.toLowerCase() === wanted)),
    approximate: ranked.length > scanned.length,
  }
}
