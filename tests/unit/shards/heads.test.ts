/**
 * Frequent terms keep only their head (their passages of highest BM25 impact) in their shard. A page
 * the heads can fill is answered from them: an `approximate` answer whose hits are the monolithic
 * engine's, in its order, with some passages left out. A page they cannot fill (a deep page, a filter,
 * a rare combination) reads the tails, best tiers first, and is answered exactly as the monolithic
 * engine does when it may read them all; past maxTailChunks tiers it says `approximate`.
 */
import { beforeAll, describe, expect, it } from 'vitest'
import type { Article } from '../../../src/core/model.ts'
import {
  buildSearchIndex,
  loadSearchIndex,
  type SearchEngine,
  type SearchRequest,
} from '../../../tools/oracle/index.ts'
import {
  BUDGET_PAGE,
  POINTER_AND_TITLES_BYTES,
  openShardedSearch,
  type ShardedSearch,
} from '../../../src/core/engine/engine.ts'
import { IndexFormatError } from '../../../src/core/search/types.ts'
import type { ShardMeta } from '../../../src/core/shards/format.ts'
import { tiersByImpact } from '../../../src/core/shards/heads.ts'
import { TINY, cyrillicCorpus, inCyrillic, shardedOf, smallCorpus } from './fixture.ts'

let articles: Article[]
let cyrillic: Article[]
let mono: SearchEngine
let sharded: ShardedSearch

beforeAll(async () => {
  articles = await smallCorpus()
  cyrillic = await cyrillicCorpus()
  mono = await loadSearchIndex(await buildSearchIndex(articles))
  // Free to read every tier of a tail, as a query is up to maxTailChunks tiers.
  sharded = (await shardedOf(articles, {}, { ...TINY, headBytes: 600 }, { maxTailChunks: Infinity })).engine
}, 60_000)

const ids = (answer: { results: { id: string }[] }) => answer.results.map((r) => r.id)

/** Whether `sub` keeps the order of `all` (every item of sub found in all, in the same order). */
function isSubsequence(sub: string[], all: string[]): boolean {
  let i = 0
  for (const x of all) if (x === sub[i]) i++
  return i === sub.length
}

describe('heads and tails of frequent terms', () => {
  it('answers a first page from the heads alone, with the monolithic order and `approximate` set', async () => {
    const req: SearchRequest = { q: 'the episode', limit: 5, offset: 0 }
    const answer = await sharded.search(req)
    const full = mono.search({ ...req, limit: 10_000 })
    expect(answer.approximate).toBe(true)
    expect(answer.results).toHaveLength(5)
    expect(answer.total).toBeLessThan(full.total)
    expect(isSubsequence(ids(answer), ids(full))).toBe(true)
    // Every hit carries the monolithic engine's score and snippet for that passage.
    const byId = new Map(full.results.map((r) => [r.id, r]))
    for (const hit of answer.results) expect({ ...hit, score: 0 }).toEqual({ ...byId.get(hit.id), score: 0 })
  })

  it.each<SearchRequest>([
    { q: 'the episode', limit: 10, offset: 400 },
    { q: 'the', limit: 10, offset: 0, kind: 'reference' },
    { q: 'the', limit: 20, offset: 0, section: 'production' },
    { q: 'sisko', limit: 10, offset: 0, article: 'what-you-leave-behind' },
    { q: 'garak cardassia', limit: 50, offset: 0 },
  ])('reads the tails and answers exactly when the heads cannot fill the page: %j', async (req) => {
    const { attributions: _, facets: __, ...answer } = await sharded.search(req)
    expect(answer).toEqual(mono.search(req))
  })

  it('reads at most maxTailChunks tail tiers in all, the answer then approximate', async () => {
    const { engine, reads, pieces } = await shardedOf(
      articles,
      {},
      { ...TINY, headBytes: 600, bigTerm: 512 },
      { maxTailChunks: 1 },
    )
    const req: SearchRequest = { q: 'the', limit: 10, offset: 0, kind: 'reference' }
    reads.length = 0
    const answer = await engine.search(req)
    expect(answer.approximate).toBe(true)
    expect(answer.results.length).toBeGreaterThan(0)
    // Every hit is one of the exact answer's; not in its order: completions of "the" ("them", frequent
    // once article titles are a field of every passage) have cut tails too, so head scores only bound.
    const exact = new Set(ids(mono.search({ ...req, offset: 0, limit: 10_000 })))
    expect(ids(answer).every((id) => exact.has(id))).toBe(true)
    // A tier is encoded numbers; every other piece (shards, doc blocks, the meta) is JSON.
    const tiers = new Set(reads.filter((name) => !/^[[{]/.test(pieces.get(name) ?? '{')))
    expect(tiers.size).toBe(1)
  })

  it.each([
    { corpus: 'English', articles: () => articles, req: { q: 'the', limit: 10, offset: 0, kind: 'reference' } },
    { corpus: 'Cyrillic', articles: () => cyrillic, req: { q: inCyrillic('and'), limit: 10, offset: 40 } },
  ] as const)(
    'reads tail tiers only within the bytes a cold query may read beside its other pieces ($corpus text)',
    async ({ articles, req }) => {
      const options = { ...TINY, headBytes: 600, bigTerm: 512 }
      const { pieces, metaName } = await shardedOf(articles(), {}, options)
      const meta = JSON.parse(pieces.get(metaName)!) as ShardMeta
      const isTier = (name: string) => !/^[[{]/.test(pieces.get(name)!)
      // KV stores and bills UTF-8: a Cyrillic letter is two bytes.
      const bytesOf = (names: Iterable<string>) =>
        [...new Set(names)].reduce((n, name) => n + Buffer.byteLength(pieces.get(name)!), 0)
      /** The tiers a query read, and what it read before its page: the meta, term shards and tiers. */
      const readWith = async (coldQueryBytes: number) => {
        const { engine, reads } = await shardedOf(articles(), {}, options, { maxTailChunks: 3, coldQueryBytes })
        const answer = await engine.search(req)
        const tiers = reads.filter(isTier)
        const lookups = reads.filter((name) => name === metaName || /^s\/t[0-9a-z]+\./.test(name) || isTier(name))
        const page = reads.filter((name) => /^s\/d[0-9a-z]+\./.test(name))
        return { answer, tiers: new Set(tiers).size, bytes: bytesOf(lookups), page: bytesOf(page) }
      }
      const free = await readWith(Infinity)
      const none = await readWith(0)
      expect([free.tiers, none.tiers]).toEqual([3, 0])
      expect(none.answer.approximate).toBe(true)
      // What a hit's doc block is set aside is its largest block's bytes.
      expect(free.page).toBeLessThanOrEqual(BUDGET_PAGE * meta.docs.most)
      // Between what the heads alone read and what every tier takes, a budget is never passed.
      const reserve = POINTER_AND_TITLES_BYTES + BUDGET_PAGE * meta.docs.most
      let fewer = 0
      for (let budget = none.bytes + reserve; budget <= free.bytes + reserve; budget += 97) {
        const { answer, tiers, bytes } = await readWith(budget)
        expect(bytes + reserve, `budget ${budget}`).toBeLessThanOrEqual(budget)
        if (tiers < free.tiers) {
          fewer++
          expect(answer.approximate).toBe(true)
        }
      }
      expect(fewer).toBeGreaterThan(0)
      expect((await readWith(free.bytes + reserve)).tiers).toBe(3)
    },
  )

  it('reads the tails before it answers with passages holding some of the words, when the heads share none', async () => {
    const options = { ...TINY, headBytes: 600, bigTerm: 512 }
    // Two words whose heads of 600 bytes share no passage though their postings do (the first
    // expectations check it); the trailing space: the last word is a word, not a prefix to complete.
    const req: SearchRequest = { q: 'nine sacrifice ', limit: 10, offset: 0 }
    const exact = new Set(ids(mono.search({ ...req, limit: 10_000 })))
    const heads = await (await shardedOf(articles, {}, options, { maxTailChunks: 0 })).engine.search(req)
    expect(heads.results.length).toBeGreaterThan(0)
    expect(heads.results.some((hit) => exact.has(hit.id))).toBe(false)
    const { engine } = await shardedOf(articles, {}, options, { maxTailChunks: 3 })
    const answer = await engine.search(req)
    expect(answer.results.length).toBeGreaterThan(0)
    expect(ids(answer).every((id) => exact.has(id))).toBe(true)
  })

  it("keeps in a frequent word's head the articles titled with it, which rank first (a title weighs more than any text)", async () => {
    const options = { ...TINY, headBytes: 600, bigTerm: 512 }
    const req: SearchRequest = { q: 'from ', limit: 10, offset: 0 }
    const titled = mono
      .search(req)
      .results.filter((hit) => /\bfrom\b/i.test(hit.article.title))
      .map((hit) => hit.id)
    expect(titled.length).toBeGreaterThan(0)
    const { engine } = await shardedOf(articles, {}, options, { maxTailChunks: 0 })
    const answer = await engine.search(req)
    expect(answer.approximate).toBe(true)
    expect(ids(answer)).toEqual(expect.arrayContaining(titled))
  })

  it('refuses a meta that does not give its largest doc block, which a query shares out its bytes by', async () => {
    const { pieces, metaName } = await shardedOf(articles, {}, TINY)
    const meta = pieces.get(metaName)!
    expect(meta).toMatch(/,"most":\d+/)
    const read = async (name: string) => (name === metaName ? meta.replace(/,"most":\d+/, '') : pieces.get(name)!)
    await expect(openShardedSearch(read, metaName)).rejects.toThrow(IndexFormatError)
  })

  it('reads the same tail tiers for a page of 50 as for a page of ten, so its first ten hits are theirs', async () => {
    const options = { ...TINY, headBytes: 600, bigTerm: 512 }
    const { pieces, metaName } = await shardedOf(articles, {}, options)
    const meta = JSON.parse(pieces.get(metaName)!) as ShardMeta
    const isTier = (name: string) => !/^[[{]/.test(pieces.get(name)!)
    // A budget with room for one tier or two beside a page of ten, and none beside a page of 50 blocks.
    const req = { q: 'the', offset: 0, kind: 'reference' } as const
    const free = await shardedOf(articles, {}, options, { maxTailChunks: 3, coldQueryBytes: Infinity })
    await free.engine.search({ ...req, limit: 10 })
    const lookups = new Set(free.reads.filter((n) => n === metaName || /^s\/t[0-9a-z]+\./.test(n)))
    const tier = Math.max(...free.reads.filter(isTier).map((n) => Buffer.byteLength(pieces.get(n)!)))
    const base = [...lookups].reduce((n, name) => n + Buffer.byteLength(pieces.get(name)!), 0)
    const coldQueryBytes = base + POINTER_AND_TITLES_BYTES + BUDGET_PAGE * meta.docs.most + 2 * tier
    expect(50 * meta.docs.most).toBeGreaterThan(2 * tier + BUDGET_PAGE * meta.docs.most)
    const page = async (limit: number) => {
      const { engine, reads } = await shardedOf(articles, {}, options, { maxTailChunks: 3, coldQueryBytes })
      const answer = await engine.search({ ...req, limit })
      return { ids: ids(answer), tiers: new Set(reads.filter(isTier)) }
    }
    const [ten, fifty] = [await page(10), await page(50)]
    expect(ten.tiers.size).toBeGreaterThan(0)
    expect(ten.tiers.size).toBeLessThan(new Set(free.reads.filter(isTier)).size)
    expect([...fifty.tiers]).toEqual([...ten.tiers])
    expect(fifty.ids.slice(0, 10)).toEqual(ten.ids)
  })

  it('cuts a tail into tiers of decreasing impact, each in ordinal order', () => {
    // Ten passages, the term once in each; passage i is 10 + i long, so impact falls with i.
    const records = Array.from({ length: 10 }, (_, i) => [1, 10 + i, 0, 0, 1, 0, 0, 0, 1]).flat()
    const tiers = tiersByImpact(Int32Array.from(records), 20, 20, 10)
    expect(tiers.length).toBeGreaterThan(2)
    const ordinals = tiers.map((tier) => {
      const out: number[] = []
      for (let i = 0, o = 0; i < tier.length; i += 9) out.push((o += tier[i]!))
      return out
    })
    for (const list of ordinals) expect([...list].sort((a, b) => a - b)).toEqual(list)
    for (let t = 1; t < ordinals.length; t++)
      expect(Math.min(...ordinals[t]!)).toBeGreaterThan(Math.max(...ordinals[t - 1]!))
    expect(ordinals.flat().sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10])
  })

  it('suggests and answers single rare words exactly (their postings are whole)', async () => {
    for (const q of ['epsicokhan', 'nielsen', 'jemhadar']) {
      const { attributions: _, facets: __, ...answer } = await sharded.search({ q, limit: 10, offset: 0 })
      expect(answer, q).toEqual(mono.search({ q, limit: 10, offset: 0 }))
    }
  })
})
