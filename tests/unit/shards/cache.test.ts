/**
 * The piece cache's budget: each piece is charged the heap its parsed value costs (measured per kind of
 * piece), decoded postings their bytes, and the least recently used pieces leave once the budget is spent.
 */
import { describe, expect, it } from 'vitest'
import { HEAP_PER_CHAR, PieceCache } from '../../../src/core/shards/cache.ts'

const pieces = new Map([
  ['a', 'x'.repeat(100)],
  ['b', 'y'.repeat(100)],
  ['c', 'z'.repeat(100)],
])
const fetchPiece = async (name: string): Promise<string> => pieces.get(name)!
const asIs = (text: string): string => text

describe('the piece cache', () => {
  it('charges a parsed piece HEAP_PER_CHAR bytes a character, or what its kind costs', async () => {
    const cache = new PieceCache(fetchPiece, 1_000_000)
    await cache.get('a', asIs)
    expect(cache.stats().bytes).toBe(100 * HEAP_PER_CHAR)
    await cache.get('b', asIs, 5)
    expect(cache.stats().bytes).toBe(100 * HEAP_PER_CHAR + 500)
  })

  it('charges decoded postings the bytes of their array', async () => {
    const cache = new PieceCache(fetchPiece, 1_000_000)
    await cache.get('a', () => new Int32Array(40))
    expect(cache.stats().bytes).toBe(160)
  })

  it('charges a piece that tells its own heap bytes that size', async () => {
    const cache = new PieceCache(fetchPiece, 1_000_000)
    await cache.get('a', () => ({ heapBytes: 130 }))
    expect(cache.stats().bytes).toBe(130)
  })

  it('charges what is derived from a cached piece to that piece, and lets pieces go to stay in budget', async () => {
    const cache = new PieceCache(fetchPiece, 2 * 100 * HEAP_PER_CHAR + 100)
    await cache.get('a', asIs)
    await cache.get('b', asIs)
    cache.charge('b', 80)
    expect(cache.stats()).toMatchObject({ entries: 2, bytes: 2 * 100 * HEAP_PER_CHAR + 80 })
    cache.charge('gone', 1_000)
    expect(cache.stats().bytes).toBe(2 * 100 * HEAP_PER_CHAR + 80)
    cache.charge('b', 80)
    expect(cache.stats()).toMatchObject({ entries: 1, bytes: 100 * HEAP_PER_CHAR + 160 })
  })

  it('leaves room in its budget for what engines keep beside it, the largest figure of each holder', async () => {
    const cache = new PieceCache(fetchPiece, 3 * 100 * HEAP_PER_CHAR)
    await cache.get('a', asIs)
    await cache.get('b', asIs)
    await cache.get('c', asIs)
    cache.reserve('tables', 100)
    expect(cache.stats()).toMatchObject({ entries: 2, bytes: 2 * 100 * HEAP_PER_CHAR })
    cache.reserve('tables', 50)
    await cache.get('a', asIs)
    expect(cache.stats()).toMatchObject({ entries: 2, misses: 4 })
  })

  it('lets the least recently used pieces go once its budget is spent', async () => {
    const cache = new PieceCache(fetchPiece, 2 * 100 * HEAP_PER_CHAR)
    await cache.get('a', asIs)
    await cache.get('b', asIs)
    await cache.get('a', asIs)
    await cache.get('c', asIs)
    expect(cache.stats()).toMatchObject({ entries: 2, bytes: 2 * 100 * HEAP_PER_CHAR, hits: 1, misses: 3 })
    await cache.get('a', asIs)
    expect(cache.stats().hits).toBe(2)
    await cache.get('b', asIs)
    expect(cache.stats().misses).toBe(4)
  })
})
