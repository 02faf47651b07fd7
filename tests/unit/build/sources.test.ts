import { copyFile, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { loadCorpus, openCorpora } from '../../../tools/corpus/load.ts'
import { parseSourceInfo, sourceInfoPath } from '../../../tools/corpus/source-info.ts'
import type { Article } from '../../../src/core/model.ts'

const FAN_WIKI = 'tests/unit/import/fixtures/fan-wiki-export.xml'
const temp = await mkdtemp(join(tmpdir(), 'wylb-sources-'))
afterAll(() => rm(temp, { recursive: true, force: true }))

async function all(articles: AsyncIterable<Article> | Iterable<Article>): Promise<Article[]> {
  const out: Article[] = []
  for await (const a of articles) out.push(a)
  return out
}

describe('several sources in one build', () => {
  it('reads a folder and an export as one corpus, each article credited by its own source', async () => {
    const corpus = await openCorpora(['index/corpus', FAN_WIKI])
    const articles = await all(corpus.articles)
    expect(corpus.count).toBe(4)
    expect(articles.map((a) => [a.slug, a.attribution.publisher])).toEqual([
      ['what-you-leave-behind', 'Wikipedia'],
      ['list-of-harbour-line-episodes', 'Harbour Line Wiki'],
      ['idris-vale', 'Harbour Line Wiki'],
      ['ships-of-harbour-line', 'Harbour Line Wiki'],
    ])
    expect(corpus.aliases).toEqual({
      'captain-vale': 'idris-vale',
      'harbour-line-episodes': 'list-of-harbour-line-episodes',
    })
    expect(corpus.duplicates()).toEqual([])
  })

  it('keeps the first of two articles with one slug and says which were left out', async () => {
    const corpus = await openCorpora([FAN_WIKI, FAN_WIKI])
    expect((await all(corpus.articles)).length).toBe(3)
    expect(corpus.duplicates()).toEqual(['list-of-harbour-line-episodes', 'idris-vale', 'ships-of-harbour-line'])
  })

  it("credits a folder's articles from its source.json: publisher, licence, and links from the base", async () => {
    const dir = join(temp, 'folder')
    await rm(dir, { recursive: true, force: true })
    await mkdir(dir)
    await copyFile('index/corpus/what-you-leave-behind.txt', join(dir, 'what-you-leave-behind.txt'))
    const sidecar = JSON.parse(await readFile('index/corpus/what-you-leave-behind.json', 'utf8'))
    delete sidecar.source
    delete sidecar.licence
    await writeFile(join(dir, 'what-you-leave-behind.json'), JSON.stringify(sidecar))
    await writeFile(
      join(dir, 'source.json'),
      JSON.stringify({
        publisher: 'Memory Alpha',
        licence: { name: 'CC BY-NC 3.0', url: 'https://creativecommons.org/licenses/by-nc/3.0/' },
        base: 'https://memory-alpha.fandom.com/wiki/',
      }),
    )
    const [article] = (await loadCorpus(dir)).articles
    expect(article?.attribution).toEqual({
      title: 'What You Leave Behind',
      publisher: 'Memory Alpha',
      licence: 'CC BY-NC 3.0',
      licence_url: 'https://creativecommons.org/licenses/by-nc/3.0/',
      source: 'https://memory-alpha.fandom.com/wiki/What_You_Leave_Behind',
      text: '"What You Leave Behind" from Memory Alpha, CC BY-NC 3.0 (https://creativecommons.org/licenses/by-nc/3.0/)',
    })
    expect(article?.source).toBe('https://memory-alpha.fandom.com/wiki/What_You_Leave_Behind')
  })

  it('lets <name>.source.json beside an export override its <siteinfo> and set the licence', async () => {
    const xml = join(temp, 'harbour.xml')
    await copyFile(FAN_WIKI, xml)
    expect(await sourceInfoPath(xml)).toBe(join(temp, 'harbour.source.json'))
    await writeFile(
      join(temp, 'harbour.source.json'),
      JSON.stringify({
        publisher: 'The Harbour Line Fan Wiki',
        licence: { name: 'CC BY-SA 3.0', url: 'https://creativecommons.org/licenses/by-sa/3.0/' },
      }),
    )
    const vale = (await loadCorpus(xml)).articles.find((a) => a.slug === 'idris-vale')
    expect(vale?.attribution).toMatchObject({
      publisher: 'The Harbour Line Fan Wiki',
      licence: 'CC BY-SA 3.0',
      source: 'https://harbourline.fandom.com/wiki/Idris_Vale',
    })
  })

  it('refuses a malformed sidecar, naming the file and the field', () => {
    expect(parseSourceInfo({ publisher: 'X', base: 'https://x.test/wiki/' }, 's.json')).toEqual({
      publisher: 'X',
      base: 'https://x.test/wiki/',
    })
    expect(() => parseSourceInfo([], 's.json')).toThrow(/s\.json: not a JSON object/)
    expect(() => parseSourceInfo({ publisher: '' }, 's.json')).toThrow(/"publisher"/)
    expect(() => parseSourceInfo({ licence: 'CC BY-SA' }, 's.json')).toThrow(/"licence"/)
    expect(() => parseSourceInfo({ base: 'wiki/' }, 's.json')).toThrow(/"base" is an http\(s\) URL/)
  })
})
