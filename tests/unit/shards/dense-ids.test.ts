/**
 * Dense ids: the passage ordinals one query hands FlexSearch, renumbered 0, 1, 2… in the order first
 * met, mapped back to the same ordinals, and a table given back clean for the next query.
 */
import { describe, expect, it } from 'vitest'
import { DenseIds } from '../../../src/core/shards/dense-ids.ts'

describe('dense ids', () => {
  it('numbers ordinals in the order first met, and maps each id back to its ordinal', () => {
    const ids = DenseIds.take(1000)
    expect([900, 3, 900, 512, 3].map(ids.idOf)).toEqual([0, 1, 0, 2, 1])
    expect([0, 1, 2].map(ids.ordinalOf)).toEqual([900, 3, 512])
    expect(ids.size).toBe(3)
    ids.release()
  })

  it('starts the next query afresh on a given-back table', () => {
    const first = DenseIds.take(1000)
    ;[7, 8, 9].forEach(first.idOf)
    first.release()
    const next = DenseIds.take(1000)
    expect([9, 7].map(next.idOf)).toEqual([0, 1])
    expect(next.size).toBe(2)
    next.release()
  })

  it('keeps tables for the index it numbers now, as much as the piece cache leaves room for', () => {
    const taken = (passages: number) => [DenseIds.take(passages), DenseIds.take(passages)]
    for (const ids of taken(100)) ids.release()
    expect(DenseIds.heldBytes()).toBe(DenseIds.keptBytes(100))
    // A new version's larger index: the smaller tables cannot serve it and are not kept beside its own.
    for (const ids of taken(3000)) ids.release()
    expect(DenseIds.heldBytes()).toBe(DenseIds.keptBytes(3000))
    const ids = DenseIds.take(3000)
    expect([2999, 5].map(ids.idOf)).toEqual([0, 1])
    ids.release()
    expect(DenseIds.heldBytes()).toBe(DenseIds.keptBytes(3000))
  })

  it('never shares a numbering between queries in flight at once', () => {
    const a = DenseIds.take(100)
    const b = DenseIds.take(100)
    expect([50, 60].map(a.idOf)).toEqual([0, 1])
    expect([60, 50].map(b.idOf)).toEqual([0, 1])
    expect([0, 1].map(a.ordinalOf)).toEqual([50, 60])
    a.release()
    b.release()
  })

  it("numbers nothing once its table is given back, so a late unit cannot write into the next query's", () => {
    const late = DenseIds.take(100)
    late.idOf(5)
    late.release()
    const next = DenseIds.take(100)
    expect(() => late.idOf(6)).toThrow(/gave its table back/)
    late.release()
    expect([6, 5].map(next.idOf)).toEqual([0, 1])
    next.release()
  })
})
