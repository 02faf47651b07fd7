/**
 * Properties of the query side: searching the real article's engine never throws anything but
 * QueryError, whatever the string, and answers a bounded, well-formed page.
 */
import fc from 'fast-check'
import { beforeAll, describe, expect, it } from 'vitest'
import { fixtureCorpus } from '../../../tools/corpus/fixture.ts'
import {
  QueryError,
  buildSearchIndex,
  canonicalQuery,
  loadSearchIndex,
  type SearchEngine,
} from '../../../tools/oracle/index.ts'

let engine: SearchEngine
let vocabulary: string[]

beforeAll(async () => {
  const { articles } = await fixtureCorpus()
  engine = await loadSearchIndex(await buildSearchIndex(articles))
  vocabulary = [
    ...new Set(articles.flatMap((a) => a.sections.flatMap((s) => s.passages.flatMap((p) => p.text.split(/\s+/))))),
  ].slice(0, 400)
})

function searchOrQueryError(q: string): void {
  let answer
  try {
    answer = engine.search({ q, limit: 10, offset: 0 })
  } catch (error) {
    if (error instanceof QueryError) return
    throw error
  }
  expect(answer.results.length).toBeLessThanOrEqual(10)
  expect(answer.total).toBeGreaterThanOrEqual(answer.results.length)
  expect(new Set(answer.results.map((r) => r.id)).size).toBe(answer.results.length)
  for (const hit of answer.results) expect(Number.isFinite(hit.score)).toBe(true)
  expect(typeof canonicalQuery(q)).toBe('string')
}

const OPERATORS = fc.constantFrom(
  '-',
  '"',
  '*',
  '?',
  '%',
  ' ',
  '--',
  '“',
  '”',
  '«',
  '»',
  '−',
  '–',
  "'",
  '(',
  ')',
  ':',
  '^',
  '~',
  '+',
  '|',
  '&',
  '\\',
)
const CONTROL = fc.constantFrom(
  '\u0000',
  '\u0007',
  '\t',
  '\n',
  '\r',
  '\u001f',
  '\u007f',
  '\u0085',
  '\u200b',
  '\u2028',
  '\u2029',
  '\ufeff',
  '\ud800',
  '\udfff',
)
const soup = (parts: fc.Arbitrary<string>) => fc.array(parts, { maxLength: 60 }).map((xs) => xs.join(''))

describe('engine.search never throws anything but QueryError', () => {
  it('on arbitrary unicode (including lone surrogates)', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 300 }), searchOrQueryError), { numRuns: 400 })
  })

  it('on control characters, unmatched quotes and operator soup', () => {
    for (const q of [
      '-"*?%-- "',
      '"',
      '""',
      '"""',
      '-',
      '--',
      '- -',
      '-"',
      '"-',
      '*',
      '?*%',
      '" -"',
      '\u0000',
      '-\u0000a',
      '«»',
      '“garak',
    ]) {
      searchOrQueryError(q)
    }
    fc.assert(fc.property(soup(fc.oneof(OPERATORS, CONTROL)), searchOrQueryError), { numRuns: 400 })
  })

  it('on the article’s own words mixed with operators and control characters', () => {
    const word = fc.integer({ min: 0, max: 399 }).map((i) => vocabulary[i % vocabulary.length] ?? 'garak')
    fc.assert(
      fc.property(soup(fc.oneof(word, word, OPERATORS, CONTROL, fc.string({ maxLength: 4 }))), searchOrQueryError),
      {
        numRuns: 300,
      },
    )
  })

  it('on typo’d long words and many terms', () => {
    const typo = fc
      .tuple(fc.integer({ min: 0, max: 399 }), fc.nat({ max: 7 }), fc.string({ minLength: 1, maxLength: 1 }))
      .map(([i, at, c]) => {
        const w = vocabulary[i % vocabulary.length] ?? 'garak'
        return w.slice(0, at) + c + w.slice(at + 1)
      })
    fc.assert(
      fc.property(
        fc.array(typo, { maxLength: 40 }).map((w) => w.join(' ')),
        searchOrQueryError,
      ),
      { numRuns: 100 },
    )
  })
})
