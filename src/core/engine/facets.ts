/** @module Facets: counts of the ranked passages by article, passage kind and category, most first. */
import { PASSAGE_KINDS } from '../model.ts'
import type { Scored } from '../search/score.ts'
import type { FacetCount, Facets } from '../search/types.ts'
import type { ArticleDirectory } from './directory.ts'
import type { Gathering } from './postings.ts'

const PARAGRAPH = PASSAGE_KINDS.indexOf('paragraph')

/** Values listed per facet. */
export const FACET_VALUES = 20

/** Adds `by` to a value's count (closures made per query cost a `__name` call each once bundled). */
function count(map: Map<string, FacetCount>, value: string, by = 1): void {
  const c = map.get(value)
  if (c) c.count += by
  else map.set(value, { value, count: by })
}

/**
 * The first FACET_VALUES of `items` in the order `before` gives, chosen in one pass: sorting every
 * counted article cost a fresh isolate's first query ~5 ms at 100 MB (its comparator ran thousands
 * of times before V8 optimized it), where most items are compared once with the last kept.
 */
function firstValues<T>(items: Iterable<T>, before: (a: T, b: T) => boolean): T[] {
  const kept: T[] = []
  for (const item of items) {
    if (kept.length === FACET_VALUES) {
      if (!before(item, kept[FACET_VALUES - 1]!)) continue
      kept.pop()
    }
    let i = kept.length
    while (i > 0 && before(item, kept[i - 1]!)) i--
    kept.splice(i, 0, item)
  }
  return kept
}

/** A facet's values, most first, equal counts in value order. */
function top(map: Map<string, FacetCount>): FacetCount[] {
  return firstValues(map.values(), (a, b) => a.count > b.count || (a.count === b.count && a.value < b.value))
}

/**
 * Counts of these ranked passages (none when the index has no article directory). Articles are counted
 * by their place in the directory, so only the listed ones' titles are read (with the categories of all).
 */
export async function facetsOf(
  counted: Scored[],
  directory: ArticleDirectory | null,
  gathered: Gathering,
  approximate: boolean,
): Promise<Facets | undefined> {
  if (!directory) return undefined
  const byArticle = new Map<number, number>()
  const byKind = new Map<string, FacetCount>()
  const byCategory = new Map<string, FacetCount>()
  // Kinds by their number first: a string key per passage counted cost more than the count.
  const kinds = new Array<number>(PASSAGE_KINDS.length).fill(0)
  // Passages of one article often follow one another: a run is added to its article's count at once.
  let runArticle = -1
  let run = 0
  for (const s of counted) {
    const article = directory.articleOf(s.ordinal)
    if (article !== runArticle) {
      if (run > 0) byArticle.set(runArticle, (byArticle.get(runArticle) ?? 0) + run)
      runArticle = article
      run = 0
    }
    run++
    const kind = gathered.kind(gathered.at(s.ordinal))
    kinds[PASSAGE_KINDS[kind] === undefined ? PARAGRAPH : kind]!++
  }
  if (run > 0) byArticle.set(runArticle, (byArticle.get(runArticle) ?? 0) + run)
  for (let kind = 0; kind < kinds.length; kind++) if (kinds[kind]! > 0) count(byKind, PASSAGE_KINDS[kind]!, kinds[kind])
  // Most first, equal counts in slug order, as for every facet.
  const listed = firstValues(
    byArticle,
    ([a, x], [b, y]) => x > y || (x === y && directory.slugOrder(a) < directory.slugOrder(b)),
  )
  const [titles, categories] = await Promise.all([
    directory.titles(listed.map(([article]) => article)),
    directory.categories(byArticle.keys()),
  ])
  for (const [article, passages] of byArticle)
    for (const c of categories.get(article) ?? []) count(byCategory, c, passages)
  const articles = listed.flatMap(([article, passages]) => {
    const found = titles.get(article)
    return found ? [{ value: found.slug, title: found.title, count: passages }] : []
  })
  return {
    articles,
    kinds: top(byKind),
    categories: top(byCategory),
    counted: counted.length,
    ...(approximate ? { approximate: true as const } : {}),
  }
}
