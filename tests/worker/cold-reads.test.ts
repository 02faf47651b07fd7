/**
 * What a cold isolate reads from KV for its first search: the pointer (carrying the manifest and the
 * search meta), the term shards of the query's words, then the page's doc blocks in one bulk read
 * beside the titles of the articles its facets list.
 */
import { env } from 'cloudflare:workers'
import { beforeAll, describe, expect, it } from 'vitest'
import app from '../../src/api/app.ts'
import { PIECE_CACHE_URL } from '../../src/store/kv-reader.ts'
import { POINTER_KEY } from '../../src/core/storage/keys.ts'
import { seedIndex } from './seed.ts'

/** A KV that records each read and the round trip it belongs to (reads issued together share one). */
function recordingKv() {
  const reads: { keys: string[]; trip: number }[] = []
  let settled = 0
  let trip = 0
  let seen = -1
  const kv = {
    get: async (key: string | string[], type: 'text') => {
      if (settled !== seen) {
        seen = settled
        trip++
      }
      reads.push({ keys: Array.isArray(key) ? key : [key], trip })
      try {
        return await env.INDEX.get(key as string, type)
      } finally {
        settled++
      }
    },
  } as unknown as KVNamespace
  return { kv, reads }
}

const forgetPieces = () =>
  Promise.all(
    env.TEST_KV_ENTRIES.map((e) =>
      (caches as unknown as { default: Cache }).default.delete(`${PIECE_CACHE_URL}${e.key}`),
    ),
  )

async function firstSearch(q: string) {
  await forgetPieces()
  const { kv, reads } = recordingKv()
  const res = await app.request(`/v1/search?q=${encodeURIComponent(q)}`, {}, { INDEX: kv, POINTER_TTL_SECONDS: '60' })
  expect(res.status).toBe(200)
  expect(((await res.json()) as { total: number }).total).toBeGreaterThan(0)
  return { reads, trips: Math.max(...reads.map((r) => r.trip)) }
}

beforeAll(() => seedIndex())

describe('a cold isolate answering its first search', () => {
  it.each(['dominion war', 'sisko kira', 'odo changeling'])(
    '%j: the pointer, term shards, doc blocks; three round trips, never the meta',
    async (q) => {
      const { reads, trips } = await firstSearch(q)
      expect(reads[0]!.keys).toEqual([POINTER_KEY])
      expect(reads.flatMap((r) => r.keys)).not.toContain(env.TEST_POINTER.manifest.search.key)
      expect(trips).toBe(3)
      // The last trip: the page's doc blocks in one bulk read, beside the titles of the articles the facets list.
      expect(reads.filter((r) => r.trip === 3).length).toBeLessThanOrEqual(2)
    },
  )

  it("reads a last word's completions in the next shard beside the query's words: three round trips", async () => {
    // "odo" and "re" lie in the first term shard; "re"'s completions cross into the second.
    const { reads, trips } = await firstSearch('odo re')
    expect(trips).toBe(3)
    expect(reads.filter((r) => r.trip === 2).flatMap((r) => r.keys)).toHaveLength(2)
  })

  it('reads a word the index lacks in one more round trip: its typo piece', async () => {
    const { trips } = await firstSearch('garak tailor')
    expect(trips).toBe(4)
  })
})
