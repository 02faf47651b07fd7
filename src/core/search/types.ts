/** @module The public shapes of search: requests, hits, answers and the engine. */
import type { Attribution, PassageKind } from '../model.ts'
import type { Expansion } from './synonyms.ts'

export interface SearchRequest {
  q: string
  limit: number
  offset: number
  /** Article slug. */
  article?: string
  /** Section id; a section also covers its subsections. */
  section?: string
  kind?: PassageKind
  /** A category of the wiki's (`[[Category:X]]`): only passages of articles in it, matched without regard to case. */
  category?: string
  /** `article`: one hit per article, its best passage, with its next best as `sub_results`. */
  group?: 'article'
}

export interface SearchHit {
  id: string
  article: { slug: string; title: string }
  section: { id: string; title: string }
  kind: PassageKind
  score: number
  /** HTML: escaped text with the matched words in `<mark>…</mark>`, nothing else. */
  snippet: string
  /** Grouped by article: the article's next best passages (at most SUB_RESULTS). */
  sub_results?: SearchHit[]
}

export interface FacetCount {
  /** An article's slug, a passage kind or a category. */
  value: string
  /** An article's title. */
  title?: string
  count: number
}

/** Counts of the result set by article, passage kind and category, most first. */
export interface Facets {
  articles: FacetCount[]
  kinds: FacetCount[]
  categories: FacetCount[]
  /** The ranked passages counted: all of them, or the best FACET_SCAN. */
  counted: number
  /** Set when not every passage of the result set was counted (more than FACET_SCAN, or `approximate`). */
  approximate?: true
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
  /** Synonyms the query was expanded with (src/core/search/synonyms.ts), when any. */
  expansions?: Expansion[]
  facets?: Facets
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

/** A search answer with the attribution of every article its hits come from. */
export type AttributedAnswer = SearchAnswer & { attributions: Attribution[] }

/** What the API asks of the index: search, completions, and what filters may name. */
export interface Searcher {
  /** Throws QueryError when the query has nothing to search. */
  search(req: SearchRequest): Promise<AttributedAnswer>
  /** Completions of the last word of `q`, most frequent first, earlier words kept as typed. */
  suggest(q: string, limit: number): Promise<string[]>
  /** Section ids a `section` filter may name. */
  sections(): Promise<string[]>
  /** Whether an `article` filter names an article (by slug, or by alias: then `alias` is its canonical slug). */
  lookup(slug: string): Promise<{ alias?: string } | undefined>
}
