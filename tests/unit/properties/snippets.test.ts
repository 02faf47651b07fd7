/**
 * Properties of snippets: whatever the passage text and the query, a snippet holds no markup but
 * `<mark>` and `</mark>`, and every `&` in it starts an entity.
 */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import type { Article, Passage } from '../../../src/core/model.ts'
import { buildSearchIndex, loadSearchIndex, QueryError, type SearchEngine } from '../../../tools/oracle/index.ts'

function articleOf(texts: string[]): Article {
  const slug = 'crafted'
  const passages = texts.map((text, i): Passage => ({
    id: `${slug}:lead-${i + 1}`,
    article: slug,
    section: 'lead',
    kind: 'paragraph',
    text,
    citations: [],
  }))
  return {
    slug,
    title: 'Crafted',
    aliases: [],
    categories: [],
    summary: texts[0] ?? '',
    source: 'https://example.org/crafted',
    attribution: { title: 'Crafted', publisher: 'x', licence: 'x', licence_url: 'x', source: 'x', text: 'x' },
    infobox: null,
    references: [],
    notes: [],
    sections: [{ id: 'lead', title: 'Lead', level: 1, parent: null, passages }],
  }
}

const engineOf = async (texts: string[]): Promise<SearchEngine> =>
  loadSearchIndex(await buildSearchIndex([articleOf(texts)]))

/** No markup but <mark> and </mark>; every & an entity. */
function expectSafe(snippet: string): void {
  const bare = snippet.replace(/<\/?mark>/g, '')
  expect(bare).not.toMatch(/[<>]/)
  expect(bare).not.toMatch(/&(?!(?:amp|lt|gt|quot|#39);)/)
  expect(bare).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/)
  // Marks are balanced and never nested.
  expect(snippet.replace(/<mark>[^<]*<\/mark>/g, '')).not.toMatch(/<\/?mark>/)
}

function searchAll(engine: SearchEngine, q: string): string[] {
  try {
    return engine.search({ q, limit: 50, offset: 0 }).results.map((r) => r.snippet)
  } catch (error) {
    if (error instanceof QueryError) return []
    throw error
  }
}

const HOSTILE = [
  'garak <script>alert("garak")</script> kira',
  'kira "><img src=x onerror=alert(1)> garak',
  'odo &amp; quark &lt;b&gt; &#x3c;script&#x3e; & garak &',
  "sisko's <b>bold</b> 'single' \"double\" garak",
  'lone \ud800 surrogate garak \udc00 here \ud83d\ude00 pair',
  'control \u0000\u0007\u001b[31m garak \u007f\u0085',
  '<mark>garak</mark> </mark><mark> nested',
  'garak' + ' filler'.repeat(80) + ' <svg/onload=alert(1)> garak ' + '&'.repeat(20),
  '<<<>>> garak >>> <<< kira',
  '<!-- garak --> <![CDATA[ kira ]]> <?xml garak?>',
]

describe('snippets carry no markup but <mark>', () => {
  it('for crafted hostile passages queried with their words', async () => {
    const engine = await engineOf(HOSTILE)
    for (const q of [
      'garak',
      'kira',
      'script',
      'img onerror',
      'alert',
      'amp',
      'lt',
      'mark',
      'surrogate',
      'garak kira',
      '"garak kira"',
      'b bold',
      'svg onload',
      'cdata',
      'x',
    ]) {
      const snippets = searchAll(engine, q)
      for (const s of snippets) expectSafe(s)
    }
    expect(searchAll(engine, 'garak').length).toBeGreaterThan(3)
  })

  it('for arbitrary passages and queries made of their words', async () => {
    const markup = fc.constantFrom(
      '<',
      '>',
      '&',
      '"',
      "'",
      '<script>',
      '</mark>',
      '<mark>',
      '&amp;',
      '&#',
      '\ud800',
      '\udc00',
      '\u0000',
      ' onerror=',
    )
    const word = fc.constantFrom('garak', 'kira', 'odo', 'quark', 'dominion', 'cardassia', 'script', 'mark', 'amp')
    const text = fc
      .array(fc.oneof(word, word, markup, fc.string({ unit: 'binary', maxLength: 6 }), fc.constant(' ')), {
        minLength: 1,
        maxLength: 80,
      })
      .map((xs) => xs.join(' '))
    await fc.assert(
      fc.asyncProperty(
        fc.array(text, { minLength: 1, maxLength: 4 }),
        fc.array(fc.oneof(word, markup), { minLength: 1, maxLength: 5 }),
        async (texts, q) => {
          const engine = await engineOf(texts)
          for (const s of searchAll(engine, q.join(' '))) expectSafe(s)
          for (const s of searchAll(engine, texts[0]!.slice(0, 200))) expectSafe(s)
        },
      ),
      { numRuns: 60 },
    )
  })
})
