/**
 * Dense ids: the passage ordinals one query hands FlexSearch, renumbered 0, 1, 2… in the order first
 * met, mapped back to the same ordinals, and a table given back clean for the next query.
 */
import { describe, expect, it } from 'vitest'
import { DenseIds } from '../../../src/core/shards/dense-ids.ts'

describe('dense ids', () => {
  it('numbers ordinals in the order first met, and maps each id back to its ordinal', () => {
    const ids = DenseIds.take()
    expect([900, 3, 900, 512, 3].map(ids.idOf)).toEqual([0, 1, 0, 2, 1])
    expect([0, 1, 2].map(ids.ordinalOf)).toEqual([900, 3, 512])
    expect(ids.size).toBe(3)
    ids.release()
  })

  it('starts the next query afresh on a given-back table', () => {
    const first = DenseIds.take()
    ;[7, 8, 9].forEach(first.idOf)
    first.release()
    const next = DenseIds.take()
    expect([9, 7].map(next.idOf)).toEqual([0, 1])
    expect(next.size).toBe(2)
    next.release()
  })

  it('grows past its first slots and still maps every id both ways', () => {
    const ids = DenseIds.take()
    const ordinals = Array.from({ length: 20000 }, (_, i) => (i * 7919) % 264768)
    expect(ordinals.map(ids.idOf)).toEqual(ordinals.map((_, i) => i))
    expect(ordinals.map(ids.idOf)).toEqual(ordinals.map((_, i) => i))
    expect(ordinals.every(ids.known)).toBe(true)
    expect(ids.known(1)).toBe(false)
    expect(ids.ordinalOf(19999)).toBe(ordinals[19999])
    ids.release()
  })

  it('keeps at most two tables between queries, within what the piece cache leaves room for', () => {
    const taken = [DenseIds.take(), DenseIds.take(), DenseIds.take()]
    for (const ids of taken) ids.release()
    const kept = DenseIds.heldBytes()
    expect(kept).toBeGreaterThan(0)
    expect(kept).toBeLessThanOrEqual(DenseIds.keptBytes)
    // The next query takes a kept table (the warm-up's, for an isolate's first request) and gives it back.
    const reused = DenseIds.take()
    expect(DenseIds.heldBytes()).toBeLessThan(kept)
    reused.release()
    expect(DenseIds.heldBytes()).toBe(kept)
    // A table grown for a stopword's tens of thousands of passages is not kept for the isolate's life.
    const large = DenseIds.take()
    for (let o = 0; o < 40000; o++) large.idOf(o)
    large.release()
    expect(DenseIds.heldBytes()).toBeLessThanOrEqual(DenseIds.keptBytes)
    const next = DenseIds.take()
    expect([2999, 5].map(next.idOf)).toEqual([0, 1])
    next.release()
  })

  it('never shares a numbering between queries in flight at once', () => {
    const a = DenseIds.take()
    const b = DenseIds.take()
    expect([50, 60].map(a.idOf)).toEqual([0, 1])
    expect([60, 50].map(b.idOf)).toEqual([0, 1])
    expect([0, 1].map(a.ordinalOf)).toEqual([50, 60])
    a.release()
    b.release()
  })

  it("numbers nothing once its table is given back, so a late unit cannot write into the next query's", () => {
    const late = DenseIds.take()
    late.idOf(5)
    late.release()
    const next = DenseIds.take()
    expect(() => late.idOf(6)).toThrow(/gave its table back/)
    late.release()
    expect([6, 5].map(next.idOf)).toEqual([0, 1])
    next.release()
  })
})
