/** The typo scan's cheap filter: a word's characters as a bit set, and what two sets say of an edit distance. */
import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { editDistance, letterMask, maskBound } from '../../../src/core/search/typo.ts'

describe('letter masks', () => {
  it('give each of a–z a bit of its own, and every other character one of the six bits above them', () => {
    expect(letterMask('abc')).toBe(0b111)
    expect(letterMask('z')).toBe(1 << 25)
    expect(letterMask('zz')).toBe(letterMask('z'))
    for (const other of ['0', '1', '9', 'é', 'ß', 'ж', '中', '-', "'"]) {
      const mask = letterMask(other)
      expect(mask >>> 26, other).not.toBe(0)
      expect(mask & ((1 << 26) - 1), other).toBe(0)
    }
  })

  it('bound the edit distance from below, whatever the characters, so the scan never skips a near word', () => {
    const char = fc.constantFrom(...'abcdeklmnoswxyz0179éèßжд中-')
    const word = fc.array(char, { maxLength: 12 }).map((cs) => cs.join(''))
    fc.assert(
      fc.property(word, word, (a, b) => {
        expect(maskBound(letterMask(a), letterMask(b))).toBeLessThanOrEqual(editDistance(a, b, 64))
      }),
      { numRuns: 2000 },
    )
  })
})
