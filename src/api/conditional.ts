/**
 * @module Conditional GETs per RFC 9110 §13: `If-None-Match` is evaluated on the answer the route
 * produced, after validation and routing, and only when that answer is a 2xx with an ETag; so a 400,
 * 404 or 503 is never turned into a 304. Answers that are cacheable but carry no ETag of their own (the
 * docs, the demo, /openapi.json) get a strong one from their body.
 */
import { createMiddleware } from 'hono/factory'
import type { AppEnv } from './context.ts'

/** What a 304 keeps from the 200 it stands for (RFC 9110 §15.4.5), besides the headers added later. */
const KEPT_ON_304 = ['cache-control', 'content-location', 'date', 'etag', 'expires', 'vary']

/** RFC 9110 §13.1.2: `*` matches any current representation; otherwise a weak comparison of the tags. */
export function noneMatch(header: string, etag: string): boolean {
  if (header.trim() === '*') return true
  const opaque = (tag: string) => tag.trim().replace(/^W\//, '')
  return header.split(',').some((tag) => opaque(tag) === opaque(etag))
}

async function bodyTag(res: Response): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', await res.clone().arrayBuffer())
  return `"${[...new Uint8Array(digest.slice(0, 12))].map((b) => b.toString(16).padStart(2, '0')).join('')}"`
}

export const conditional = createMiddleware<AppEnv>(async (c, next) => {
  await next()
  const method = c.req.method
  const res = c.res
  if ((method !== 'GET' && method !== 'HEAD') || res.status < 200 || res.status > 299) return
  let etag = res.headers.get('etag')
  if (etag === null) {
    if (!/\bpublic\b/.test(res.headers.get('cache-control') ?? '') || res.body === null) return
    etag = await bodyTag(res)
    c.res.headers.set('etag', etag)
  }
  const match = c.req.header('if-none-match')
  if (match === undefined || !noneMatch(match, etag)) return
  const headers = new Headers()
  for (const [name, value] of res.headers) {
    if (KEPT_ON_304.includes(name) || name.startsWith('x-') || name.startsWith('access-control-'))
      headers.set(name, value)
  }
  c.res = undefined
  c.res = new Response(null, { status: 304, headers })
})
