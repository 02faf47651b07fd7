/** @module `/v1/search` and `/v1/suggest`: validate, ask the search core, shape the answer. */
import { OpenAPIHono, createRoute, z } from '@hono/zod-openapi'
import { PASSAGE_KINDS } from '../../core/model.ts'
import { QueryError, canonicalQuery, type SearchEngine } from '../../core/search/index.ts'
import type { AppEnv } from '../context.ts'
import { Problem, problems } from '../problem.ts'
import { AttributionSchema } from '../schemas.ts'
import type { Manifest } from '../../store/layout.ts'
import { SearchQuery, SuggestQuery } from '../search-params.ts'
import { cachedJson } from '../edge-cache.ts'

const SearchHitSchema = z
  .object({
    id: z.string().openapi({ example: 'what-you-leave-behind:plot-1' }),
    article: z.object({ slug: z.string(), title: z.string() }),
    section: z.object({ id: z.string(), title: z.string() }),
    kind: z.enum(PASSAGE_KINDS),
    score: z.number(),
    snippet: z.string().openapi({
      description: 'The best window of the passage, HTML-escaped, with matched words in <mark>…</mark> and no other markup.',
      example: 'Kira, <mark>Garak</mark> and Damar, hiding on Cardassia Prime, incite a revolt…',
    }),
    url: z.string().openapi({ example: '/v1/passages/what-you-leave-behind:plot-1' }),
  })
  .openapi('SearchHit')

const SearchAnswerSchema = z
  .object({
    query: z.string().openapi({ description: 'The query as understood: control characters dropped, spacing normalized.' }),
    total: z.number().int(),
    limit: z.number().int(),
    offset: z.number().int(),
    results: z.array(SearchHitSchema),
    suggestion: z.string().optional().openapi({ description: 'Did you mean: the corrected query, when few or no passages match.' }),
    attributions: z
      .array(AttributionSchema)
      .openapi({ description: 'The attribution of each article whose text the results quote.' }),
  })
  .openapi('SearchAnswer')

const search = createRoute({
  method: 'get',
  path: '/v1/search',
  summary: 'Full-text search over every passage',
  tags: ['Search'],
  request: { query: SearchQuery },
  responses: {
    200: { description: 'Passages, best first', content: { 'application/json': { schema: SearchAnswerSchema } } },
    ...problems(400, 503),
  },
})

const suggest = createRoute({
  method: 'get',
  path: '/v1/suggest',
  summary: 'Completions of the last word, for autocomplete',
  tags: ['Search'],
  request: { query: SuggestQuery },
  responses: {
    200: {
      description: 'Completions, most frequent first',
      content: {
        'application/json': {
          schema: z.object({ query: z.string(), suggestions: z.array(z.string()).openapi({ example: ['epsicokhan'] }) }),
        },
      },
    },
    ...problems(400, 503),
  },
})

function checkFilter(name: 'article' | 'section', value: string | undefined, valid: string[]): void {
  if (value !== undefined && !valid.includes(value)) {
    throw new Problem(400, `Unknown ${name} "${value}". Valid ${name}s: ${valid.join(', ')}.`, { parameter: name })
  }
}

function attributionsOf(manifest: Manifest, slugs: string[]) {
  const wanted = new Set(slugs)
  return manifest.articles.filter((a) => wanted.has(a.slug)).map((a) => a.attribution)
}

function runSearch(engine: SearchEngine, manifest: Manifest, params: z.infer<typeof SearchQuery>) {
  checkFilter('article', params.article, engine.facets.articles)
  checkFilter('section', params.section, engine.facets.sections)
  try {
    const answer = engine.search(params)
    return {
      query: answer.query,
      total: answer.total,
      limit: params.limit,
      offset: params.offset,
      results: answer.results.map((hit) => ({ ...hit, url: `/v1/passages/${hit.id}` })),
      ...(answer.suggestion ? { suggestion: answer.suggestion } : {}),
      attributions: attributionsOf(manifest, answer.results.map((hit) => hit.article.slug)),
    }
  } catch (error) {
    if (error instanceof QueryError) throw new Problem(400, error.message, { parameter: 'q' })
    throw error
  }
}

export const searchRoutes = new OpenAPIHono<AppEnv>()
  .openapi(search, async (c) => {
    const params = c.req.valid('query')
    const index = c.get('index')
    const key = { v: index.version, ...params, q: canonicalQuery(params.q) }
    const body = await cachedJson(c, key, async () => runSearch(await index.search(), index.manifest, params))
    return c.json(body as z.infer<typeof SearchAnswerSchema>)
  })
  .openapi(suggest, async (c) => {
    const { q, limit } = c.req.valid('query')
    const engine = await c.get('index').search()
    return c.json({ query: q, suggestions: engine.suggest(q, limit) })
  })
