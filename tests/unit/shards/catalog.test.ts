/** The article catalog: lookups by slug and alias, pages in title order with a cursor, title prefixes. */
import { beforeAll, describe, expect, it } from 'vitest'
import type { Article } from '../../../src/core/model.ts'
import type { ShardedSearch } from '../../../src/core/engine/engine.ts'
import { slugify } from '../../../src/core/parse/slug.ts'
import { articleTitle, type DirectoryTitle } from '../../../src/core/shards/directory.ts'
import { decodeAscending } from '../../../src/core/shards/format.ts'
import { nameAt } from '../../../src/core/storage/keys.ts'
import { TINY, shardedOf, smallCorpus } from './fixture.ts'

let articles: Article[]
let engine: ShardedSearch
beforeAll(async () => {
  articles = await smallCorpus(0.3)
  const target = articles[3]!.slug
  engine = (await shardedOf(articles, { 'an-alias': target, 'alias-of-nothing': 'no-such-article' })).engine
}, 60_000)

describe('catalog', () => {
  it('finds every article by slug, with its passage range', async () => {
    let first = 0
    for (const a of articles) {
      const found = await engine.lookup(a.slug)
      const count = a.sections.reduce((n, s) => n + s.passages.length, 0)
      expect(found?.article).toMatchObject({ slug: a.slug, title: a.title, first, count })
      expect(found?.alias).toBeUndefined()
      first += count
    }
    expect(await engine.lookup('no-such-article')).toBeUndefined()
  })

  it('answers an alias with its target, and drops aliases of missing articles', async () => {
    expect(await engine.lookup('an-alias')).toMatchObject({
      alias: articles[3]!.slug,
      article: { slug: articles[3]!.slug },
    })
    expect(await engine.lookup('alias-of-nothing')).toBeUndefined()
  })

  it('pages through every article in title order with the cursor', async () => {
    const seen: string[] = []
    let cursor: string | undefined
    do {
      const page = await engine.list({ cursor, limit: 4 })
      expect(page.articles.length).toBeLessThanOrEqual(4)
      seen.push(...page.articles.map((a) => a.title))
      cursor = page.next
    } while (cursor)
    const titles = articles.map((a) => a.title)
    expect(seen).toHaveLength(titles.length)
    expect(seen).toEqual(
      [...titles].sort((a, b) => (a.toLowerCase() < b.toLowerCase() ? -1 : a.toLowerCase() > b.toLowerCase() ? 1 : 0)),
    )
  })

  it('filters by title prefix, case-insensitively', async () => {
    const title = articles[2]!.title
    const prefix = title.slice(0, 3).toUpperCase()
    const expected = articles.filter((a) => a.title.toLowerCase().startsWith(prefix.toLowerCase())).length
    const all: string[] = []
    let cursor: string | undefined
    do {
      const page = await engine.list({ cursor, limit: 1, prefix })
      all.push(...page.articles.map((a) => a.title))
      cursor = page.next
    } while (cursor)
    expect(all).toHaveLength(expected)
    expect(all).toContain(title)
    expect((await engine.list({ limit: 10, prefix: 'zzzzqq' })).articles).toEqual([])
  })

  it('filters search by an alias as by its target', async () => {
    const slug = articles[3]!.slug
    const word = articles[3]!.sections[0]!.passages[0]!.text.split(/\s+/)[0]!
    const a = await engine.search({ q: word, limit: 5, offset: 0, article: slug })
    const b = await engine.search({ q: word, limit: 5, offset: 0, article: 'an-alias' })
    expect(b.results.map((h) => h.id)).toEqual(a.results.map((h) => h.id))
    expect(a.results.every((h) => h.article.slug === slug)).toBe(true)
  })
})

describe('the article directory', () => {
  it("holds every article at its first passage, a slug stored only where it is not its title's slugify", async () => {
    // Pieces of a few articles each, so that most pieces start past the first article.
    const { engine, pieces } = await shardedOf(articles, {}, { ...TINY, directory: { titles: 3, categories: 2 } })
    const directory = engine.meta.directory!
    const rows = <T>({ names }: { names: string }): T[][] =>
      Array.from({ length: names.length / 12 }, (_, i) => JSON.parse(pieces.get(nameAt(names, i)!)!) as T[])
    const titles = rows<DirectoryTitle>(directory.titles)
    expect(titles.length).toBeGreaterThan(1)
    for (const [title, slug] of titles.flat()) if (slug) expect(slug).not.toBe(slugify(title))
    const categories = directory.categories ? rows<string[]>(directory.categories).flat() : []
    const found = await Promise.all(articles.map(async (a) => (await engine.lookup(a.slug))!.article))
    const stored = [...decodeAscending(directory.first)].map((first, i) => ({
      first,
      ...articleTitle(titles.flat()[i]!),
      categories: categories[i] ?? [],
    }))
    expect(stored).toEqual(
      found.map(({ slug, title, first }, i) => ({ first, slug, title, categories: articles[i]!.categories ?? [] })),
    )
  })
})
