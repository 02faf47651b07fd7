/**
 * The KV storage adapter, on its own: an in-memory FlexSearch index committed into pieces answers,
 * once a fresh index is mounted on those pieces, exactly as the index it was committed from.
 */
import { Index } from 'flexsearch'
import { beforeAll, describe, expect, it } from 'vitest'
import { loadCorpus } from '../../../tools/corpus/load.ts'
import {
  BatchStorage,
  KvStorage,
  PieceTermSource,
  ReadOnlyError,
  flatten,
  page,
  type Directory,
} from '../../../src/core/flexsearch-kv/index.ts'

const options = { tokenize: 'strict', resolution: 9, cache: false } as const
let memory: Index
let pieces: Map<string, string>
let directory: Directory
let reads: string[]

async function mounted(): Promise<{ index: Index; storage: KvStorage }> {
  const storage = new KvStorage(
    new PieceTermSource(directory, async (name) => {
      reads.push(name)
      return pieces.get(name) ?? Promise.reject(new Error(`no piece ${name}`))
    }),
  )
  const index = new Index(options)
  await index.mount(storage as never)
  return { index, storage }
}

beforeAll(async () => {
  memory = new Index(options)
  const passages = (await loadCorpus('index/corpus')).articles.flatMap((a) => a.sections.flatMap((s) => s.passages))
  passages.forEach((p, i) => memory.add(i, p.text))
  pieces = new Map()
  directory = await new BatchStorage((value) => {
    const name = `p${pieces.size}`
    pieces.set(name, value)
    return name
  }, 4096).commit(memory as never)
  reads = []
})

describe('a FlexSearch index mounted on committed pieces', () => {
  it('spreads the vocabulary over several pieces in term order', () => {
    expect(directory.names.length).toBeGreaterThan(3)
    expect([...directory.first].sort()).toEqual(directory.first)
  })

  it.each(['sisko', 'garak', 'dominion war', 'the', 'kira odo', 'cardassia prime', 'nielsen ratings', 'zzzz'])(
    'answers %j as the in-memory index does',
    async (q) => {
      const { index } = await mounted()
      expect(await index.search(q, { limit: 1000 })).toEqual(memory.search(q, { limit: 1000 }))
      expect(await index.search(q, { limit: 5, offset: 2 })).toEqual(memory.search(q, { limit: 5, offset: 2 }))
      expect(await index.search(q, { limit: 1000, suggest: true })).toEqual(
        memory.search(q, { limit: 1000, suggest: true }),
      )
    },
  )

  it('reads only the pieces holding the query terms', async () => {
    const { index } = await mounted()
    reads.length = 0
    await index.search('sisko garak')
    expect(new Set(reads).size).toBeLessThanOrEqual(2)
  })

  it('says which ids it holds and what it read', async () => {
    const { index, storage } = await mounted()
    await index.search('sisko')
    expect(await storage.has(0)).toBe(true)
    expect(await storage.has(1e9)).toBe(false)
    expect(storage.info()).toMatchObject({ gets: 1, pieces: directory.names.length })
  })

  it('pages an unresolved read as a resolved one, each id kept in its slot', async () => {
    const { index, storage } = await mounted()
    for (const q of ['sisko', 'the', 'dominion']) {
      const all = memory.search(q, { limit: 10_000 })
      expect(all.length).toBeGreaterThan(5)
      for (const [limit, offset] of [
        [1, 0],
        [3, 0],
        [5, 2],
        [10_000, 0],
      ] as const) {
        const slots = (await storage.get(q, undefined, limit, offset, false)) as number[][]
        expect(flatten(slots)).toEqual(all.slice(offset, offset + limit))
        expect(await index.search(q, { limit, offset })).toEqual(all.slice(offset, offset + limit))
      }
    }
  })

  it('refuses writes', async () => {
    const { storage } = await mounted()
    await expect(storage.commit()).rejects.toBeInstanceOf(ReadOnlyError)
    await expect(storage.remove()).rejects.toBeInstanceOf(ReadOnlyError)
  })
})

describe('flatten', () => {
  it('lists ids in slot order, paged', () => {
    expect(flatten([[1, 2], [], [3, 4, 5]])).toEqual([1, 2, 3, 4, 5])
    expect(flatten([[1, 2], [], [3, 4, 5]], 2, 1)).toEqual([2, 3])
  })
})

describe('page', () => {
  it('keeps the ids of a page in their slots, and the slots before them', () => {
    const slots = [[1, 2], [], [3, 4, 5], [6]]
    expect(page(slots)).toBe(slots)
    expect(page(slots, 3)).toEqual([[1, 2], [], [3]])
    expect(page(slots, 2, 1)).toEqual([[2], [], [3]])
    expect(page(slots, 0, 4)).toEqual([[], [], [5], [6]])
    expect(page(slots, 9, 5)).toEqual([[], [], [], [6]])
  })
})
