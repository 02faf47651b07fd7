/** @module Facets: counts of the ranked passages by article, passage kind and category, most first. */
import { PASSAGE_KINDS } from '../model.ts'
import type { Scored } from '../search/score.ts'
import type { FacetCount, Facets } from '../search/types.ts'
import type { DirectoryArticle } from './pieces.ts'
import type { Gathered } from './postings.ts'

/** Values listed per facet. */
export const FACET_VALUES = 20

/** Counts of these ranked passages (none when the index has no article directory). */
export function facetsOf(
  counted: Scored[],
  articles: Map<number, DirectoryArticle> | null,
  gathered: Map<number, Gathered>,
  approximate: boolean,
): Facets | undefined {
  if (!articles) return undefined
  const byArticle = new Map<string, FacetCount>()
  const byKind = new Map<string, FacetCount>()
  const byCategory = new Map<string, FacetCount>()
  const count = (map: Map<string, FacetCount>, value: string, title?: string) => {
    const c = map.get(value)
    if (c) c.count++
    else map.set(value, title === undefined ? { value, count: 1 } : { value, title, count: 1 })
  }
  for (const s of counted) {
    const article = articles.get(s.ordinal)
    if (article) {
      count(byArticle, article.slug, article.title)
      for (const c of article.categories) count(byCategory, c)
    }
    count(byKind, PASSAGE_KINDS[gathered.get(s.ordinal)!.kind] ?? 'paragraph')
  }
  const top = (map: Map<string, FacetCount>) =>
    [...map.values()].sort((a, b) => b.count - a.count || (a.value < b.value ? -1 : 1)).slice(0, FACET_VALUES)
  return {
    articles: top(byArticle),
    kinds: top(byKind),
    categories: top(byCategory),
    counted: counted.length,
    ...(approximate ? { approximate: true as const } : {}),
  }
}
