/**
 * @module The fetch layer: typed, validated calls to `/v1/search` and `/v1/suggest`, abortable. The
 * shapes are the API's own types (type imports only: the bundle takes none of the server's code), as the
 * widget keeps them after checking each untrusted answer.
 */
import { MAX_QUERY_LENGTH } from '../api/limits.ts'
import type { Attribution } from '../core/model.ts'
import type { FieldAnswer as ApiFieldAnswer } from '../core/search/field-answer.ts'
import type { FacetCount as ApiFacetCount, SearchAnswer, SearchHit } from '../core/search/types.ts'

/** A hit as the widget shows it: the API's, with its passage's URL and, grouped by article, its next best passages. */
export interface SearchResult extends Pick<SearchHit, 'id' | 'article' | 'section' | 'score' | 'snippet'> {
  /** Any string: a server newer than this bundle may send kinds it does not know. */
  kind: string
  url: string
  subResults: SearchResult[]
}

/** The answer to a field question ("who directed …"): shown above the results. */
export type FieldAnswer = Pick<ApiFieldAnswer, 'label' | 'values' | 'article' | 'passage'>

/** An article of the article facet, its title filled in. */
export type FacetCount = Required<ApiFacetCount>

/** Who published the text the results quote, under which licence (from the answer's `attributions`). */
export type Credit = Pick<Attribution, 'publisher' | 'licence' | 'licence_url'>

export interface SearchResponse extends Pick<SearchAnswer, 'query' | 'total'> {
  limit: number
  offset: number
  results: SearchResult[]
  suggestion: string | null
  /** `total` counts only the passages a large index searched first: a lower bound. */
  approximate: boolean
  /** One per publisher and licence, in the order of the answer's attributions. */
  credits: Credit[]
  answer: FieldAnswer | null
  /** Matches per article, most first (the article facet). */
  articles: FacetCount[]
}

export interface SuggestResponse {
  query: string
  suggestions: string[]
}

export interface SearchParams {
  q: string
  limit: number
  article?: string | null
  section?: string | null
  /** One hit per article, its next best passages under it. */
  grouped?: boolean
}

/** A failed call: HTTP status (0 for network or parse failures) and the problem detail when given. */
export class ApiError extends Error {
  readonly status: number
  constructor(status: number, message: string) {
    super(message)
    this.name = 'ApiError'
    this.status = status
  }
}

/** The query as the server takes it: at most MAX_QUERY_LENGTH code points (never half a surrogate pair). */
export function capQuery(q: string): string {
  const chars = [...q]
  return chars.length > MAX_QUERY_LENGTH ? chars.slice(0, MAX_QUERY_LENGTH).join('') : q
}

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v)
const str = (v: unknown, fallback = ''): string => (typeof v === 'string' ? v : fallback)
const num = (v: unknown, fallback = 0): number => (typeof v === 'number' && Number.isFinite(v) ? v : fallback)

const strings = (v: unknown): string[] => (Array.isArray(v) ? v.filter((s): s is string => typeof s === 'string') : [])

function parseAnswer(v: unknown): FieldAnswer | null {
  if (!isObj(v) || !isObj(v.article) || typeof v.passage !== 'string' || typeof v.label !== 'string') return null
  const values = strings(v.values)
  if (values.length === 0) return null
  const slug = str(v.article.slug)
  return { label: v.label, values, article: { slug, title: str(v.article.title, slug) }, passage: v.passage }
}

function parseFacet(v: unknown): FacetCount[] {
  if (!Array.isArray(v)) return []
  return v
    .filter(isObj)
    .filter((c) => typeof c.value === 'string' && c.value !== '')
    .map((c) => ({ value: str(c.value), title: str(c.title, str(c.value)), count: num(c.count) }))
}

function parseResults(list: unknown[]): SearchResult[] {
  const results: SearchResult[] = []
  for (const r of list) {
    if (!isObj(r) || typeof r.id !== 'string' || r.id === '') continue
    const article = isObj(r.article) ? r.article : {}
    const section = isObj(r.section) ? r.section : {}
    const slug = str(article.slug, r.id.split(':')[0] ?? '')
    results.push({
      id: r.id,
      article: { slug, title: str(article.title, slug) },
      section: { id: str(section.id), title: str(section.title) },
      kind: str(r.kind, 'paragraph'),
      score: num(r.score),
      snippet: str(r.snippet),
      url: str(r.url),
      subResults: Array.isArray(r.sub_results) ? parseResults(r.sub_results) : [],
    })
  }
  return results
}

/** Validates an untrusted `/v1/search` body; drops malformed results. Throws ApiError when unusable. */
export function parseSearchResponse(body: unknown): SearchResponse {
  if (!isObj(body) || !Array.isArray(body.results)) throw new ApiError(0, 'malformed search response')
  const results = parseResults(body.results)
  return {
    query: str(body.query),
    total: Math.max(num(body.total, results.length), results.length),
    limit: num(body.limit, results.length),
    offset: num(body.offset),
    results,
    suggestion: typeof body.suggestion === 'string' && body.suggestion.trim() !== '' ? body.suggestion : null,
    approximate: body.approximate === true,
    credits: parseCredits(body.attributions),
    answer: parseAnswer(body.answer),
    articles: isObj(body.facets) ? parseFacet(body.facets.articles) : [],
  }
}

/** The distinct publisher and licence pairs of an answer's attributions; malformed entries dropped. */
export function parseCredits(attributions: unknown): Credit[] {
  const credits = new Map<string, Credit>()
  for (const a of Array.isArray(attributions) ? attributions : []) {
    if (!isObj(a) || !str(a.publisher).trim()) continue
    const credit = {
      publisher: str(a.publisher).trim(),
      licence: str(a.licence).trim(),
      licence_url: str(a.licence_url).trim(),
    }
    credits.set(`${credit.publisher}\u0000${credit.licence}`, credit)
  }
  return [...credits.values()]
}

/** Validates an untrusted `/v1/suggest` body. */
export function parseSuggestResponse(body: unknown): SuggestResponse {
  if (!isObj(body) || !Array.isArray(body.suggestions)) throw new ApiError(0, 'malformed suggest response')
  return {
    query: str(body.query),
    suggestions: body.suggestions.filter((s): s is string => typeof s === 'string' && s.trim() !== ''),
  }
}

/** Builds the `/v1/search` URL. */
export function searchUrl(endpoint: string, p: SearchParams): string {
  const qs = new URLSearchParams({ q: capQuery(p.q), limit: String(p.limit) })
  if (p.article) qs.set('article', p.article)
  if (p.section) qs.set('section', p.section)
  if (p.grouped) qs.set('group', 'article')
  return `${endpoint}/v1/search?${qs.toString()}`
}

/** Builds the `/v1/suggest` URL. */
export function suggestUrl(endpoint: string, q: string, limit: number): string {
  const qs = new URLSearchParams({ q: capQuery(q), limit: String(limit) })
  return `${endpoint}/v1/suggest?${qs.toString()}`
}

async function getJson(url: string, signal: AbortSignal): Promise<unknown> {
  let res: Response
  try {
    res = await fetch(url, { signal, headers: { accept: 'application/json' }, credentials: 'omit', mode: 'cors' })
  } catch (err) {
    if (signal.aborted) throw err
    throw new ApiError(0, err instanceof Error ? err.message : 'network error')
  }
  let body: unknown
  try {
    body = await res.json()
  } catch {
    if (signal.aborted) throw new DOMException('Aborted', 'AbortError')
    body = null
  }
  if (!res.ok) {
    const detail = isObj(body) ? str(body.detail, str(body.title, res.statusText)) : res.statusText
    throw new ApiError(res.status, detail || `HTTP ${res.status}`)
  }
  return body
}

export function search(endpoint: string, p: SearchParams, signal: AbortSignal): Promise<SearchResponse> {
  return getJson(searchUrl(endpoint, p), signal).then(parseSearchResponse)
}

export function suggest(endpoint: string, q: string, limit: number, signal: AbortSignal): Promise<SuggestResponse> {
  return getJson(suggestUrl(endpoint, q, limit), signal).then(parseSuggestResponse)
}

/** Whether the corpus holds more than one article (`/v1/articles?limit=2`); false when it cannot tell. */
export function hasSeveralArticles(endpoint: string, signal: AbortSignal): Promise<boolean> {
  return getJson(`${endpoint}/v1/articles?limit=2`, signal).then(
    (body) => isObj(body) && Array.isArray(body.articles) && body.articles.length > 1,
    () => false,
  )
}

export function isAbort(err: unknown): boolean {
  return typeof err === 'object' && err !== null && (err as { name?: unknown }).name === 'AbortError'
}
