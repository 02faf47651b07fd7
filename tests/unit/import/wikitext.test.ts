import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { readMediaWikiExport, type ExportPage } from '../../../src/core/import/mediawiki-xml.ts'
import { wikitextToArticle } from '../../../src/core/import/wikitext/article.ts'
import { readReference } from '../../../src/core/import/wikitext/cite-templates.ts'
import { extractFootnotes } from '../../../src/core/import/wikitext/footnotes.ts'
import { humanizeParam } from '../../../src/core/import/wikitext/infobox-template.ts'
import type { Article } from '../../../src/core/model.ts'

const XML = readFileSync(new URL('./fixtures/episode-export.xml', import.meta.url), 'utf8')
const pages: ExportPage[] = []
for await (const p of readMediaWikiExport([XML])) pages.push(p)
const page = (title: string) => pages.find((p) => p.title === title) as ExportPage
const episode = wikitextToArticle(page('What You Leave Behind'))
const passages = (a: Article) => a.sections.flatMap((s) => s.passages)
const passage = (a: Article, id: string) => passages(a).find((p) => p.id === `${a.slug}:${id}`)

describe('wikitextToArticle: the episode', () => {
  it('takes slug, title, summary and a default attribution', () => {
    expect(episode.slug).toBe('what-you-leave-behind')
    expect(episode.title).toBe('What You Leave Behind')
    expect(episode.summary).toBe(
      '"What You Leave Behind" is the series finale of the television show Star Trek: Deep Space Nine. It was directed by Allan Kroeker.',
    )
    expect(episode.source).toBe('https://en.wikipedia.org/wiki/What_You_Leave_Behind')
    expect(episode.attribution).toEqual({
      title: 'What You Leave Behind',
      publisher: 'Wikipedia',
      licence: 'CC BY-SA 4.0',
      licence_url: 'https://creativecommons.org/licenses/by-sa/4.0/',
      source: 'https://en.wikipedia.org/wiki/What_You_Leave_Behind',
      text: '"What You Leave Behind" from Wikipedia, CC BY-SA 4.0 (https://creativecommons.org/licenses/by-sa/4.0/)',
    })
  })

  it('reads the infobox: heading, subheading, image, fields, dates and chronology', () => {
    const box = episode.infobox
    expect(box?.heading).toBe('"What You Leave Behind"')
    expect(box?.subheading).toBe('Star Trek: Deep Space Nine episode')
    expect(box?.image).toEqual({
      file: 'What You Leave Behind.jpg',
      caption: 'The Federation Alliance fleet prepares for the final battle over Cardassia Prime',
    })
    const field = (key: string) => box?.fields.find((f) => f.key === key)
    expect(field('directed_by')).toEqual({ label: 'Directed by', key: 'directed_by', values: ['Allan Kroeker'] })
    expect(field('written_by')?.values).toEqual(['Ira Steven Behr', 'Hans Beimler'])
    expect(field('production_code')?.values).toEqual(['575', '576'])
    expect(field('original_air_date')).toMatchObject({ values: ['June 2, 1999'], iso_date: '1999-06-02' })
    expect(field('season')).toEqual({ label: 'Season', key: 'season', values: ['7'] })
    expect(box?.previous).toBe('The Dogs of War')
    expect(box?.next).toBeNull()
    expect(box?.fields.some((f) => ['title', 'image', 'caption', 'series', 'prev', 'next'].includes(f.key))).toBe(false)
  })

  it('makes the lead, level-1 sections and a level-2 subsection with its parent', () => {
    expect(episode.sections.map((s) => [s.id, s.title, s.level, s.parent])).toEqual([
      ['lead', 'Lead', 1, null],
      ['plot', 'Plot', 1, null],
      ['production', 'Production', 1, null],
      ['reception', 'Reception', 1, null],
      ['critical-reception', 'Critical reception', 2, 'reception'],
      ['notes', 'Notes', 1, null],
      ['references', 'References', 1, null],
      ['external-links', 'External links', 1, null],
    ])
  })

  it('numbers passages as the plain-text parser does, the infobox after the opening paragraph', () => {
    const lead = episode.sections[0]?.passages.map((p) => p.id.split(':')[1])
    expect(lead?.slice(0, 3)).toEqual(['lead-1', 'infobox-caption', 'infobox-season'])
    expect(lead).toContain('infobox-directed_by')
    expect(lead).toContain('infobox-previous')
    expect(lead?.at(-1)).toBe('lead-2')
    expect(passage(episode, 'plot-2')).toMatchObject({
      section: 'plot',
      kind: 'paragraph',
      text: 'Kira, Garak, and Damar are captured.',
    })
    expect(passage(episode, 'production-1')).toMatchObject({
      kind: 'caption',
      text: 'Ira Steven Behr co-wrote the episode',
    })
    expect(passage(episode, 'infobox-written_by')?.text).toBe('Written by: Ira Steven Behr, Hans Beimler')
    const ids = passages(episode).map((p) => p.id)
    expect(new Set(ids).size).toBe(ids.length)
    for (const s of episode.sections) for (const p of s.passages) expect(p.section).toBe(s.id)
  })

  it('leaves no markup in passage text', () => {
    for (const p of passages(episode)) {
      expect(p.text).not.toMatch(/\[\[|\]\]|\{\{|\}\}|<ref|'''|''|\[\d+\]|\[note \d+\]|<!--/)
    }
  })

  it('numbers refs in order of first use, reusing named refs, one cited_by per citing place', () => {
    expect(episode.references.map((r) => r.id)).toEqual(['ref-1', 'ref-2', 'ref-3', 'ref-4'])
    const [tor, avclub, ratings, plainRef] = episode.references
    expect(tor?.cited_by).toEqual([
      'what-you-leave-behind:lead-1',
      'what-you-leave-behind:lead-2',
      'what-you-leave-behind:plot-1',
    ])
    expect(tor?.backlinks).toEqual(['a', 'b', 'c'])
    expect(avclub?.cited_by).toEqual(['what-you-leave-behind:lead-2', 'what-you-leave-behind:critical-reception-1'])
    expect(ratings?.backlinks).toEqual([])
    expect(plainRef?.cited_by).toEqual(['what-you-leave-behind:reception-1'])
    expect(passage(episode, 'lead-2')?.citations).toEqual(['ref-2', 'ref-1'])
  })

  it('reads cite template fields, dates to ISO', () => {
    const [tor, avclub, ratings] = episode.references
    expect(tor).toMatchObject({
      authors: ['DeCandido, Keith'],
      title: 'Star Trek: Deep Space Nine Rewatch: "What You Leave Behind"',
      publisher: 'Tor.com',
      date: '2015-02-24',
      retrieved: '2016-11-05',
      archived: null,
      passage: 'what-you-leave-behind:ref-1',
    })
    expect(tor?.text).toBe(
      'DeCandido, Keith (February 24, 2015). "Star Trek: Deep Space Nine Rewatch: "What You Leave Behind"". Tor.com. Retrieved November 5, 2016.',
    )
    expect(avclub).toMatchObject({ authors: ['Handlen, Zack'], publisher: 'The A.V. Club', date: '2014-05-08' })
    expect(ratings).toMatchObject({
      authors: [],
      publisher: 'WebTrek',
      archived: '2017-01-24',
      retrieved: '2017-01-24',
    })
    expect(passage(episode, 'ref-1')).toMatchObject({ kind: 'reference', section: 'references' })
  })

  it('turns {{efn}} into a note cited from its place', () => {
    expect(episode.notes).toEqual([
      {
        id: 'note-1',
        n: 1,
        text: 'The scene was shot last.',
        passage: 'what-you-leave-behind:note-1',
        cited_by: ['what-you-leave-behind:plot-1'],
      },
    ])
    expect(passage(episode, 'plot-1')?.citations).toEqual(['ref-1', 'note-1'])
    expect(passage(episode, 'note-1')).toMatchObject({ kind: 'note', section: 'notes' })
  })

  it('takes site name, licence and base from options', () => {
    const a = wikitextToArticle(
      { title: 'A b', text: 'Hello.' },
      {
        siteName: 'Memory Alpha',
        licence: { name: 'CC BY-SA 3.0', url: 'https://x/3.0' },
        base: 'https://m.example/wiki/Main_Page',
      },
    )
    expect(a.attribution.text).toBe('"A b" from Memory Alpha, CC BY-SA 3.0 (https://x/3.0)')
    expect(a.source).toBe('https://m.example/wiki/A_b')
    expect(wikitextToArticle({ title: 'A b', text: '', source: 'https://s' }).source).toBe('https://s')
  })
})

describe('wikitextToArticle: odd input', () => {
  it('never throws on tables, files, galleries, broken templates and unclosed refs', () => {
    const odd = wikitextToArticle(page('Odd Markup Page'))
    expect(odd.slug).toBe('odd-markup-page')
    expect(odd.sections[0]?.id).toBe('lead')
    expect(passages(odd).length).toBeGreaterThan(0)
    for (const p of passages(odd)) expect(p.text).not.toMatch(/\{\{|\}\}|\[\[|\]\]|<span/)
  })

  it('makes a bare lead for empty or heading-only text, and creates References for stray refs', () => {
    const empty = wikitextToArticle({ title: 'Empty', text: '' })
    expect(empty.sections).toEqual([{ id: 'lead', title: 'Lead', level: 1, parent: null, passages: [] }])
    expect(empty.summary).toBe('')
    const headed = wikitextToArticle({
      title: 'H',
      text: '== Only ==\nText.<ref>Src.</ref>\n\n== External links ==\n* x',
    })
    expect(headed.sections.map((s) => s.id)).toEqual(['lead', 'only', 'references', 'external-links'])
    expect(headed.references[0]?.cited_by).toEqual(['h:only-1'])
    for (const bad of [null, undefined, 42, '{{{{[[<ref>']) {
      expect(() => wikitextToArticle({ title: 'X', text: bad as unknown as string })).not.toThrow()
    }
  })

  it('gives duplicate section titles unique ids', () => {
    const a = wikitextToArticle({ title: 'D', text: 'Lead.\n== Plot ==\nA.\n== Plot ==\nB.' })
    expect(a.sections.map((s) => s.id)).toEqual(['lead', 'plot', 'plot-2'])
    expect(passages(a).map((p) => p.id)).toEqual(['d:lead-1', 'd:plot-1', 'd:plot-2-1'])
  })
})

describe('helpers', () => {
  it('extractFootnotes: named refs defined after first use, groups, refn', () => {
    const f = extractFootnotes(
      'A<ref name=x/> B<ref name="x">Late.</ref> C<ref group="note">N</ref> D{{refn|R}} E{{refn|group=note|M}}',
    )
    expect(f.text).toBe('A[1] B[1] C[note 1] D[2] E[note 2]')
    expect(f.refs.map((r) => r.content)).toEqual(['Late.', 'R'])
    expect(f.notes.map((n) => n.content)).toEqual(['N', 'M'])
  })

  it('readReference: plain refs are read as printed', () => {
    const r = readReference(
      `Burt, Kaytl (February 9, 2017). "Documentary". ''Den of Geek''. Retrieved February 10, 2017.`,
    )
    expect(r).toMatchObject({
      authors: ['Burt, Kaytl'],
      title: 'Documentary',
      publisher: 'Den of Geek',
      date: '2017-02-09',
      retrieved: '2017-02-10',
    })
    expect(readReference(null).text).toBe('')
  })

  it('humanizeParam', () => {
    expect(humanizeParam('director')).toBe('Directed by')
    expect(humanizeParam('country_of_origin')).toBe('Country of origin')
    expect(humanizeParam('image-size')).toBe('Image size')
  })
})
