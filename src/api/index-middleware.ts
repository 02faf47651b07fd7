/**
 * @module Puts the live index on the context and marks every answer with the version it came from:
 * within one version an answer never changes, so the version is its ETag (see conditional.ts for 304s).
 */
import type { Context } from 'hono'
import { createMiddleware } from 'hono/factory'
import { IndexUnavailable } from '../store/index-unavailable.ts'
import { KV_TIMEOUT_MS } from '../store/kv-reader.ts'
import { indexStore } from '../store/live-index.ts'
import type { AppEnv } from './context.ts'
import { Problem } from './problem.ts'

export const VERSION_HEADER = 'x-index-version'

/** Browsers may keep an answer a minute; the edge may serve it stale while it revalidates. */
export const CACHE_CONTROL = 'public, max-age=60, s-maxage=300, stale-while-revalidate=600'

const RETRY_AFTER_SECONDS = '30'

/** A non-negative number from a wrangler var, or the fallback when it is absent or not one. */
function numberVar(value: string | undefined, fallback: number): number {
  const n = value === undefined || value.trim() === '' ? NaN : Number(value)
  return Number.isFinite(n) && n >= 0 ? n : fallback
}

export function storeFor(env: AppEnv['Bindings']) {
  // POINTER_TTL_SECONDS "0" means re-read the pointer on every request (tests); KV_TIMEOUT_MS is for tests.
  const timeout = (env as { KV_TIMEOUT_MS?: string }).KV_TIMEOUT_MS
  return indexStore(
    env.INDEX,
    numberVar(env.POINTER_TTL_SECONDS, 60),
    numberVar(timeout, KV_TIMEOUT_MS) || KV_TIMEOUT_MS,
  )
}

/**
 * Loads the live index onto the context (so a failure can be retried on the previous version, see
 * `answerAgain`) or throws the 503 that says why there is none.
 */
export async function liveIndex(c: Context<AppEnv>) {
  try {
    const index = await storeFor(c.env).live()
    c.set('index', index)
    return index
  } catch (error) {
    if (error instanceof IndexUnavailable) {
      throw new Problem(503, error.message, { fault: error.fault, headers: { 'retry-after': RETRY_AFTER_SECONDS } })
    }
    throw error
  }
}

/**
 * Loads the live index for the routes below it and marks their answers with its version. A 200's ETag is
 * the version, joined by `variant` where the answer also depends on something else: a page's HTML names
 * the widget bundle it loads, so a new bundle must change the page's ETag though the index did not change.
 */
export const withIndex = (variant?: string) =>
  createMiddleware<AppEnv>(async (c, next) => {
    const index = await liveIndex(c)
    await next()
    // An answer given again from the previous version (answerAgain) already says which version it is.
    if (c.res.headers.has(VERSION_HEADER)) return
    c.header(VERSION_HEADER, index.version)
    if (c.res.status === 200) {
      c.header('etag', `"${variant === undefined ? index.version : `${index.version}-${variant}`}"`)
      c.header('cache-control', CACHE_CONTROL)
    }
  })

/** Requests that are a second answer to a request that failed on a version still propagating. */
const answeringAgain = new WeakSet<Request>()

export const isAnswerAgain = (request: Request): boolean => answeringAgain.has(request)

/**
 * A request that failed because KV here does not show a piece of the new version yet: when the store
 * now serves the previous version instead, the request to answer again, whole, from it (never a mix).
 */
export function answerAgain(c: Context<AppEnv>, error: IndexUnavailable): Request | undefined {
  const version = c.var.index?.version
  if (version === undefined || answeringAgain.has(c.req.raw) || !storeFor(c.env).fallBack(version, error))
    return undefined
  const again = new Request(c.req.raw)
  answeringAgain.add(again)
  return again
}
