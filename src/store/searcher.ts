/**
 * @module What the search routes ask of an index, whichever engine a build chose: the FlexSearch
 * engine loaded whole (small corpora: fastest once loaded) or the sharded index read piece by piece
 * (corpora too large for one isolate). Both answer the same queries with the same results.
 */
import type { Article, Attribution } from '../core/model.ts'
import type { SearchAnswer, SearchEngine, SearchRequest } from '../core/search/index.ts'
import type { CacheStats } from '../core/shards/cache.ts'
import type { Catalog } from '../core/shards/catalog.ts'
import type { ShardedSearch } from '../core/shards/engine.ts'

export type Searcher = Pick<ShardedSearch, 'search' | 'suggest' | 'sections' | 'lookup' | 'cache'> & {
  /** Which engine answers: `flexsearch` (whole index in the isolate) or `sharded` (pieces on demand). */
  engine: 'flexsearch' | 'sharded'
}

/** The sharded index, as is. */
export function shardedSearcher(sharded: ShardedSearch): Searcher {
  return {
    engine: 'sharded',
    search: (req) => sharded.search(req),
    suggest: (q, limit) => sharded.suggest(q, limit),
    sections: () => sharded.sections(),
    lookup: (slug) => sharded.lookup(slug),
    cache: () => sharded.cache(),
  }
}

/**
 * The FlexSearch engine, with lookups from the article catalog. A filter naming an alias searches its
 * article, as the sharded index does; attributions come from the (cached) article models.
 */
export function flexSearcher(
  flex: SearchEngine,
  catalog: Catalog,
  article: (slug: string) => Promise<Article | undefined>,
  cache: () => CacheStats,
): Searcher {
  const attributionsOf = async (answer: SearchAnswer): Promise<Attribution[]> => {
    const slugs = [...new Set(answer.results.map((hit) => hit.article.slug))]
    const models = await Promise.all(slugs.map(article))
    return models.flatMap((m) => (m ? [m.attribution] : []))
  }
  return {
    engine: 'flexsearch',
    async search(req: SearchRequest) {
      const target = req.article === undefined ? undefined : ((await catalog.lookup(req.article))?.alias ?? req.article)
      const answer = flex.search({ ...req, ...(target === undefined ? {} : { article: target }) })
      return { ...answer, attributions: await attributionsOf(answer) }
    },
    suggest: async (q, limit) => flex.suggest(q, limit),
    sections: async () => flex.facets.sections,
    lookup: (slug) => catalog.lookup(slug),
    cache,
  }
}
