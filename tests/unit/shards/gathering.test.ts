import { describe, expect, it } from 'vitest'
import { Gathering } from '../../../src/core/engine/postings.ts'

// One term's postings: passage 3 (10 parts, a paragraph) holds it at parts 2 and 5 and as a join of parts 7-8.
const TERM = 5
const postings = Int32Array.from([3, 10, 0, 0, 2, 1, 2, 0, 4, 3, 10, 5, 7, 2, 30, 6])

function gathered(): { gathering: Gathering; i: number } {
  const gathering = new Gathering()
  gathering.gather(TERM, postings, new Set([3]))
  return { gathering, i: gathering.at(3) }
}

describe("a gathered passage's tokens", () => {
  it('give the same positions whatever they are read for', () => {
    const { gathering, i } = gathered()
    const positions = gathering.tokens(i, 'phrases').positions
    expect(positions.get(TERM)).toEqual([2, 5, 7])
    expect(gathering.tokens(i, 'positions').positions).toEqual(positions)
    expect(gathering.tokens(i, 'marks').positions).toEqual(positions)
  })

  it('hold terms and joins by position for phrases, and neither for positions only', () => {
    const { gathering, i } = gathered()
    const phrases = gathering.tokens(i, 'phrases')
    expect(phrases.terms[5]).toBe(TERM)
    expect(phrases.joinsAt.get(7)).toEqual([[2, TERM]])
    const positions = gathering.tokens(i, 'positions')
    expect(positions.terms[5]).toBeUndefined()
    expect(positions.joinsAt.size).toBe(0)
  })

  it('hold offsets for marks', () => {
    const { gathering, i } = gathered()
    const marks = gathering.tokens(i, 'marks')
    expect([marks.starts[2], marks.ends[2], marks.starts[5], marks.ends[5]]).toEqual([0, 4, 10, 15])
    expect([marks.starts[7], marks.ends[8]]).toEqual([30, 36])
  })
})
