/**
 * @module The Hono app: middleware, the routes, the OpenAPI document and the one error handler.
 * Routes only validate, call the core, and shape the answer.
 */
import { OpenAPIHono } from '@hono/zod-openapi'
import { Scalar } from '@scalar/hono-api-reference'
import { cors } from 'hono/cors'
import { createMiddleware } from 'hono/factory'
import { secureHeaders } from 'hono/secure-headers'
import type { AppEnv } from './context.ts'
import { guards } from './guards.ts'
import { VERSION_HEADER, withIndex } from './index-middleware.ts'
import { Problem, problemResponse } from './problem.ts'
import { articleRoutes } from './routes/articles.ts'
import { healthRoutes } from './routes/health.ts'
import { pageRoutes } from './routes/pages.ts'
import { passageRoutes } from './routes/passages.ts'
import { searchRoutes } from './routes/search.ts'
import { IndexUnavailable } from '../store/kv-store.ts'

/** Turns a failed validation into a 400 naming the parameter and what is wrong with it. */
function invalid(issues: readonly { path: readonly PropertyKey[]; message: string }[]): Problem {
  const first = issues[0]
  const parameter = String(first?.path[0] ?? 'request')
  const why = issues.map((i) => `${String(i.path[0] ?? 'request')}: ${i.message}`).join('; ')
  return new Problem(400, `Invalid parameter "${parameter}" (${why}).`, { parameter })
}

/** The one external script the reference page loads (Scalar's bundle), by its exact URL. */
const SCALAR_SCRIPT = 'https://cdn.jsdelivr.net/npm/@scalar/api-reference'

async function sha256Base64(text: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text))
  return btoa(String.fromCharCode(...new Uint8Array(digest)))
}

/**
 * A strict CSP for `/docs`: scripts only from Scalar's exact bundle URL and the page's own inline
 * config script (allowed by its hash, computed from the HTML served, so nothing else inline runs);
 * data only from this origin; no framing, no forms, no plugins. Scalar's bundle injects its styles and
 * loads its fonts from fonts.scalar.com, so styles allow 'unsafe-inline' and fonts that host.
 */
const docsCsp = createMiddleware<AppEnv>(async (c, next) => {
  await next()
  if (!c.res.headers.get('content-type')?.startsWith('text/html')) return
  const html = await c.res.clone().text()
  const inline = [...html.matchAll(/<script(?![^>]*\ssrc=)[^>]*>([\s\S]*?)<\/script>/g)].map((m) => m[1] ?? '')
  const hashes = await Promise.all(inline.map(async (body) => `'sha256-${await sha256Base64(body)}'`))
  c.res.headers.set(
    'content-security-policy',
    [
      "default-src 'none'",
      `script-src ${SCALAR_SCRIPT} ${hashes.join(' ')}`,
      "style-src 'self' 'unsafe-inline' https://fonts.scalar.com",
      "font-src 'self' data: https://fonts.scalar.com",
      "img-src 'self' data:",
      "connect-src 'self'",
      "base-uri 'none'",
      "form-action 'none'",
      "frame-ancestors 'none'",
      "object-src 'none'",
    ].join('; '),
  )
})

const app = new OpenAPIHono<AppEnv>({
  defaultHook: (result) => {
    if (!result.success) throw invalid(result.error.issues)
  },
})

// First, so that every answer carries them, the CORS preflight and every error included.
// The API is read by other origins' pages; hono's defaults would forbid that (same-origin CORP).
app.use('*', secureHeaders({ crossOriginResourcePolicy: 'cross-origin', crossOriginOpenerPolicy: false }))
app.use(
  '*',
  cors({
    origin: '*',
    allowMethods: ['GET', 'HEAD', 'OPTIONS'],
    exposeHeaders: ['ETag', 'Retry-After', 'X-Index-Version'],
    maxAge: 86400,
  }),
)
app.use('*', guards)
app.use('/v1/*', withIndex)

const routes = app.route('/', articleRoutes).route('/', passageRoutes).route('/', searchRoutes).route('/', healthRoutes)

app.doc31('/openapi.json', {
  openapi: '3.1.0',
  info: {
    title: 'wylb',
    version: '1',
    description:
      'Lookups and full-text search over Wikipedia-style articles, at the edge. Article text is from Wikipedia, CC BY-SA 4.0: every answer that carries it carries its attribution.',
  },
})
app.get('/docs', docsCsp, Scalar({ url: '/openapi.json', pageTitle: 'wylb API reference' }))
app.route('/', pageRoutes)
app.get('/', (c) => c.redirect('/docs'))

app.notFound((c) => problemResponse(new Problem(404, `No route answers ${c.req.method} ${c.req.path}. See /docs.`), c.req.path))

app.onError((error, c) => {
  const path = c.req.path
  if (error instanceof Problem) return problemResponse(error, path)
  if (error instanceof IndexUnavailable) {
    return problemResponse(new Problem(503, error.message, { fault: error.fault, headers: { 'retry-after': '30' } }), path)
  }
  console.error(`wylb: unexpected error on ${c.req.method} ${path}:`, error)
  return problemResponse(new Problem(500, 'The server failed to answer; the failure is logged.'), path)
})

export { VERSION_HEADER }
export type AppType = typeof routes
export default app
