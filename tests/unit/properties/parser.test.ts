/**
 * Properties of the article parser: it never throws, whatever the text (arbitrary unicode, or the real
 * article with lines deleted, duplicated or shuffled), and its passage ids are unique and stable.
 */
import { readFileSync } from 'node:fs'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import type { Article, Sidecar } from '../../../src/core/model.ts'
import { parseArticle } from '../../../src/core/parse/index.ts'

const corpus = new URL('../../../index/corpus/', import.meta.url)
const TEXT = readFileSync(new URL('what-you-leave-behind.txt', corpus), 'utf8')
const SIDECAR: Sidecar = JSON.parse(readFileSync(new URL('what-you-leave-behind.json', corpus), 'utf8'))
const LINES = TEXT.split('\n')
const SLUG = 'what-you-leave-behind'

const ids = (article: Article) => article.sections.flatMap((s) => s.passages.map((p) => p.id))

/** Parses twice; checks the invariants that hold for any text. */
function check(text: string, sidecar: Sidecar = SIDECAR): void {
  const first = parseArticle(text, sidecar, SLUG)
  const second = parseArticle(text, sidecar, SLUG)
  const list = ids(first)
  expect(new Set(list).size).toBe(list.length)
  expect(ids(second)).toEqual(list)
  expect(first.sections.length).toBeGreaterThan(0)
  for (const id of list) expect(id.startsWith(`${SLUG}:`)).toBe(true)
  // Stable means equal, not just the same ids: the whole model is a function of the text.
  expect(second).toEqual(first)
}

// A few lines of the real article's shape (headings, list entries, infobox labels, citation markers).
const ARTICLE_LINES = fc.constantFrom(...LINES)
const HOSTILE_LINES = fc.constantFrom(
  '',
  'References',
  'Notes',
  '^ a b "Title". Site. 2001-01-01.',
  '1. ^ x',
  '[1][2][a]',
  'Directed by',
  '\u0000\u001f\u007f',
  '\ud800 lone surrogate \udc00',
  '<script>alert(1)</script>',
  '==== Heading ====',
  ' '.repeat(50),
  '"What You Leave Behind"',
)
const mixedLines = fc.array(fc.oneof(ARTICLE_LINES, HOSTILE_LINES, fc.string({ unit: 'grapheme', maxLength: 80 })), {
  maxLength: 60,
})

describe('parseArticle never throws and keeps ids unique and stable', () => {
  it('on arbitrary unicode strings', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 400 }), (text) => check(text)),
      { numRuns: 300 },
    )
  })

  it('on arbitrary lines mixing the article, hostile lines and unicode', () => {
    fc.assert(
      fc.property(mixedLines, (lines) => check(lines.join('\n'))),
      { numRuns: 150 },
    )
  })

  it('on the real article with lines deleted', () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.nat({ max: LINES.length - 1 }), { maxLength: 30 }), (drop) => {
        const gone = new Set(drop)
        check(LINES.filter((_, i) => !gone.has(i)).join('\n'))
      }),
      { numRuns: 60 },
    )
  })

  it('on the real article with lines duplicated', () => {
    fc.assert(
      fc.property(fc.array(fc.nat({ max: LINES.length - 1 }), { minLength: 1, maxLength: 20 }), (dups) => {
        const lines = [...LINES]
        for (const i of dups.sort((a, b) => b - a)) lines.splice(i, 0, LINES[i] as string)
        check(lines.join('\n'))
      }),
      { numRuns: 60 },
    )
  })

  it('on the real article with lines shuffled', () => {
    fc.assert(
      fc.property(fc.shuffledSubarray(LINES, { minLength: LINES.length, maxLength: LINES.length }), (lines) =>
        check(lines.join('\n')),
      ),
      { numRuns: 40 },
    )
  })

  it('with CRLF line ends, a missing or broken sidecar', () => {
    check(TEXT.replace(/\n/g, '\r\n'))
    check(TEXT, {} as Sidecar)
    check(TEXT, null as unknown as Sidecar)
    check(TEXT, { sections: [{ id: 'x', title: 'X', level: 9 }] } as unknown as Sidecar)
    check(TEXT, { sections: 'not a list' } as unknown as Sidecar)
  })
})
