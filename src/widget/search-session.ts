/**
 * @module One search box's requests: results and completions asked for together, each new query
 * aborting the one before, and only the latest query's answer delivered.
 */
import { type SearchResponse, hasSeveralArticles, isAbort, search, suggest } from './api.ts'

export interface Query {
  q: string
  limit: number
  article: string | null
  section: string | null
}

export interface Answer {
  results: SearchResponse
  /** Completions of the query; none when that request failed (they are a nicety, the results are not). */
  suggestions: string[]
}

export class SearchSession {
  private seq = 0
  private controller: AbortController | null = null
  /** Whether the corpus has more than one article (then results are grouped by article), per endpoint. */
  private several: { endpoint: string; answer: Promise<boolean> } | null = null

  /** Aborts the query in flight: its answer, should it still come, is dropped. */
  cancel(): void {
    this.seq++
    this.controller?.abort()
    this.controller = null
  }

  /** Asks for a query's results and `suggestions` completions; calls back unless cancelled or overtaken. */
  start(
    endpoint: string,
    query: Query,
    suggestions: number,
    onAnswer: (answer: Answer) => void,
    onError: (err: unknown) => void,
  ): void {
    this.cancel()
    const seq = this.seq
    const controller = new AbortController()
    this.controller = controller
    const { signal } = controller
    if (this.several?.endpoint !== endpoint)
      this.several = { endpoint, answer: hasSeveralArticles(endpoint, new AbortController().signal) }
    const results = this.several.answer.then((grouped) =>
      search(endpoint, { ...query, grouped: grouped && !query.article }, signal),
    )
    const completions = suggest(endpoint, query.q, suggestions, signal).then(
      (r) => r.suggestions,
      () => [] as string[],
    )
    Promise.all([results, completions]).then(
      ([res, sugg]) => {
        if (seq !== this.seq || signal.aborted) return
        onAnswer({ results: res, suggestions: sugg })
      },
      (err: unknown) => {
        if (seq !== this.seq || isAbort(err)) return
        onError(err)
      },
    )
  }
}
