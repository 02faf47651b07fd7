/**
 * @module The HTML pages: the article (the default target of result links) and the demo page. Both load
 * the widget from its content-hashed URL, which Workers Static Assets serve (public/, scripts/build-widget.ts).
 */
import { Hono } from 'hono'
import { renderArticlePage } from '../../pages/article.tsx'
import { renderDemoPage } from '../../pages/demo.tsx'
import { WIDGET_HASH } from '../../generated/widget.ts'
import type { AppEnv } from '../context.ts'
import { withIndex } from '../index-middleware.ts'
import { Problem } from '../problem.ts'
import { SlugParam } from '../schemas.ts'

const WIDGET_PATH = `/widget.${WIDGET_HASH}.js`

/** Pages run no inline script and reach nothing but this origin. */
export const PAGE_CSP =
  "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; " +
  "connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"

export const pageRoutes = new Hono<AppEnv>()
  .get('/demo', (c) =>
    c.html(renderDemoPage({ widgetSrc: WIDGET_PATH }), 200, {
      'content-security-policy': PAGE_CSP,
      'cache-control': 'public, max-age=300',
    }),
  )
  // An article page changes with the index version and with the widget bundle it loads: both are its ETag.
  // A malformed slug is the caller's mistake whatever the index's state: it is refused before the index loads.
  .use('/articles/:slug', async (c, next) => {
    if (!SlugParam.safeParse(c.req.param('slug')).success) {
      throw new Problem(400, 'Invalid parameter "slug" (a slug is lowercase letters, digits and single hyphens).', {
        parameter: 'slug',
      })
    }
    await next()
  })
  .use('/articles/:slug', withIndex(WIDGET_HASH))
  .get('/articles/:slug', async (c) => {
    const slug = c.req.param('slug')
    const article = await c.get('index').article(slug)
    if (!article) throw new Problem(404, `No article has the slug "${slug}". GET /v1/articles lists them.`)
    return c.html(renderArticlePage(article, { widgetSrc: WIDGET_PATH }), 200, { 'content-security-policy': PAGE_CSP })
  })
