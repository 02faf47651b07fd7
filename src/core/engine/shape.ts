/**
 * @module What both engines (the whole FlexSearch index and the sharded one) do alike around ranking:
 * refusing a query with nothing to search, and gathering what a page of hits highlights.
 */
import type { Expanded } from '../search/expand.ts'
import { PASSAGE_KINDS, type PassageKind } from '../model.ts'
import type { PassageTokens } from '../search/passages.ts'
import { parseQuery, type ParsedQuery } from '../search/query.ts'
import type { Scored } from '../search/score.ts'
import { makeSnippet } from '../search/snippet.ts'
import { QueryError, type SearchHit, type SearchRequest } from '../search/types.ts'

/** The parsed query, or a QueryError saying why there is nothing to search. */
export function searchableQuery(q: string): ParsedQuery {
  const parsed = parseQuery(q)
  if (parsed.positive.length === 0) {
    throw new QueryError(
      parsed.negative.length > 0
        ? 'the query only excludes words (-word); add a word to search for'
        : 'the query has nothing to search: no letters or digits',
    )
  }
  return parsed
}

/** The page's bounds, whole and non-negative whatever the caller passed. */
export function pageOf(req: SearchRequest): { offset: number; limit: number } {
  return { offset: Math.max(0, Math.floor(req.offset) || 0), limit: Math.max(0, Math.floor(req.limit) || 0) }
}

/**
 * The terms a snippet marks (every alternative of every unit, and the parts of joined words), the
 * phrases it marks whole, and the scale that turns scores into the [0, 1] `score` of a hit.
 */
export function highlights(units: Expanded[]): { hits: Set<number>; phrases: number[][]; scale: number } {
  const hits = new Set<number>()
  const phrases: number[][] = []
  for (const x of units) {
    for (const a of x.alts) hits.add(a.term)
    if (x.unit.type === 'phrase') {
      if (x.seq) phrases.push(x.seq)
    } else for (const t of x.seq ?? []) hits.add(t)
    for (const seq of x.also ?? []) phrases.push(seq)
  }
  const scale = Math.max(1, units.filter((x) => !x.unit.stop).length) * 1010 + 10
  return { hits, phrases, scale }
}

/** A passage as both engines store it for answers: `[id, section ordinal, kind ordinal, text]`. */
export type StoredPassage = readonly [id: string, section: number, kind: number, text: string]

/** One hit of an answer, its score one number in [0, 1] that orders like the sort keys. */
export function shapeHit(
  s: Scored,
  passage: StoredPassage,
  section: { id: string; title: string },
  article: { slug: string; title: string },
  tokens: PassageTokens,
  marks: { hits: Set<number>; phrases: number[][]; scale: number },
): SearchHit {
  const [id, , kind, text] = passage
  const score = (s.matched * 1000 + s.exact * 10 + (9.99 * s.score) / (1 + s.score)) / marks.scale
  return {
    id,
    article: { slug: article.slug, title: article.title },
    section: { id: section.id, title: section.title },
    kind: PASSAGE_KINDS[kind] as PassageKind,
    score: Math.round(score * 1e6) / 1e6,
    snippet: makeSnippet(text, tokens, marks.hits, marks.phrases),
  }
}
