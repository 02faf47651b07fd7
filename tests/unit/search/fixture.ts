/** Engines for the search specs: the real corpus, and small hand-made articles. */
import type { Article, Passage, PassageKind } from '../../../src/core/model.ts'
import { fixtureCorpus } from '../../../tools/corpus/fixture.ts'
import { buildSearchIndex, loadSearchIndex, type SearchEngine } from '../../../tools/oracle/index.ts'

export const SLUG = 'what-you-leave-behind'
export const pid = (local: string): string => `${SLUG}:${local}`

let real: Promise<{ engine: SearchEngine; pieces: Record<string, string>; articles: Article[] }> | undefined
export function realEngine(): Promise<{ engine: SearchEngine; pieces: Record<string, string>; articles: Article[] }> {
  real ??= (async () => {
    const articles = (await fixtureCorpus()).articles
    const pieces = await buildSearchIndex(articles)
    return { engine: await loadSearchIndex(pieces), pieces, articles }
  })()
  return real
}

/** An article whose sections hold the given passage texts (section id → [kind, text][]). */
export function article(slug: string, sections: Record<string, [PassageKind, string][]>): Article {
  return {
    slug,
    title: slug.toUpperCase(),
    aliases: [],
    categories: [],
    summary: '',
    source: `https://example.org/${slug}`,
    attribution: { title: slug, publisher: 'x', licence: 'x', licence_url: 'x', source: 'x', text: 'x' },
    infobox: null,
    references: [],
    notes: [],
    sections: Object.entries(sections).map(([id, passages]) => ({
      id,
      title: id,
      level: id.startsWith('sub-') ? 2 : 1,
      parent: id.startsWith('sub-') ? id.slice(4) : null,
      passages: passages.map(([kind, text], i): Passage => ({
        id: `${slug}:${id}-${i + 1}`,
        article: slug,
        section: id,
        kind,
        text,
        citations: [],
      })),
    })),
  }
}

export async function engineOf(...articles: Article[]): Promise<SearchEngine> {
  return loadSearchIndex(await buildSearchIndex(articles))
}

export const ids = (engine: SearchEngine, q: string, extra: object = {}): string[] =>
  engine.search({ q, limit: 50, offset: 0, ...extra }).results.map((h) => h.id)
