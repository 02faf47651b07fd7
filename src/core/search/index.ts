/**
 * @module Search over every passage of every article: the query language, ranking and snippets that
 * the one engine (src/core/engine) answers with, and the shapes it answers in.
 */
import { parseQuery } from './query.ts'

export { IndexFormatError, QueryError } from './types.ts'
export type { AttributedAnswer, SearchAnswer, SearchHit, SearchRequest, Searcher } from './types.ts'

/** The query as understood, used in cache keys: queries meaning the same give the same string. */
export function canonicalQuery(q: string): string {
  return parseQuery(q).canonical
}
