/**
 * @module Sequential KV round trips and bytes of random cold queries, by kind of query: the nine cold
 * queries of the scale bench are examples; this says how often each kind takes how many trips (a word the
 * index lacks reads its shard, then its typo piece, then its candidates' shards; tails are read only once
 * the heads could not fill the page) and how many bytes its worst query reads.
 */
import { openShardedSearch } from '../../src/core/engine/engine.ts'
import { QueryError } from '../../src/core/search/types.ts'
import { queryMix, type QueryKind } from './query-mix.ts'
import { roundTrips } from './round-trips.ts'

/** Per kind: how many queries took each number of trips (the pointer's, which carries the meta, included). */
export type TripsByKind = Partial<Record<QueryKind, Record<number, number>>>

/** The most a cold query may read (the floor of the scale issue). */
const FLOOR_BYTES = 512 * 1024

/** Per kind: the most bytes one query read (the pointer with its meta included), and how many read more than 512 KiB. */
export type BytesByKind = Partial<Record<QueryKind, { maxBytes: number; over512KiB: number; queries: number }>>

/**
 * Runs `count` random queries (tools/bench/query-mix.ts, seeded), each on a new engine as a fresh isolate's
 * first query; a query of stopwords only is left out. `pointerBytes` is what the pointer, which carries
 * the manifest and the meta, adds to each.
 */
export async function coldReadsByKind(
  kv: Map<string, string>,
  metaKey: string,
  pointerBytes: number,
  words: string[],
  count: number,
): Promise<{ trips: TripsByKind; bytes: BytesByKind }> {
  // The Worker takes the meta from the pointer (src/store/live-index.ts): no trip of its own.
  const meta = kv.get(metaKey)
  if (meta === undefined) throw new Error(`no meta piece ${metaKey}`)
  const next = queryMix(words, 99)
  const trips: TripsByKind = {}
  const bytes: BytesByKind = {}
  for (let i = 0; i < count; i++) {
    const { kind, q } = next()
    const reads = roundTrips(kv)
    const fetchPiece = (name: string) => (name === metaKey ? Promise.resolve(meta) : reads.fetchPiece(name))
    try {
      const engine = await openShardedSearch(fetchPiece, metaKey, { fetchMany: reads.fetchMany })
      await engine.search({ q, limit: 10, offset: 0 })
    } catch (error) {
      if (error instanceof QueryError) continue
      throw error
    }
    const tally = (trips[kind] ??= {})
    tally[1 + reads.count] = (tally[1 + reads.count] ?? 0) + 1
    const read = pointerBytes + reads.bytes
    const worst = (bytes[kind] ??= { maxBytes: 0, over512KiB: 0, queries: 0 })
    worst.maxBytes = Math.max(worst.maxBytes, read)
    worst.queries++
    if (read > FLOOR_BYTES) worst.over512KiB++
  }
  return { trips, bytes }
}
