/**
 * @module The Hono app: middleware, the routes, the OpenAPI document and the one error handler.
 * Routes only validate, call the core, and shape the answer.
 */
import { OpenAPIHono } from '@hono/zod-openapi'
import type { Context } from 'hono'
import { cors } from 'hono/cors'
import { secureHeaders } from 'hono/secure-headers'
import type { AppEnv } from './context.ts'
import { conditional } from './conditional.ts'
import { guards } from './guards.ts'
import { VERSION_HEADER, answerAgain, withIndex } from './index-middleware.ts'
import { observe } from './observe.ts'
import { Problem, problemResponse } from './problem.ts'
import { articleRoutes } from './routes/articles.ts'
import { healthRoutes } from './routes/health.ts'
import { pageRoutes } from './routes/pages.ts'
import { passageRoutes } from './routes/passages.ts'
import { searchRoutes } from './routes/search.ts'
import { IndexUnavailable, asFault } from '../store/index-unavailable.ts'
import { renderDocsPage } from '../pages/docs/docs-page.tsx'
import { resolveTry } from '../pages/docs/try-redirect.ts'

/** Turns a failed validation into a 400 naming the parameter and what is wrong with it. */
function invalid(issues: readonly { path: readonly PropertyKey[]; message: string }[]): Problem {
  const first = issues[0]
  const parameter = String(first?.path[0] ?? 'request')
  const why = issues.map((i) => `${String(i.path[0] ?? 'request')}: ${i.message}`).join('; ')
  return new Problem(400, `Invalid parameter "${parameter}" (${why}).`, { parameter })
}

/**
 * The `/docs` CSP: no script at all, styles only inline or from this origin, forms only to this origin
 * (the "Try it" forms), no framing.
 */
export const DOCS_CSP =
  "default-src 'none'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; form-action 'self'; base-uri 'none'; frame-ancestors 'none'"

/** The one configuration of the OpenAPI document, for `/openapi.json` and `/docs` alike. */
const OPENAPI_CONFIG = {
  openapi: '3.1.0',
  info: {
    title: 'wylb',
    version: '1',
    description:
      'Lookups and full-text search over Wikipedia-style articles, at the edge. Article text is from the wikis ' +
      'the index was built from (Wikipedia, a fan wiki, ...): every answer that carries it carries its ' +
      'attribution (publisher, licence, source).',
  },
} satisfies Parameters<typeof app.getOpenAPI31Document>[0]

const app = new OpenAPIHono<AppEnv>({
  defaultHook: (result) => {
    if (!result.success) throw invalid(result.error.issues)
  },
})

// First, so that every answer is timed and logged, the CORS preflight and every error included.
app.use('*', ...observe)
// Next, so that every answer carries them, the CORS preflight and every error included.
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
app.use('*', conditional)
app.use('/v1/*', withIndex())

// eslint-disable-next-line @typescript-eslint/no-unused-vars -- kept for its type: the client's AppType
const routes = app.route('/', articleRoutes).route('/', passageRoutes).route('/', searchRoutes).route('/', healthRoutes)

app.use('/openapi.json', async (c, next) => {
  await next()
  if (c.res.status === 200) c.header('cache-control', 'public, max-age=300')
})
app.doc31('/openapi.json', OPENAPI_CONFIG)

/** The document, built once per isolate on first use (the routes never change after start-up). */
let openApiDocument: ReturnType<typeof app.getOpenAPI31Document> | undefined
const openApi = () => (openApiDocument ??= app.getOpenAPI31Document(OPENAPI_CONFIG))
/**
 * Where the curl examples of `/docs` point: the `PUBLIC_ORIGIN` var when the deployment sets one, else
 * `npm start`'s. Never the request's Host header, which a client chooses and a shared cache would keep.
 */
export const DEFAULT_PUBLIC_ORIGIN = 'http://localhost:8787'
let docsPage: { origin: string; html: string } | undefined

app.get('/docs', (c) => {
  const origin = c.env.PUBLIC_ORIGIN?.replace(/\/+$/, '') || DEFAULT_PUBLIC_ORIGIN
  if (docsPage?.origin !== origin) docsPage = { origin, html: renderDocsPage(openApi(), { origin }) }
  return c.html(docsPage.html, 200, { 'content-security-policy': DOCS_CSP, 'cache-control': 'public, max-age=300' })
})
app.get('/docs/try', (c) => {
  const result = resolveTry(openApi(), new URL(c.req.url).searchParams)
  if ('error' in result) throw new Problem(400, result.error, { parameter: result.parameter })
  return c.redirect(result.location, 303)
})
app.route('/', pageRoutes)
app.get('/', (c) => c.redirect('/docs'))

app.notFound((c) =>
  problemResponse(new Problem(404, `No route answers ${c.req.method} ${c.req.path}. See /docs.`), c.req.path),
)

/** The request's execution context; `app.request` in a test has none. */
function executionContext(c: Context<AppEnv>): Parameters<typeof app.fetch>[2] {
  try {
    return c.executionCtx
  } catch {
    return undefined
  }
}

app.onError((thrown, c) => {
  const path = c.req.path
  const error = asFault(thrown, c.var.index?.version)
  if (error instanceof Problem) return problemResponse(error, path)
  if (error instanceof IndexUnavailable) {
    const again = answerAgain(c, error)
    if (again) return app.fetch(again, c.env, executionContext(c))
    return problemResponse(
      new Problem(503, error.message, { fault: error.fault, headers: { 'retry-after': '30' } }),
      path,
    )
  }
  console.error(`wylb: unexpected error on ${c.req.method} ${path}:`, error)
  return problemResponse(new Problem(500, 'The server failed to answer; the failure is logged.'), path)
})

export { VERSION_HEADER }
export type AppType = typeof routes
export default app
