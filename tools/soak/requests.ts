/**
 * @module What `npm run soak` sends: realistic good requests (the judged queries, suggestions, lookups), hostile
 * ones that must get a 4xx, and the marker search that tells build B from build A.
 */

export type RequestKind = 'good' | 'hostile' | 'marker'

export interface SoakRequest {
  kind: RequestKind
  path: string
  headers?: Record<string, string>
}

/** A word only build B holds (appended to each article's lead), so an answer shows which build served it. */
export const MARKER = 'Swapsentinel'
export const SLUG = 'what-you-leave-behind'

const enc = encodeURIComponent

/** Searches (two pages each), suggestions of the queries' words typed short, and every lookup route twice. */
export function goodRequests(queries: string[]): SoakRequest[] {
  const words = [...new Set(queries.flatMap((q) => q.split(/\s+/)).filter((w) => /^[a-z]{4,}$/i.test(w)))]
  const out: SoakRequest[] = []
  for (const q of queries) {
    out.push(
      { kind: 'good', path: `/v1/search?q=${enc(q)}` },
      { kind: 'good', path: `/v1/search?q=${enc(q)}&limit=5&offset=5` },
    )
  }
  for (const w of words) out.push({ kind: 'good', path: `/v1/suggest?q=${enc(w.slice(0, Math.max(2, w.length - 2)))}` })
  const lookups = [
    '/v1/articles',
    `/v1/articles/${SLUG}`,
    `/v1/articles/${SLUG}/sections`,
    `/v1/articles/${SLUG}/sections/plot`,
    `/v1/articles/${SLUG}/references`,
    `/v1/articles/${SLUG}/references/3`,
    `/v1/articles/${SLUG}/notes`,
    `/v1/passages/${SLUG}:plot-1`,
    `/v1/passages/${SLUG}:critical-reception-3`,
    '/healthz',
  ]
  for (const path of lookups) out.push({ kind: 'good', path }, { kind: 'good', path })
  return out
}

export const HOSTILE: SoakRequest[] = [
  `/v1/search?q=${enc('\u0000\u0001\u0007\u001f')}`,
  `/v1/search?q=${enc('-"*?%-- "')}`,
  `/v1/search?q=${'x'.repeat(300)}`,
  `/v1/search?q=${enc('*  ?  %')}`,
  '/v1/search?q=garak&limit=999',
  '/v1/search?q=garak&limit=abc',
  '/v1/search?q=garak&offset=-1',
  '/v1/search?q=garak&offset=501',
  '/v1/search?q=garak&kind=chart',
  '/v1/search',
  '/v1/suggest?q=',
  '/v1/articles/no-such-article',
  '/v1/articles/Not%20A%20Slug',
  `/v1/articles/${SLUG}/references/9999`,
  '/v1/passages/nope:x-1',
  '/v1/passages/no-colon',
  `/v1/search?q=garak&pad=${'p'.repeat(2100)}`,
].map((path) => ({ kind: 'hostile' as const, path }))

export const MARKER_REQUEST: SoakRequest = { kind: 'marker', path: `/v1/search?q=${MARKER.toLowerCase()}` }

/**
 * wrangler dev sets cf-connecting-ip to the socket's address (127.0.0.1) unless the request carries one,
 * so one load generator would be one client to the rate limiter and get 429s after 600 requests. Each
 * request says it comes from a random address of the benchmarking range (198.18.0.0/15).
 */
export function randomClient(): string {
  const byte = () => Math.floor(Math.random() * 256)
  return `198.${18 + Math.floor(Math.random() * 2)}.${byte()}.${byte()}`
}
