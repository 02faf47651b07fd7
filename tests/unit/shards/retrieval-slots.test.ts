/**
 * A term's postings in FlexSearch's resolution slots: each passage in the slot of its BM25 impact, in
 * reading order within a slot, a head's passages before its tail's; the same again from the slot order a
 * cached list keeps, whose bytes the piece cache is charged.
 */
import { describe, expect, it } from 'vitest'
import { tfNorm } from '../../../src/core/search/score.ts'
import { SLOTS, slotOrderBytes, slotsOf } from '../../../src/core/shards/retrieval.ts'

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
    expect(slotOrderBytes(list, AVG)).toBeGreaterThanOrEqual(4 * head.length + 4 * SLOTS)
    expect(slotOrderBytes(list, AVG)).toBeLessThan(list.byteLength + 1000)
  })
})
