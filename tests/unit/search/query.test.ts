import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { canonicalQuery } from '../../../src/core/search/index.ts'
import { parseQuery } from '../../../src/core/search/query.ts'

describe('query parser', () => {
  it('reads words, phrases and exclusions', () => {
    const q = parseQuery('garak "the more things" -dukat -"fire caves"')
    expect(q.positive.map((u) => u.type)).toEqual(['word', 'phrase'])
    expect(q.negative.map((u) => u.type)).toEqual(['word', 'phrase'])
    expect(q.canonical).toBe('garak "the more things" -dukat -"fire caves"')
  })
  it('runs an unclosed quote to the end of the query', () => {
    const q = parseQuery('sisko "the more things change')
    expect(q.positive[1]).toMatchObject({ type: 'phrase' })
    expect(q.positive[1]!.parts.map((p) => p.key)).toEqual(['the', 'more', 'things', 'change'])
  })
  it('completes only the last word as a prefix', () => {
    const q = parseQuery('jamahl epsic')
    expect(q.positive.map((u) => u.prefix)).toEqual([false, true])
    expect(parseQuery('epsic -war').positive[0]!.prefix).toBe(false)
    expect(parseQuery('"epsic"').positive[0]!.prefix).toBe(false)
  })
  it('drops control and format characters silently', () => {
    expect(canonicalQuery('ga\u0000rak\u200b \u0007dukat')).toBe('garak dukat')
  })
  it('gives the same canonical form to queries that mean the same', () => {
    expect(canonicalQuery('  GARAK   Dukat ')).toBe(canonicalQuery('garak dukat'))
    expect(canonicalQuery("Jem'Hadar")).toBe(canonicalQuery("jem'hadar"))
    expect(canonicalQuery('Déjà')).toBe(canonicalQuery('deja'))
    expect(canonicalQuery('JemHadar')).not.toBe(canonicalQuery('jemhadar'))
  })
  it('caps the number of terms', () => {
    expect(parseQuery(Array.from({ length: 100 }, (_, i) => `w${i}`).join(' ')).positive.length).toBe(32)
  })
  it('never throws on operator soup, and its canonical form is a fixed point', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: fc.constantFrom('"', '-', ' ', 'a', 'B', "'", '*', '“', '\u0000', '\ud800', 'é', '.', '9') }),
        (s) => {
          const c = parseQuery(s).canonical
          expect(canonicalQuery(c)).toBe(c)
        },
      ),
      { numRuns: 500 },
    )
  })
})
