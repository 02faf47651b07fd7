/**
 * @module Observability: one structured log line per request, and a `Server-Timing` header with its
 * KV and engine time (readable by other origins, as the API is).
 *
 * The log line names the route by its pattern (`/v1/articles/:slug`), never the URL, and of a query
 * (`q`) only its length in characters and words: search text is what a reader typed and may be
 * personal, and its shape is enough to relate a slow answer to the query that caused it.
 */
import type { Context, MiddlewareHandler } from 'hono'
import { createMiddleware } from 'hono/factory'
import { routePath } from 'hono/route'
import { setMetric, timing } from 'hono/timing'
import { metered, type RequestCost } from '../meter.ts'
import type { AppEnv } from './context.ts'
import { VERSION_HEADER } from './index-middleware.ts'

/** What is logged of a query: its shape, not its text. */
function queryShape(q: string | undefined): { q_chars: number; q_words: number } | undefined {
  if (q === undefined) return undefined
  return { q_chars: q.length, q_words: q.split(/\s+/).filter(Boolean).length }
}

function logLine(c: Context<AppEnv>, cost: RequestCost, ms: number): string {
  return JSON.stringify({
    msg: 'request',
    method: c.req.method,
    route: routePath(c, -1),
    status: c.res.status,
    version: c.res.headers.get(VERSION_HEADER),
    kv_reads: cost.kvReads,
    kv_bytes: cost.kvBytes,
    kv_ms: Math.round(cost.kvMs),
    engine_ms: Math.round(cost.engineMs * 10) / 10,
    ms: Math.round(ms),
    ...queryShape(c.req.query('q')),
  })
}

const report = createMiddleware<AppEnv>(async (c, next) => {
  const start = performance.now()
  const cost = await metered(next)
  setMetric(c, 'kv', cost.kvMs, `${cost.kvReads} reads, ${cost.kvBytes} B`)
  setMetric(c, 'engine', cost.engineMs)
  console.log(logLine(c, cost, performance.now() - start))
})

/** Both middlewares, in order: `timing` writes the header that `report` adds its metrics to. */
export const observe: MiddlewareHandler<AppEnv>[] = [timing({ crossOrigin: true }), report]
