/**
 * @module Warming the query path when an isolate starts. V8 runs a function in its interpreter until the
 * function has run hot with stable types, then compiles it; so a fresh isolate's first search ran the whole
 * query path (decoding postings, numbering passages, FlexSearch's merges, scoring, snippets) interpreted:
 * 16-40 ms of CPU at 100 MB, where the same search on a new engine in a warm isolate takes 2-4 ms, and the
 * free plan allows 10 ms a request. Workers run a module's top level when the isolate starts, under a limit
 * of its own (1 s), so the Worker runs `warmUp` there, over an index built in (`warm-up-index.json`,
 * written by scripts/build-warm-up.ts from a synthetic corpus, in the format every build has, with pieces
 * small enough that every kind of query takes the paths a large index makes it take: heads and tails, typo
 * pieces, completions across shards, facets).
 */
import type { SearchRequest } from '../search/types.ts'
import { PieceCache } from '../shards/cache.ts'
import { DEFAULT_CACHE_BYTES, openShardedSearch } from './engine.ts'

/** A built index small enough to ship in the Worker, and the queries that warm the query path over it. */
export interface WarmUpIndex {
  /** The meta piece's name. */
  meta: string
  /** Every piece the queries read, by name. */
  pieces: Record<string, string>
  /** The search requests (limit and offset default to 10 and 0). */
  searches: Partial<SearchRequest>[]
  /** Last words to complete, as /v1/suggest does. */
  suggests: string[]
}

/**
 * Rounds of the queries. Eight left the first search at 100 MB where three did (a median of 10 ms over 8
 * fresh isolates each, with heads of 256 B in the index), for a start of 95-155 ms against 57-110.
 */
export const WARM_UP_ROUNDS = 3

/**
 * Runs every search and suggestion of `index` `rounds` times, each on a new engine as a new isolate's
 * first query opens one. Resolves once done; a piece the index lacks rejects (a stale index, which the
 * warm-up test catches before it ships).
 */
export async function warmUp(index: WarmUpIndex, rounds = WARM_UP_ROUNDS): Promise<void> {
  const read = (name: string): string => {
    const value = index.pieces[name]
    if (value === undefined) throw new Error(`warm-up index lacks piece ${name}: run npm run build:warm-up`)
    return value
  }
  const fetchPiece = async (name: string) => read(name)
  const fetchMany = async (names: string[]) => new Map(names.map((name) => [name, read(name)]))
  // Outside any request, no request's end can cancel a read that another joins, so it needs no way out;
  // and workerd refuses the timer that gives one (joinOrLoad) at an isolate's start.
  const open = () =>
    openShardedSearch(fetchPiece, index.meta, {
      cache: new PieceCache(fetchPiece, DEFAULT_CACHE_BYTES, fetchMany, Infinity),
    })
  for (let round = 0; round < rounds; round++) {
    for (const search of index.searches) await (await open()).search({ q: '', limit: 10, offset: 0, ...search })
    const engine = await open()
    for (const q of index.suggests) await engine.suggest(q, 8)
  }
}
