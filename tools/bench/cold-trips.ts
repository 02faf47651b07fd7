/**
 * @module Sequential KV round trips of random cold queries, by kind of query: the nine cold queries of the
 * scale bench are examples; this says how often each kind takes how many trips (a word the index lacks
 * reads its shard, then its typo piece, then its candidates' shards; tails are read only once the heads
 * could not fill the page).
 */
import { openShardedSearch } from '../../src/core/engine/engine.ts'
import { QueryError } from '../../src/core/search/types.ts'
import { queryMix, type QueryKind } from './query-mix.ts'
import { roundTrips } from './round-trips.ts'

/** Per kind: how many queries took each number of trips (the pointer's, which carries the meta, included). */
export type TripsByKind = Partial<Record<QueryKind, Record<number, number>>>

/**
 * Runs `count` random queries (tools/bench/query-mix.ts, seeded), each on a new engine as a fresh isolate's
 * first query; a query of stopwords only is left out.
 */
export async function coldTripsByKind(
  kv: Map<string, string>,
  metaKey: string,
  words: string[],
  count: number,
): Promise<TripsByKind> {
  // The Worker takes the meta from the pointer (src/store/live-index.ts): no trip of its own.
  const meta = kv.get(metaKey)
  if (meta === undefined) throw new Error(`no meta piece ${metaKey}`)
  const next = queryMix(words, 99)
  const out: TripsByKind = {}
  for (let i = 0; i < count; i++) {
    const { kind, q } = next()
    const trips = roundTrips(kv)
    const fetchPiece = (name: string) => (name === metaKey ? Promise.resolve(meta) : trips.fetchPiece(name))
    try {
      const engine = await openShardedSearch(fetchPiece, metaKey, { fetchMany: trips.fetchMany })
      await engine.search({ q, limit: 10, offset: 0 })
    } catch (error) {
      if (error instanceof QueryError) continue
      throw error
    }
    const tally = (out[kind] ??= {})
    tally[1 + trips.count] = (tally[1 + trips.count] ?? 0) + 1
  }
  return out
}
