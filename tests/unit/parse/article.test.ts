/** @module Specification of parseArticle on the real article and on crafted or broken texts. */
import { describe, expect, it } from 'vitest'
import type { Sidecar } from '../../../src/core/model.ts'
import { parseArticle } from '../../../src/core/parse/index.ts'
import { ARTICLE, PASSAGES, SIDECAR } from './real-article.ts'

const ID = (local: string) => `what-you-leave-behind:${local}`
const byText = (s: string) => PASSAGES.filter((p) => p.text.includes(s))

describe('the real article: identity and attribution', () => {
  it('takes the title from line 1 and the slug and source as given', () => {
    expect(ARTICLE.slug).toBe('what-you-leave-behind')
    expect(ARTICLE.title).toBe('What You Leave Behind')
    expect(ARTICLE.source).toBe(SIDECAR.source)
  })
  it('attributes Wikipedia under the sidecar licence', () => {
    expect(ARTICLE.attribution).toEqual({
      title: 'What You Leave Behind',
      publisher: 'Wikipedia',
      licence: 'CC BY-SA 4.0',
      licence_url: 'https://creativecommons.org/licenses/by-sa/4.0/',
      source: 'https://en.wikipedia.org/wiki/What_You_Leave_Behind',
      text: '"What You Leave Behind" from Wikipedia, CC BY-SA 4.0 (https://creativecommons.org/licenses/by-sa/4.0/)',
    })
  })
  it('summarises with the first lead paragraph', () => {
    expect(ARTICLE.summary).toMatch(
      /^"What You Leave Behind" is the series finale .* It originally aired on June 2, 1999\.$/,
    )
  })
})

describe('the real article: sections', () => {
  it('has the sidecar sections in order, External links included though empty', () => {
    expect(ARTICLE.sections.map((s) => [s.id, s.title, s.level, s.parent, s.passages.length > 0])).toEqual([
      ['lead', 'Lead', 1, null, true],
      ['plot', 'Plot', 1, null, true],
      ['production', 'Production', 1, null, true],
      ['reception', 'Reception', 1, null, true],
      ['critical-reception', 'Critical reception', 2, 'reception', true],
      ['notes', 'Notes', 1, null, true],
      ['references', 'References', 1, null, true],
      ['external-links', 'External links', 1, null, false],
    ])
  })
  it('puts the infobox passages after the first lead paragraph', () => {
    expect(ARTICLE.sections[0]?.passages.map((p) => [p.id, p.kind])).toEqual([
      [ID('lead-1'), 'paragraph'],
      [ID('infobox-caption'), 'caption'],
      [ID('infobox-episode_no'), 'infobox'],
      [ID('infobox-directed_by'), 'infobox'],
      [ID('infobox-written_by'), 'infobox'],
      [ID('infobox-featured_music'), 'infobox'],
      [ID('infobox-production_code'), 'infobox'],
      [ID('infobox-original_air_date'), 'infobox'],
      [ID('infobox-previous'), 'infobox'],
      [ID('lead-2'), 'paragraph'],
      [ID('lead-3'), 'paragraph'],
      [ID('lead-4'), 'paragraph'],
    ])
  })
  it('writes infobox passages as `Label: values`', () => {
    const text = (local: string) => PASSAGES.find((p) => p.id === ID(local))?.text
    expect(text('infobox-written_by')).toBe('Written by: Ira Steven Behr, Hans Beimler')
    expect(text('infobox-previous')).toBe('Previous: The Dogs of War')
    expect(PASSAGES.some((p) => p.id === ID('infobox-guest_appearances'))).toBe(false)
  })
  it('counts paragraphs per section from 1 and reads Production’s first paragraph as a caption', () => {
    expect(PASSAGES.find((p) => p.id === ID('plot-1'))?.text).toMatch(/^On Deep Space Nine/)
    const caption = PASSAGES.find((p) => p.id === ID('production-1'))
    expect(caption?.kind).toBe('caption')
    expect(caption?.text).toMatch(/^Ira Steven Behr co-wrote the episode; .* 53 episodes overall$/)
    expect(PASSAGES.filter((p) => p.kind === 'caption').map((p) => p.id)).toEqual([
      ID('infobox-caption'),
      ID('production-1'),
    ])
  })
  it('keeps every passage id unique, prefixed by the slug, and the section it sits in', () => {
    expect(new Set(PASSAGES.map((p) => p.id)).size).toBe(PASSAGES.length)
    for (const s of ARTICLE.sections) {
      for (const p of s.passages)
        expect([p.article, p.section, p.id.startsWith(`${p.article}:`)]).toEqual([ARTICLE.slug, s.id, true])
    }
  })
  it('leaves no citation marker in any passage text', () => {
    for (const p of PASSAGES) expect(p.text, p.id).not.toMatch(/\[\d+\]|\[note/)
  })
})

describe('the real article: citations and notes', () => {
  it('records [note 2][15][16] in order', () => {
    const [p] = byText('TV.com and an 8.7/10')
    expect(p?.citations.slice(0, 3)).toEqual(['note-2', 'ref-15', 'ref-16'])
  })
  it('has two notes, each cited once, one citing a reference', () => {
    expect(ARTICLE.notes.map((n) => [n.id, n.n, n.passage])).toEqual([
      ['note-1', 1, ID('note-1')],
      ['note-2', 2, ID('note-2')],
    ])
    const [tng] = byText('TNG revisited')
    expect(tng?.section).toBe('critical-reception')
    expect(ARTICLE.notes[0]?.cited_by).toEqual([tng?.id])
    const [tvcom] = byText('on TV.com')
    expect(ARTICLE.notes[1]?.cited_by).toEqual([tvcom?.id])
    expect(ARTICLE.notes[0]?.text).toBe(
      'DeCandido had previously reviewed "All Good Things..." and had given it a "warp factor rating" of 10/10.',
    )
    expect(PASSAGES.find((p) => p.id === ID('note-1'))?.citations).toEqual(['ref-10'])
  })
  it('keeps editorial brackets in quotations', () => {
    expect(byText('["Sacrifice of Angels"] was Dukat')).toHaveLength(1)
    expect(byText('this is [...] the only')).toHaveLength(1)
  })
  it('makes one reference passage per entry, in the references section', () => {
    const refs = ARTICLE.sections.find((s) => s.id === 'references')?.passages ?? []
    expect(refs.map((p) => p.kind)).toEqual(Array(22).fill('reference'))
    expect(refs[0]?.text).toBe(ARTICLE.references[0]?.text)
  })
})

describe('any text: never throws, always a lead', () => {
  const sidecar: Sidecar = { source: 'https://x', licence: { name: 'L', url: 'https://l' }, sections: [] }
  it.each([
    '',
    'Title only',
    '\n\n\n',
    'no blank lines\nat all\nhere',
    '[1][note 2]\n\n\n  1. ^ a b\n\nEdit\n\u0000\uFFFF',
  ])('parses %j', (text) => {
    const a = parseArticle(text, sidecar, 'x')
    expect(a.sections[0]?.id).toBe('lead')
    expect(typeof a.summary).toBe('string')
  })
  it('builds a whole article from a crafted text with sidecar-less fallbacks', () => {
    const text = [
      'Pilot',
      '',
      'Pilot is an episode.[1]',
      '',
      '"Pilot"',
      'Directed byA',
      'Written byB',
      '',
      'More lead.',
      '',
      '',
      'Story here.[1][note 1]',
      '',
      'HistoryEdit',
      '',
      'A short caption',
      '',
      'Body.[1]',
      '',
      '',
      '  1. ^ A note.',
      '',
      '',
      '  1. ^ a b c Doe, J. (May 1, 2020). "T". P. Retrieved May 2, 2020.',
    ].join('\n')
    const a = parseArticle(text, sidecar, 'pilot')
    expect(a.sections.map((s) => s.id)).toEqual(['lead', 'section-2', 'history', 'section-4', 'section-5'])
    expect(a.summary).toBe('Pilot is an episode.')
    expect(a.infobox?.fields.map((f) => f.key)).toEqual(['directed_by', 'written_by'])
    expect(a.sections[2]?.passages.map((p) => [p.id, p.kind])).toEqual([
      ['pilot:history-1', 'caption'],
      ['pilot:history-2', 'paragraph'],
    ])
    // Fallback section names carry no "note", so both lists read as references: still no throw, ids unique.
    const ids = a.sections.flatMap((s) => s.passages.map((p) => p.id))
    expect(new Set(ids).size).toBe(ids.length)
  })
  it('tells notes from references by the section name and links both ways', () => {
    const text = 'T\n\nLead.[note 1]\n\n\n  1. ^ A note citing.[1]\n\n\n  1. ^ a b Doe, J. "T". P.\n'
    const a = parseArticle(
      text,
      {
        ...sidecar,
        sections: [
          { id: 'lead', title: 'Lead' },
          { id: 'notes', title: 'Notes' },
          { id: 'references', title: 'References' },
        ],
      },
      't',
    )
    expect(a.notes[0]?.cited_by).toEqual(['t:lead-1'])
    expect(a.references[0]?.cited_by).toEqual(['t:note-1'])
    expect(a.references[0]?.backlinks).toEqual(['a', 'b'])
  })
})
