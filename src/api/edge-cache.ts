/**
 * @module The edge cache (Cache API) for answers that cost work: keyed by the index version and the
 * normalized parameters, so a new build never serves an old answer and junk parameters cannot bust it.
 */
import type { Context } from 'hono'

const CACHE_ORIGIN = 'https://cache.wylb.internal'
/** The cache keeps an answer a day; the version in its key retires it when a new build goes live. */
const CACHE_SECONDS = 86_400

function cacheKey(path: string, params: Record<string, string | number | undefined>): Request {
  const query = new URLSearchParams()
  for (const name of Object.keys(params).sort()) {
    const value = params[name]
    if (value !== undefined) query.set(name, String(value))
  }
  return new Request(`${CACHE_ORIGIN}${path}?${query}`)
}

/** Answers from the cache, or computes, answers and stores in the background. */
export async function cachedJson<T>(
  c: Context,
  params: Record<string, string | number | undefined>,
  compute: () => Promise<T>,
): Promise<T> {
  const cache = typeof caches === 'undefined' ? undefined : (caches as unknown as { default: Cache }).default
  const key = cacheKey(c.req.path, params)
  const hit = await cache?.match(key)
  if (hit) {
    c.header('x-cache', 'hit')
    return (await hit.json()) as T
  }
  const body = await compute()
  c.header('x-cache', 'miss')
  if (cache) {
    const stored = cache.put(
      key,
      new Response(JSON.stringify(body), {
        headers: { 'content-type': 'application/json', 'cache-control': `public, max-age=${CACHE_SECONDS}` },
      }),
    )
    try {
      c.executionCtx.waitUntil(stored)
    } catch {
      await stored // no execution context (app.request in a test): store before answering
    }
  }
  return body
}
