/**
 * @module Search over every passage of every article: build the index pieces (build time), load
 * them (once per isolate) and search, suggest and canonicalize queries.
 */
import { parseQuery } from './query.ts'

export { buildSearchIndex } from './build.ts'
export { SEARCH_FORMAT_VERSION } from './format.ts'
export { loadSearchIndex } from './load.ts'
export { IndexFormatError, QueryError } from './types.ts'
export type { SearchAnswer, SearchEngine, SearchHit, SearchRequest } from './types.ts'

/** The query as understood, used in cache keys: queries meaning the same give the same string. */
export function canonicalQuery(q: string): string {
  return parseQuery(q).canonical
}
