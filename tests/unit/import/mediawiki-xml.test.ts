import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import {
  collectAliases,
  importMediaWikiExport,
  readMediaWikiExport,
  redirectTarget,
  type ExportPage,
  type SiteInfo,
} from '../../../src/core/import/mediawiki-xml.ts'

const fixture = (name: string) => readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8')
const EPISODE = fixture('episode-export.xml')
const REVISIONS = fixture('revisions-export.xml')

async function all(
  chunks: AsyncIterable<string | Uint8Array> | Iterable<string | Uint8Array>,
  info?: (s: SiteInfo) => void,
) {
  const pages: ExportPage[] = []
  for await (const p of readMediaWikiExport(chunks, { onSiteInfo: info })) pages.push(p)
  return pages
}

function* pieces(text: string, size: number): Generator<string> {
  for (let i = 0; i < text.length; i += size) yield text.slice(i, i + size)
}

async function* bytes(text: string, size: number): AsyncGenerator<Uint8Array> {
  const data = new TextEncoder().encode(text)
  for (let i = 0; i < data.length; i += size) yield data.slice(i, i + size)
}

describe('readMediaWikiExport', () => {
  it('yields namespace-0 pages in document order, skipping talk pages', async () => {
    const pages = await all([EPISODE])
    expect(pages.map((p) => p.title)).toEqual([
      'What You Leave Behind',
      'What You Left Behind',
      'DS9 finale',
      'Odd Markup Page',
    ])
    expect(pages.every((p) => p.ns === 0)).toBe(true)
  })

  it('returns the wikitext, entities decoded, and the revision timestamp', async () => {
    const [page] = await all([EPISODE])
    expect(page?.text.startsWith('{{Short description|')).toBe(true)
    expect(page?.text).toContain('<ref name="tor">{{cite web')
    expect(page?.text).toContain('| episode = 25 & 26')
    expect(page?.timestamp).toBe('2024-05-01T10:00:00Z')
    expect(page?.redirect).toBeUndefined()
  })

  it('marks redirects from <redirect title> and from #REDIRECT text (anchor dropped)', async () => {
    const pages = await all([EPISODE])
    expect(pages.find((p) => p.title === 'What You Left Behind')?.redirect).toBe('What You Leave Behind')
    expect(pages.find((p) => p.title === 'DS9 finale')?.redirect).toBe('What You Left Behind')
  })

  it('reports the siteinfo before the first page', async () => {
    const seen: string[] = []
    for await (const p of readMediaWikiExport([EPISODE], { onSiteInfo: (s) => seen.push(`site:${s.sitename}`) }))
      seen.push(p.title)
    expect(seen[0]).toBe('site:Memory Wiki')
  })

  it('streams: tiny string chunks and split UTF-8 bytes give the same pages', async () => {
    const whole = await all([EPISODE])
    expect(await all(pieces(EPISODE, 7))).toEqual(whole)
    expect(await all(pieces(EPISODE, 1))).toEqual(whole)
    const wholeRev = await all([REVISIONS])
    expect(await all(bytes(REVISIONS, 3))).toEqual(wholeRev)
    expect(await all(bytes(EPISODE, 5))).toEqual(whole)
  })

  it('yields pages before the input ends (never waits for the whole file)', async () => {
    let fed = 0
    const cut = EPISODE.indexOf('<page>', EPISODE.indexOf('</page>'))
    async function* slow() {
      yield EPISODE.slice(0, cut)
      fed++
      yield EPISODE.slice(cut)
      fed++
    }
    const gen = readMediaWikiExport(slow())
    const first = await gen.next()
    expect(first.value?.title).toBe('What You Leave Behind')
    expect(fed).toBe(0)
    await gen.return(undefined)
  })

  it('takes the latest revision, CDATA text, and skips other namespaces', async () => {
    const pages = await all([REVISIONS])
    expect(pages.map((p) => p.title)).toEqual(['Émile & Co.', 'Emile and Co'])
    expect(pages[0]?.text).toBe(`'''Émile & Co.''' is a "café" — with ünïcödé.`)
    expect(pages[0]?.timestamp).toBe('2003-03-03T00:00:00Z')
    expect(pages[1]?.redirect).toBe('Émile & Co.')
  })

  it('can read other namespaces on request', async () => {
    const pages: ExportPage[] = []
    for await (const p of readMediaWikiExport([EPISODE], { namespaces: [1] })) pages.push(p)
    expect(pages.map((p) => p.title)).toEqual(['Talk:What You Leave Behind'])
  })

  it('throws on malformed XML', async () => {
    await expect(all(['<mediawiki><page><title>x</title></oops></mediawiki>'])).rejects.toThrow()
  })
})

describe('redirectTarget', () => {
  it('reads #REDIRECT in its usual spellings', () => {
    expect(redirectTarget('#REDIRECT [[Target]]')).toBe('Target')
    expect(redirectTarget('#redirect[[Target page#Section|label]]\n{{R from move}}')).toBe('Target page')
    expect(redirectTarget('#REDIRECT: [[Under_score]]')).toBe('Under score')
    expect(redirectTarget('Text mentioning #REDIRECT [[X]]')).toBeNull()
  })
})

describe('collectAliases', () => {
  it('maps alias slugs to target slugs, following chains', () => {
    const aliases = collectAliases([
      { title: 'DS9 finale', redirect: 'What You Left Behind' },
      { title: 'What You Left Behind', redirect: 'What You Leave Behind' },
      { title: 'What You Leave Behind' },
    ])
    expect(aliases).toEqual({ 'ds9-finale': 'what-you-leave-behind', 'what-you-left-behind': 'what-you-leave-behind' })
  })

  it('drops self-redirects, cycles, aliases shadowing articles and (given articles) dangling targets', () => {
    const aliases = collectAliases(
      [
        { title: 'Same', redirect: 'same' },
        { title: 'Loop A', redirect: 'Loop B' },
        { title: 'Loop B', redirect: 'Loop A' },
        { title: 'Real', redirect: 'Other' },
        { title: 'Gone', redirect: 'Nowhere' },
        { title: 'Good', redirect: 'Real' },
      ],
      ['real'],
    )
    expect(aliases).toEqual({ good: 'real' })
  })
})

describe('importMediaWikiExport', () => {
  it('reports, by title, the article pages it had to skip and why', async () => {
    const page = (title: string, text: string) =>
      `<page><title>${title}</title><ns>0</ns><revision><timestamp>2001-01-01T00:00:00Z</timestamp><text>${text}</text></revision></page>`
    const xml =
      '<mediawiki><siteinfo><sitename>Wiki</sitename></siteinfo>' +
      page('Odo', "'''Odo''' is a changeling.") +
      page('ODO', "'''ODO''' again, by another title.") +
      page('Empty page', '') +
      page('Talk:Odo', 'Never an article.').replace('<ns>0</ns>', '<ns>1</ns>') +
      '</mediawiki>'
    const { articles, skipped } = await importMediaWikiExport(pieces(xml, 64))
    expect(articles.map((a) => a.slug)).toEqual(['odo'])
    expect(skipped).toEqual([
      { title: 'ODO', reason: 'its slug "odo" is the slug of "Odo", kept first' },
      { title: 'Empty page', reason: 'the page has no text' },
    ])
  })

  it('turns an export into articles and aliases, with the site name in the attribution', async () => {
    const { articles, aliases, site } = await importMediaWikiExport(pieces(EPISODE, 64))
    expect(site.sitename).toBe('Memory Wiki')
    expect(articles.map((a) => a.slug)).toEqual(['what-you-leave-behind', 'odd-markup-page'])
    expect(aliases).toEqual({ 'what-you-left-behind': 'what-you-leave-behind', 'ds9-finale': 'what-you-leave-behind' })
    const [a] = articles
    expect(a?.attribution.publisher).toBe('Memory Wiki')
    expect(a?.source).toBe('https://memory.example.org/wiki/What_You_Leave_Behind')
    expect(a?.attribution.licence).toBe('CC BY-SA 4.0')
  })

  it('slugs accented titles and keeps Wikipedia as the publisher of a Wikipedia export', async () => {
    const { articles, aliases } = await importMediaWikiExport([REVISIONS])
    expect(articles[0]?.slug).toBe('emile-co')
    expect(articles[0]?.attribution.publisher).toBe('Wikipedia')
    expect(articles[0]?.source).toBe('https://en.wikipedia.org/wiki/%C3%89mile_&_Co.')
    expect(aliases).toEqual({ 'emile-and-co': 'emile-co' })
  })
})
