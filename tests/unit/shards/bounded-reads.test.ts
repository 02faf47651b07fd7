/**
 * What a query's expansions may read is bounded, and a bound that bites says `approximate`:
 * - a word the index lacks is matched against the typo piece of its length: one read, holding every
 *   length within two edits, whole, or only its most frequent entries where it has more (`typoHead`).
 *   Whole, the candidates are the monolithic engine's; cut, a typo of a frequent word is still
 *   corrected, one of a rare word is not;
 * - a last word's completions add at most `maxPrefixShards` term shards to the query's reads;
 * - a query scores at most `maxScored` candidates, the best by impact;
 * - facets read the titles of the articles they list, not a row per counted passage.
 */
import { beforeAll, describe, expect, it } from 'vitest'
import type { Article } from '../../../src/core/model.ts'
import {
  buildSearchIndex,
  loadSearchIndex,
  type SearchEngine,
  type SearchRequest,
} from '../../../tools/oracle/index.ts'
import { FACET_VALUES } from '../../../src/core/engine/facets.ts'
import { openShardedSearch } from '../../../src/core/engine/engine.ts'
import { buildShards } from '../../../src/core/shards/build.ts'
import { crossesShards, shardOf, shardStarts } from '../../../src/core/shards/format.ts'
import { nameAt, termShardAt } from '../../../src/core/storage/keys.ts'
import { roundTrips } from '../../../tools/bench/round-trips.ts'
import { parseArticle } from '../../../src/core/parse/index.ts'
import { TINY, shardedOf, smallCorpus } from './fixture.ts'

let articles: Article[]
let mono: SearchEngine

beforeAll(async () => {
  articles = await smallCorpus()
  mono = await loadSearchIndex(await buildSearchIndex(articles))
}, 60_000)

const req = (q: string): SearchRequest => ({ q, limit: 10, offset: 0 })

describe('typo pieces', () => {
  it('give the monolithic answer when they hold every entry of the lengths in reach', async () => {
    const { engine } = await shardedOf(articles, {}, { ...TINY, typoHead: 1e9 })
    for (const q of ['garka tailor', 'siskp', 'cardasian odo']) {
      const { attributions: _, facets: __, ...answer } = await engine.search(req(q))
      expect(answer).toEqual(mono.search(req(q)))
    }
  })

  it('are one read per word, whatever the size of the vocabulary', async () => {
    const { engine, reads, pieces } = await shardedOf(articles, {}, { ...TINY, typoHead: 8 })
    reads.length = 0
    await engine.search(req('siskp'))
    const typoReads = reads.filter((name) => pieces.get(name)!.startsWith('{"entries"'))
    expect(typoReads).toHaveLength(1)
  })

  it('cut to the most frequent words still correct a typo of a frequent word, and say approximate', async () => {
    const { engine } = await shardedOf(articles, {}, { ...TINY, typoHead: 8 })
    const answer = await engine.search(req('siskp'))
    expect(answer.approximate).toBe(true)
    expect(answer.results.length).toBeGreaterThan(0)
    expect(answer.results[0]!.snippet.toLowerCase()).toContain('<mark>sisko')
  })

  it('cut, leave a typo of a rare word uncorrected rather than read every length whole', async () => {
    const whole = (await shardedOf(articles, {}, { ...TINY, typoHead: 1e9 })).engine
    const cut = (await shardedOf(articles, {}, { ...TINY, typoHead: 8 })).engine
    // "ezri" is rare in the corpus: a typo of it is corrected only where the whole length is kept.
    expect((await whole.search(req('ezrj'))).total).toBeGreaterThan(0)
    const answer = await cut.search(req('ezrj'))
    expect(answer.total).toBe(0)
    expect(answer.approximate).toBe(true)
  })
})

describe('completions of a last word', () => {
  it('add at most maxPrefixShards term shards, the most frequent completions first', async () => {
    const count = async (maxPrefixShards: number) => {
      const { engine, reads, pieces } = await shardedOf(articles, {}, TINY, { maxPrefixShards })
      reads.length = 0
      const answer = await engine.search(req('sisko th'))
      return { answer, shards: reads.filter((name) => pieces.get(name)!.startsWith('{"rows"')).length }
    }
    const all = await count(Infinity)
    const one = await count(1)
    expect(all.answer.approximate).toBeUndefined()
    expect(all.answer).toMatchObject({ total: mono.search(req('sisko th')).total })
    expect(one.shards).toBeLessThan(all.shards)
    expect(one.answer.approximate).toBe(true)
    expect(one.answer.results.length).toBeGreaterThan(0)
  })
})

/** An engine over `pieces` that records the round trip of each read. */
async function tripCounting(pieces: Map<string, string>, metaName: string) {
  const kv = roundTrips(pieces, 2)
  const engine = await openShardedSearch(kv.fetchPiece, metaName, { maxPrefixShards: 2 })
  return { engine, trips: kv.tripOf }
}

describe("the shards of a last word's completions", () => {
  it("are read in the round trip of the query's own words when they are few enough", async () => {
    const pieces = new Map<string, string>()
    const build = await buildShards(articles, {}, (name, value) => void pieces.set(name, value), TINY)
    const { engine, trips } = await tripCounting(pieces, build.metaName)
    // A shard's start cut by one character: a prefix whose completions begin in the shard before it.
    const starts = shardStarts(engine.meta.terms)
    const k = starts.findIndex(
      (s, i) => i > 0 && s.length >= 4 && /^[a-z]+$/.test(s) && !starts[i + 1]?.startsWith(s.slice(0, -1)),
    )
    expect(k).toBeGreaterThan(0)
    const prefix = starts[k]!.slice(0, -1)
    await engine.search(req(`sisko ${prefix}`))
    const completionShard = termShardAt(engine.meta.terms.names, k)!
    expect(trips.get(completionShard)).toBe(trips.get(termShardAt(engine.meta.terms.names, k - 1)!))
  })

  it('are read beside the words for every prefix that crosses shards, however many shards it spans', async () => {
    const pieces = new Map<string, string>()
    const build = await buildShards(articles, {}, (name, value) => void pieces.set(name, value), TINY)
    const starts = shardStarts(build.meta.terms)
    const crossing = new Set(
      starts.flatMap((start) =>
        Array.from(start, (_, n) => start.slice(0, n + 1)).filter((p) => p.length >= 2 && crossesShards(starts, p)),
      ),
    )
    expect(crossing.size).toBeGreaterThan(50)
    // Some span three shards or more: more than the shards a query may add for them.
    expect([...crossing].filter((p) => starts[shardOf(starts, p) + 2]?.startsWith(p)).length).toBeGreaterThan(5)
    for (const prefix of crossing) {
      const { engine, trips } = await tripCounting(pieces, build.metaName)
      await engine.search(req(`sisko ${prefix}`))
      // The term shards ranking reads: those before the page's doc blocks ("did you mean" may read more after).
      const docs = Math.min(...[...trips].filter(([name]) => name.startsWith('s/d')).map(([, trip]) => trip))
      const shardTrips = [...trips].filter(([name, trip]) => name.startsWith('s/t') && trip < docs)
      expect({ prefix, trips: new Set(shardTrips.map(([, trip]) => trip)).size }).toEqual({ prefix, trips: 1 })
    }
  })
})

describe('candidates scored', () => {
  it("are the best maxScored by impact: a common word answers from those, approximate, its hits the exact answer's", async () => {
    const { engine } = await shardedOf(articles, {}, TINY, { maxScored: 40 })
    const answer = await engine.search(req('the'))
    expect(answer.approximate).toBe(true)
    expect(answer.results).toHaveLength(10)
    const exact = new Set(mono.search({ ...req('the'), limit: 10_000 }).results.map((r) => r.id))
    expect(answer.results.every((hit) => exact.has(hit.id))).toBe(true)
    const all = await (await shardedOf(articles, {}, TINY)).engine.search(req('the'))
    expect(all.total).toBeGreaterThan(answer.total)
  })

  it.each(['who is garak', 'the prophets', 'sisko of the'])(
    "are the words' passages, not their stopwords': %j fills its page with passages holding its words",
    async (q) => {
      const { engine } = await shardedOf(articles, {}, TINY, { maxScored: 40 })
      const answer = await engine.search(req(q))
      const exact = new Set(mono.search({ ...req(q), limit: 10_000 }).results.map((r) => r.id))
      expect(exact.size).toBeGreaterThan(10)
      expect(answer.results).toHaveLength(10)
      expect(answer.results.every((hit) => exact.has(hit.id))).toBe(true)
    },
  )
})

describe('a query no passage matches whole', () => {
  /** Paragraphs of one word each, written often (high impact), and a few of two words once in a long text. */
  function words(): Article[] {
    const sidecar = { source: 'https://example.org', licence: { name: 'CC BY-SA 4.0', url: 'https://l' }, sections: [] }
    const filler = 'the crew walked along the promenade and talked about the day before the station went quiet'
    const paragraphs = [
      ...['quill', 'lantern', 'meadow'].flatMap((word) =>
        Array.from({ length: 30 }, (_, i) => `${word} ${word} ${word} marks note ${i}.`),
      ),
      ...Array.from({ length: 3 }, (_, i) => `${filler} quill ${filler} lantern ${filler} ${i}.`),
    ]
    return [parseArticle(['Word notes', '', ...paragraphs.flatMap((p) => [p, ''])].join('\n'), sidecar, 'word-notes')]
  }

  it('ranks first the passages holding the most of its words, however many it may score', async () => {
    const corpus = words()
    const oracle = await loadSearchIndex(await buildSearchIndex(corpus))
    const q = 'quill lantern meadow'
    const both = oracle.search({ ...req('quill lantern'), limit: 100 })
    expect(both.total).toBe(3)
    const { engine } = await shardedOf(corpus, {}, TINY, { maxScored: 20 })
    const answer = await engine.search(req(q))
    expect(answer.approximate).toBe(true)
    expect(new Set(answer.results.slice(0, 3).map((hit) => hit.id))).toEqual(new Set(both.results.map((hit) => hit.id)))
    expect(answer.results.slice(0, 3).map((hit) => hit.id)).toEqual(
      oracle
        .search(req(q))
        .results.slice(0, 3)
        .map((hit) => hit.id),
    )
  })
})

describe('facets', () => {
  it('list the articles with most counted passages first, equal counts in slug order', async () => {
    const many = await smallCorpus(1)
    const { engine } = await shardedOf(many, {}, TINY)
    const answer = await engine.search({ ...req('the'), limit: 10_000 })
    expect(answer.facets!.counted).toBe(answer.results.length)
    const counts = new Map<string, number>()
    for (const hit of answer.results) counts.set(hit.article.slug, (counts.get(hit.article.slug) ?? 0) + 1)
    expect(counts.size).toBeGreaterThan(FACET_VALUES)
    const expected = [...counts]
      .sort(([a, x], [b, y]) => y - x || (a < b ? -1 : 1))
      .slice(0, FACET_VALUES)
      .map(([value, count]) => ({ value, count }))
    expect(answer.facets!.articles.map(({ value, count }) => ({ value, count }))).toEqual(expected)
  })

  it('read the titles of the articles they list only, and no categories where no article has any', async () => {
    const many = await smallCorpus(1)
    const { engine, reads } = await shardedOf(many, {}, { ...TINY, directory: { titles: 1, categories: 1 } })
    const { titles, categories } = engine.meta.directory!
    expect(categories).toBeUndefined()
    const titlePieces = new Set(Array.from({ length: titles.names.length / 12 }, (_, i) => nameAt(titles.names, i)))
    expect(titlePieces.size).toBeGreaterThan(2 * FACET_VALUES)
    const answer = await engine.search(req('the'))
    expect(answer.facets!.articles).toHaveLength(FACET_VALUES)
    // One article a piece: a read per listed article, not one per counted article.
    expect(reads.filter((name) => titlePieces.has(name))).toHaveLength(FACET_VALUES)
  })
})
