/** @module The public shapes of search: requests, hits, answers and the engine. */
import type { PassageKind } from '../model.ts'

export interface SearchRequest {
  q: string
  limit: number
  offset: number
  /** Article slug. */
  article?: string
  /** Section id; a section also covers its subsections. */
  section?: string
  kind?: PassageKind
}

export interface SearchHit {
  id: string
  article: { slug: string; title: string }
  section: { id: string; title: string }
  kind: PassageKind
  score: number
  /** HTML: escaped text with the matched words in `<mark>…</mark>`, nothing else. */
  snippet: string
}

export interface SearchAnswer {
  /** The query as understood: folded, operators re-rendered, control characters dropped. */
  query: string
  total: number
  results: SearchHit[]
  /** Did you mean: the query with typo'd words corrected, when it finds (almost) nothing. */
  suggestion?: string
  /**
   * Set by the sharded index when frequent words were searched in their best passages only (their
   * heads) because those filled the page: `total` then counts those passages, a lower bound.
   */
  approximate?: true
}

export interface SearchEngine {
  /** Throws QueryError when the query has nothing to search. */
  search(req: SearchRequest): SearchAnswer
  /** Completions of the last word of `q`, most frequent first, earlier words kept as typed. */
  suggest(q: string, limit: number): string[]
  /** What filters may name, so the API can answer 400 naming the valid ones. */
  facets: { articles: string[]; sections: string[]; kinds: PassageKind[] }
}

/** A query that has nothing to search: the message says why (the API answers 400). */
export class QueryError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'QueryError'
  }
}

/** Index pieces missing, corrupt or of another format version (the API answers 503). */
export class IndexFormatError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'IndexFormatError'
  }
}
