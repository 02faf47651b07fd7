/**
 * The meta's list of where the top completions of each prefix that crosses shards lie: the shards the
 * engine adds for them, in the order it adds them, so a query typed halfway reads them beside its words.
 */
import { describe, expect, it } from 'vitest'
import { openShardedSearch } from '../../../src/core/engine/engine.ts'
import { IndexFormatError } from '../../../src/core/search/types.ts'
import { buildShards } from '../../../src/core/shards/build.ts'
import { crossesShards, packShardStarts, shardStarts, type ShardVocabEntry } from '../../../src/core/shards/format.ts'
import { ShardStarts } from '../../../src/core/shards/shard-starts.ts'
import { TOP_SHARDS, TopShards, packTopShards } from '../../../src/core/shards/top-shards.ts'
import { crossingTops } from '../../../src/core/shards/vocab-pieces.ts'
import { TINY, smallCorpus } from './fixture.ts'

// Shards 0..5. 'c' crosses from shard 0 to 3, 'ca' from 1 to 3, 'e' from 4 to 5.
const FIRST = ['', 'ca', 'cab', 'cat', 'd', 'eb']
const entry = (key: string, freq: number, term = key): ShardVocabEntry => [key, 0, freq, '', 1, term]
const VOCAB = [
  entry('b', 1),
  entry('c', 100),
  entry('caa', 4, 'b'),
  entry('cab', 9),
  entry('cat', 8),
  entry('cb', 6),
  entry('cx', 7, 'b'),
  entry('cz', 5, 'dz'),
  entry('e', 3),
  entry('ea', 3),
  entry('ec', 2),
]
const starts = (first: string[]) =>
  new ShardStarts({ first: packShardStarts(first), names: 'x'.repeat(8 * first.length) })
const listOf = (first: string[], vocab: ShardVocabEntry[]) =>
  new TopShards(packTopShards(first, crossingTops(first, vocab, 64, 200)), starts(first))

describe("the shards of a crossing prefix's top completions", () => {
  it('are listed most frequent first, each once, the prefix itself aside, at most TOP_SHARDS', () => {
    const list = listOf(FIRST, VOCAB)
    // c: cab (2), cat (3), cx → b (0), cb (3 again), cz → dz (4), caa → b (0 again).
    expect(list.of('c')).toEqual([2, 3, 0, 4])
    // ca: cab (2), cat (3), caa → b, which lies before the prefix's own shard.
    expect(list.of('ca')).toEqual([2, 3, 0])
  })

  it('leave out a prefix spanning two shards whose completions lie in those two: the engine takes them', () => {
    const tops = crossingTops(FIRST, VOCAB, 64, 200)
    const packed = packTopShards(FIRST, tops)
    tops.delete(4)
    expect(packed).toBe(packTopShards(FIRST, tops))
    expect(listOf(FIRST, VOCAB).of('e')).toEqual([4, 5])
  })

  it('list a prefix spanning two shards whose completions lie elsewhere', () => {
    const list = listOf(FIRST, [...VOCAB.filter((e) => e[0] !== 'ec'), entry('ec', 2, 'cab')])
    expect(list.of('e')).toEqual([4, 2])
  })

  it('stop at TOP_SHARDS', () => {
    const many = ['cd', 'ce', 'cf', 'cg', 'ch'].map((key, i) => entry(key, 50 - i, ['b', 'cab', 'cat', 'd', 'eb'][i]))
    expect(
      listOf(
        FIRST,
        [...VOCAB, ...many].sort((a, b) => (a[0] < b[0] ? -1 : 1)),
      ).of('c'),
    ).toHaveLength(TOP_SHARDS)
  })

  it('are none for a prefix within one shard', () => {
    expect(listOf(FIRST, VOCAB).of('cav')).toBeUndefined()
    expect(listOf(FIRST, VOCAB).of('d')).toBeUndefined()
  })

  it('refuse a corrupt list when a crossing prefix meets it', () => {
    const valid = packTopShards(FIRST, crossingTops(FIRST, VOCAB, 64, 200))
    for (const packed of [
      undefined,
      valid.slice(0, -1), // a record cut short
      '!', // not a digit
      'BBF', // shard 1, a prefix of one letter, five shards: more than TOP_SHARDS
      'BCBW', // shard 1, 'ca', one shard 11 past it: past the last shard
      '', // 'c' and 'ca' span more than two shards but are not listed
    ]) {
      const list = new TopShards(packed, starts(FIRST))
      expect(list.of('cav')).toBeUndefined()
      expect(() => list.of('ca')).toThrow(IndexFormatError)
    }
  })
  it('are checked as the engine meets them: a corrupt list is an IndexFormatError, other queries unharmed', async () => {
    const pieces = new Map<string, string>()
    const build = await buildShards(await smallCorpus(), {}, (name, value) => void pieces.set(name, value), TINY)
    const starts = shardStarts(build.meta.terms)
    const prefix = starts.map((s) => s.slice(0, 2)).find((p) => p.length === 2 && crossesShards(starts, p))
    expect(prefix).toBeDefined()
    const meta = {
      ...build.meta,
      terms: { ...build.meta.terms, topShards: build.meta.terms.topShards.slice(0, 2) + '!' },
    }
    pieces.set(build.metaName, JSON.stringify(meta))
    const engine = await openShardedSearch(async (name) => pieces.get(name)!, build.metaName)
    await expect(engine.search({ q: `sisko ${prefix}`, limit: 10, offset: 0 })).rejects.toThrow(IndexFormatError)
    expect((await engine.search({ q: 'sisko odo', limit: 10, offset: 0 })).total).toBeGreaterThan(0)
  })
})
