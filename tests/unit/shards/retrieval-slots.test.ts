/**
 * A term's postings in FlexSearch's resolution slots: each passage in the slot of its BM25 impact, in
 * reading order within a slot, a head's passages before its tail's; the same again from the slot order a
 * cached list keeps, whose bytes the piece cache is charged.
 */
import { Index, type Resolver } from 'flexsearch'
import { describe, expect, it } from 'vitest'
import { KvStorage } from '../../../src/core/flexsearch-kv/index.ts'
import { tfNorm } from '../../../src/core/search/score.ts'
import { Retrieval, SLOTS, slotOrderBytes, slotsOf, type Candidates } from '../../../src/core/shards/retrieval.ts'
import { mulberry32 } from '../../../tools/corpus/synth.ts'

const AVG = 40

/** A postings list of passages (ordinal, length, occurrences), each occurrence one part. */
function postings(passages: { ordinal: number; length: number; tf: number }[]): Int32Array {
  const out: number[] = []
  let last = 0
  for (const { ordinal, length, tf } of passages) {
    out.push(ordinal - last, length, 0, 0, tf, 0)
    for (let k = 0; k < tf; k++) out.push(1, 3, 2)
    last = ordinal
  }
  return Int32Array.from(out)
}

const slotOf = (tf: number, length: number): number =>
  Math.min(SLOTS - 1, Math.max(0, Math.floor((1 - tfNorm(tf, length, AVG) / 2.2) * SLOTS)))

describe('the slots of a term', () => {
  const head = [
    { ordinal: 3, length: 400, tf: 1 },
    { ordinal: 8, length: 5, tf: 6 },
    { ordinal: 20, length: 40, tf: 2 },
    { ordinal: 21, length: 5, tf: 6 },
    { ordinal: 90, length: 400, tf: 1 },
  ]
  const tail = [
    { ordinal: 1, length: 40, tf: 2 },
    { ordinal: 50, length: 5, tf: 6 },
  ]

  it('holds each passage in the slot of its impact, in reading order, the head before the tail', () => {
    const expected: number[][] = Array.from({ length: SLOTS }, () => [])
    for (const p of [...head, ...tail]) expected[slotOf(p.tf, p.length)]!.push(p.ordinal)
    const lists = [postings(head), postings(tail)]
    expect(slotsOf(lists, AVG)).toEqual(expected)
    expect(slotsOf(lists, AVG)).toEqual(expected)
    expect(slotsOf(lists, AVG, (o) => o * 10)).toEqual(expected.map((slot) => slot.map((o) => o * 10)))
    expect(expected.filter((slot) => slot.length > 0).length).toBeGreaterThan(1)
  })

  it('holds only the first passages in slot order when limited, each in its slot', () => {
    const lists = [postings(head), postings(tail)]
    const all = slotsOf(lists, AVG)
    for (let limit = 1; limit <= head.length + tail.length + 1; limit++) {
      const some = slotsOf(lists, AVG, undefined, limit)
      expect(some.flat()).toEqual(all.flat().slice(0, limit))
      some.forEach((slot, s) => expect(all[s]!.slice(0, slot.length)).toEqual(slot))
    }
  })

  it('charges a list its slot order: four bytes a passage and the order itself', () => {
    const list = postings(head)
    expect(slotOrderBytes(list)).toBeGreaterThanOrEqual(4 * head.length + 4 * SLOTS)
    expect(slotOrderBytes(list)).toBeLessThan(list.byteLength + 1000)
  })
})

/** Postings of `count` random passages among 400, each of random length and occurrences. */
function randomPostings(count: number, rng: () => number): Int32Array {
  const ordinals = new Set<number>()
  while (ordinals.size < count) ordinals.add(Math.floor(rng() * 400))
  const passages = [...ordinals].sort((a, b) => a - b)
  return postings(
    passages.map((ordinal) => ({ ordinal, length: 5 + Math.floor(rng() * 300), tf: 1 + Math.floor(rng() * 4) })),
  )
}

/** A FlexSearch index of its own over `lists`, every passage named by its ordinal. */
async function flexIndex(lists: Map<string, Int32Array>): Promise<Index> {
  const source = { slots: async (term: string) => slotsOf([lists.get(term)!], AVG), has: async () => true }
  const index = new Index({ tokenize: 'strict', encode: (text: string) => [text], resolution: SLOTS, cache: false })
  await index.mount(new KvStorage(source) as never)
  return index
}

/** FlexSearch's own union of `terms`, unresolved. */
async function flexAny(index: Index, terms: string[]): Promise<Resolver> {
  const [first, ...rest] = terms
  const found = (await index.search({ query: first!, resolve: false })) as unknown as Resolver
  return rest.length ? ((await found.or(...rest.map((query) => ({ index, query })))) as unknown as Resolver) : found
}

/**
 * Checks that `ask` on a query's Retrieval over `lists` gives FlexSearch's own first `limit` passages
 * (`expected`: the first `limit` + 1 it resolves) and says whether it listed more.
 */
async function expectCandidates(
  lists: Map<string, Int32Array>,
  limit: number,
  ask: (retrieval: Retrieval) => Promise<Candidates>,
  expected: number[],
): Promise<void> {
  const retrieval = await Retrieval.open({
    postings: async (term) => [lists.get(term)!],
    avgLength: AVG,
  })
  const found = await ask(retrieval).finally(() => retrieval.close())
  expect([...found.ordinals]).toEqual(expected.slice(0, limit))
  expect(found.more).toBe(expected.length > limit)
}

describe("a union's candidates", () => {
  /** FlexSearch's own union of every term, resolved: the first `limit` + 1 passages. */
  async function flexUnion(lists: Map<string, Int32Array>, terms: string[], limit: number): Promise<number[]> {
    const all = await flexAny(await flexIndex(lists), terms)
    return (await all.resolve({ limit: limit + 1 })) as number[]
  }

  it('are the ones FlexSearch lists when every term is merged, whichever term fills the page', async () => {
    const rng = mulberry32(5)
    for (let round = 0; round < 80; round++) {
      const n = 1 + Math.floor(rng() * 24)
      const lists = new Map(
        Array.from({ length: n }, (_, i) => [`t${i}`, randomPostings(1 + Math.floor(rng() * 120), rng)]),
      )
      const terms = [...lists.keys()]
      for (const limit of [1, 10, 60, 200])
        await expectCandidates(lists, limit, (r) => r.union(terms, limit), await flexUnion(lists, terms, limit))
    }
  })
})

describe("an intersection's candidates", () => {
  /** FlexSearch's own AND of every unit, each unit the union of its terms read whole, resolved. */
  async function flexIntersection(lists: Map<string, Int32Array>, units: string[][], limit: number) {
    const index = await flexIndex(lists)
    const [first, ...rest] = await Promise.all(units.map((terms) => flexAny(index, terms)))
    const all = rest.length ? ((await first!.and(...(rest as never[]))) as unknown as Resolver) : first!
    return (await all.resolve({ limit: limit + 1 })) as number[]
  }

  it('are the ones FlexSearch lists when every unit is read whole, though all but one are read within it', async () => {
    const rng = mulberry32(11)
    for (let round = 0; round < 80; round++) {
      const lists = new Map<string, Int32Array>()
      const units = Array.from({ length: 2 + Math.floor(rng() * 3) }, (_, u) =>
        Array.from({ length: 1 + Math.floor(rng() * (rng() < 0.5 ? 3 : 20)) }, (_, i) => {
          const term = `u${u}t${i}`
          lists.set(term, randomPostings(1 + Math.floor(rng() * 200), rng))
          return term
        }),
      )
      for (const limit of [1, 10, 60])
        await expectCandidates(
          lists,
          limit,
          (r) => r.intersection(units, limit),
          await flexIntersection(lists, units, limit),
        )
    }
  })
})

describe('the candidates of units no passage holds all of', () => {
  /** Each passage among `lists`, and how many of `units` (lists of terms) list it. */
  function counted(lists: Map<string, Int32Array>, units: string[][]): Map<number, number> {
    const counts = new Map<number, number>()
    for (const terms of units) {
      const passages = new Set(terms.flatMap((term) => slotsOf([lists.get(term)!], AVG).flat()))
      for (const p of passages) counts.set(p, (counts.get(p) ?? 0) + 1)
    }
    return counts
  }

  it('are counted only where the units list few enough: `listed` sums what each distinct term lists', async () => {
    const rng = mulberry32(23)
    const lists = new Map(Array.from({ length: 5 }, (_, i) => [`t${i}`, randomPostings(10 + i * 30, rng)]))
    const retrieval = await Retrieval.open({ postings: async (term) => [lists.get(term)!], avgLength: AVG })
    const listed = await retrieval.listed([['t0', 't1', 't1'], ['t2'], ['t3', 't4']]).finally(() => retrieval.close())
    expect(listed).toBe(10 + 40 + 70 + 100 + 130)
  })

  it('are the passages of the most units first, as many as asked, and say when there may be more', async () => {
    const rng = mulberry32(17)
    for (let round = 0; round < 80; round++) {
      const lists = new Map<string, Int32Array>()
      const units = Array.from({ length: 3 + Math.floor(rng() * 3) }, (_, u) =>
        Array.from({ length: 1 + Math.floor(rng() * 3) }, (_, i) => {
          const term = `u${u}t${i}`
          lists.set(term, randomPostings(1 + Math.floor(rng() * 120), rng))
          return term
        }),
      )
      const counts = counted(lists, units)
      for (const limit of [1, 10, 60, 500]) {
        const retrieval = await Retrieval.open({ postings: async (term) => [lists.get(term)!], avgLength: AVG })
        const found = await retrieval.mostOf(units, limit).finally(() => retrieval.close())
        expect(found.ordinals.size).toBe(Math.min(limit, counts.size))
        expect(found.more).toBe(counts.size >= limit)
        const fewest = Math.min(...[...found.ordinals].map((p) => counts.get(p)!))
        const above = [...counts].filter(([, count]) => count > fewest).map(([p]) => p)
        expect(above.every((p) => found.ordinals.has(p))).toBe(true)
      }
    }
  })
})
