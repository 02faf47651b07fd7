/**
 * @module Where search answers are kept: in the isolate's memory (a bounded LRU), and at the edge
 * (Cache API) when computing one costs KV reads. Both are keyed by the index version and the
 * normalized parameters, so a new build never serves an old answer and junk parameters cannot bust them.
 * Answers are kept as their JSON text, and sent as it (`jsonText`).
 */
import type { Context, TypedResponse } from 'hono'
import type { JSONParsed } from 'hono/utils/types'
import { Lru } from '../core/search/lru.ts'
import { storeReadCount } from '../store/kv-reader.ts'

const CACHE_ORIGIN = 'https://cache.wylb.internal'
/** The edge keeps an answer a day; the version in its key retires it when a new build goes live. */
const CACHE_SECONDS = 86_400
/** Popular answers stay in memory (a page of ten hits is about 6 KB), at most 4 MB of them. */
const MEMORY_ANSWERS = 512
export const MEMORY_ANSWER_BYTES = 4 * 1024 * 1024

/**
 * Answers kept as their JSON text, weighed at two bytes a UTF-16 code unit: an answer is serialized once,
 * when computed, and a hit is sent as it is kept.
 */
const memory = new Lru<string, string>(MEMORY_ANSWERS, (json) => 2 * json.length, MEMORY_ANSWER_BYTES)

function cacheKey(path: string, params: Record<string, string | number | undefined>): string {
  const query = new URLSearchParams()
  for (const name of Object.keys(params).sort()) {
    const value = params[name]
    if (value !== undefined) query.set(name, String(value))
  }
  return `${CACHE_ORIGIN}${path}?${query}`
}

/**
 * Whether the last answer this isolate computed read the store (KV or the colo's cache). While answers
 * come from memory (a small index, or a warm one), the Cache API's match and put, a subrequest each, cost
 * more than computing: they wait until a computation reads the store again.
 */
let computingReadsStore = true

/**
 * An answer's JSON: from memory, then from the Cache API (while an answer costs store reads), else computed,
 * serialized and kept.
 */
export async function cachedJson(
  c: Context,
  params: Record<string, string | number | undefined>,
  compute: () => Promise<unknown>,
): Promise<string> {
  const key = cacheKey(c.req.path, params)
  const remembered = memory.get(key)
  if (remembered !== undefined) {
    c.header('x-cache', 'hit')
    return remembered
  }
  const cache = typeof caches !== 'undefined' ? (caches as unknown as { default: Cache }).default : undefined
  const hit = computingReadsStore ? await cache?.match(key) : undefined
  if (hit) {
    const json = await hit.text()
    memory.set(key, json)
    c.header('x-cache', 'hit')
    return json
  }
  const readsBefore = storeReadCount()
  const json = JSON.stringify(await compute())
  computingReadsStore = storeReadCount() !== readsBefore
  memory.set(key, json)
  c.header('x-cache', 'miss')
  if (cache && computingReadsStore) {
    const stored = cache.put(
      key,
      new Response(json, {
        headers: { 'content-type': 'application/json', 'cache-control': `public, max-age=${CACHE_SECONDS}` },
      }),
    )
    try {
      c.executionCtx.waitUntil(stored)
    } catch {
      await stored // no execution context (app.request in a test): store before answering
    }
  }
  return json
}

/**
 * A 200 of JSON serialized earlier (the answer cache keeps answers as text), with the headers `c.json` gives,
 * typed as the answer `T` it holds.
 */
export function jsonText<T>(c: Context, json: string): Response & TypedResponse<JSONParsed<T>, 200, 'json'> {
  const res: Response = c.body(json, 200, { 'content-type': 'application/json' })
  return res as Response & TypedResponse<JSONParsed<T>, 200, 'json'>
}
