/**
 * The sharded engine fits a Workers isolate: run on a thread whose V8 heap is capped at an isolate's 128 MB,
 * over a real build of the article and ~1 MB of synthetic articles held in a Map standing in for KV, a few
 * hundred random queries (words, two words, typos, prefixes, halfway-typed words, phrases), the fresh
 * isolate's first query and queries on new engines with empty caches neither run it out of memory nor take
 * its heap past 64 MB. (`npm run bench -- --mb 1,10,100` runs 10,000 queries at each size.)
 */
import { readFile } from 'node:fs/promises'
import { beforeAll, describe, expect, it } from 'vitest'
import { buildShards } from '../../../src/core/shards/build.ts'
import { ISOLATE_HEAP_MB, runIsolate, type IsolateFigures } from '../../../tools/bench/isolate.ts'
import { vocabulary } from '../../../tools/bench/query-mix.ts'
import { smallCorpus } from '../shards/fixture.ts'

const HEAP_FLOOR_MB = 64

let figures: IsolateFigures

beforeAll(async () => {
  const kv = new Map<string, string>()
  const { metaName } = await buildShards(await smallCorpus(1), {}, (name, value) => void kv.set(name, value))
  const words = vocabulary(await readFile('index/corpus/what-you-leave-behind.txt', 'utf8'))
  figures = await runIsolate(kv, { metaKey: metaName, words, seed: 12, queries: 300, coldQueries: 20, gcEvery: 50 })
}, 120_000)

describe('the sharded engine in an isolate-sized heap', () => {
  it('serves every query without running out of memory', () => {
    expect(figures.error).toBeUndefined()
    expect(figures.crashed).toBe(false)
    expect(figures.heap.queries).toBe(320)
    expect(figures.firstError).toBeUndefined()
  })

  it("runs with an isolate's heap limit (old generation capped, young generation beside it)", () => {
    expect(figures.heap.limitMB).toBeLessThan(2 * ISOLATE_HEAP_MB)
  })

  it(`keeps its heap under ${HEAP_FLOOR_MB} MB, garbage included`, () => {
    expect(figures.heap.peakMB).toBeLessThanOrEqual(HEAP_FLOOR_MB)
    expect(figures.heap.peakLiveMB).toBeLessThanOrEqual(HEAP_FLOOR_MB)
  })
})
