/** @module `/v1/search` and `/v1/suggest`: validate, ask the search core, shape the answer. */
import { OpenAPIHono, z } from '@hono/zod-openapi'
import { PASSAGE_KINDS } from '../../core/model.ts'
import { QueryError, canonicalQuery } from '../../core/search/index.ts'
import type { Searcher } from '../../core/search/index.ts'
import { timeEngine } from '../../meter.ts'
import type { AppEnv } from '../context.ts'
import { getRoute, jsonAnswer } from '../get-route.ts'
import { Problem } from '../problem.ts'
import { answerField } from '../../core/search/field-answer.ts'
import type { Article } from '../../core/model.ts'
import { AttributionSchema, ExpansionSchema, FieldAnswerSchema } from '../schemas.ts'
import { SearchQuery, SuggestQuery } from '../search-params.ts'
import { cachedJson, jsonText } from '../edge-cache.ts'

const PassageHitSchema = z
  .object({
    id: z.string().openapi({ example: 'what-you-leave-behind:plot-1' }),
    article: z.object({ slug: z.string(), title: z.string() }),
    section: z.object({ id: z.string(), title: z.string() }),
    kind: z.enum(PASSAGE_KINDS),
    score: z.number(),
    snippet: z.string().openapi({
      description:
        'The best window of the passage, HTML-escaped, with matched words in <mark>…</mark> and no other markup.',
      example: 'Kira, <mark>Garak</mark> and Damar, hiding on Cardassia Prime, incite a revolt…',
    }),
    url: z.string().openapi({ example: '/v1/passages/what-you-leave-behind:plot-1' }),
  })
  .openapi('PassageHit')

const SearchHitSchema = PassageHitSchema.extend({
  sub_results: z
    .array(PassageHitSchema)
    .optional()
    .openapi({ description: "With `group=article`: the article's next best passages (at most 3), best first." }),
}).openapi('SearchHit')

const FacetCountSchema = z
  .object({ value: z.string(), title: z.string().optional(), count: z.number().int() })
  .openapi('FacetCount')

const FacetsSchema = z
  .object({
    articles: z
      .array(FacetCountSchema)
      .openapi({ description: 'Passages per article (value: slug), most first, at most 20.' }),
    kinds: z.array(FacetCountSchema).openapi({ description: 'Passages per passage kind.' }),
    categories: z.array(FacetCountSchema).openapi({ description: 'Passages per category of their article.' }),
    counted: z.number().int().openapi({ description: 'The ranked passages counted: all, or the best 2000.' }),
    approximate: z.literal(true).optional().openapi({
      description:
        'Present when not every passage of the result set was counted: more than 2000 matched, or the answer is `approximate`.',
    }),
  })
  .openapi('Facets', { description: 'Counts of the result set (before paging) by article, passage kind and category.' })

const SearchAnswerSchema = z
  .object({
    query: z
      .string()
      .openapi({ description: 'The query as understood: control characters dropped, spacing normalized.' }),
    answer: FieldAnswerSchema.optional(),
    total: z.number().int(),
    limit: z.number().int(),
    offset: z.number().int(),
    results: z.array(SearchHitSchema),
    expansions: z.array(ExpansionSchema).optional(),
    facets: FacetsSchema.optional(),
    suggestion: z
      .string()
      .optional()
      .openapi({ description: 'Did you mean: the corrected query, when few or no passages match.' }),
    approximate: z
      .literal(true)
      .optional()
      .openapi({
        description:
          'Present on large corpora when frequent words were searched in their best passages only (by what each scores for the word), ' +
          'because those filled the page: `total` then counts those passages, a lower bound. A later page or a filter ' +
          'that they cannot fill reads every passage. Also present when a word the index lacks was matched against ' +
          'the most frequent words of its length only (a typo of a rare word is then left uncorrected), or when some ' +
          'completions of a short last word were left out because their postings lie in too many pieces.',
      }),
    attributions: z
      .array(AttributionSchema)
      .openapi({ description: 'The attribution of each article whose text the results quote.' }),
  })
  .openapi('SearchAnswer')

type SearchAnswer = z.infer<typeof SearchAnswerSchema>

const search = getRoute('Search', {
  path: '/v1/search',
  summary: 'Full-text search over every passage',
  request: { query: SearchQuery },
  ok: jsonAnswer(SearchAnswerSchema, 'Passages, best first'),
  problems: [400, 503],
})

const suggest = getRoute('Search', {
  path: '/v1/suggest',
  summary: 'Completions of the last word, for autocomplete',
  request: { query: SuggestQuery },
  ok: jsonAnswer(
    z.object({ query: z.string(), suggestions: z.array(z.string()).openapi({ example: ['epsicokhan'] }) }),
    'Completions, most frequent first',
  ),
  problems: [400, 503],
})

async function checkFilters(engine: Searcher, params: z.infer<typeof SearchQuery>): Promise<void> {
  // Articles are too many to list: an unknown one points to the list instead.
  if (params.article !== undefined && !(await engine.lookup(params.article))) {
    throw new Problem(400, `Unknown article "${params.article}". GET /v1/articles lists them.`, {
      parameter: 'article',
    })
  }
  if (params.section !== undefined) {
    const valid = await engine.sections()
    if (!valid.includes(params.section)) {
      throw new Problem(400, `Unknown section "${params.section}". Valid sections: ${valid.join(', ')}.`, {
        parameter: 'section',
      })
    }
  }
}

/** Checks the filters, asks the engine and shapes its answer for the API. */
async function runSearch(
  engine: Searcher,
  article: (slug: string) => Promise<Article | undefined>,
  params: z.infer<typeof SearchQuery>,
): Promise<SearchAnswer> {
  await checkFilters(engine, params)
  try {
    const answer = await engine.search(params)
    // The field answer heads the first page only.
    const field =
      params.offset === 0
        ? await answerField(
            params.q,
            engine,
            article,
            answer.results.map((hit) => hit.article.slug),
          )
        : null
    return {
      query: answer.query,
      ...(field ? { answer: field } : {}),
      total: answer.total,
      limit: params.limit,
      offset: params.offset,
      results: answer.results.map(({ sub_results, ...hit }) => ({
        ...hit,
        url: `/v1/passages/${hit.id}`,
        ...(sub_results ? { sub_results: sub_results.map((sub) => ({ ...sub, url: `/v1/passages/${sub.id}` })) } : {}),
      })),
      ...(answer.suggestion ? { suggestion: answer.suggestion } : {}),
      ...(answer.approximate ? { approximate: true as const } : {}),
      ...(answer.expansions ? { expansions: answer.expansions } : {}),
      ...(answer.facets ? { facets: answer.facets } : {}),
      attributions: answer.attributions,
    }
  } catch (error) {
    if (error instanceof QueryError) throw new Problem(400, error.message, { parameter: 'q' })
    throw error
  }
}

export const searchRoutes = new OpenAPIHono<AppEnv>()
  .openapi(search, async (c) => {
    // Case carries no meaning in a query: "GaRaK" and "garak" are one query, one cache entry, one answer.
    const valid = c.req.valid('query')
    const params = { ...valid, q: valid.q.toLowerCase() }
    const index = c.get('index')
    const key = { v: index.version, ...params, q: canonicalQuery(params.q) }
    const engine = await index.search()
    const json = await cachedJson(c, key, () =>
      timeEngine(() => runSearch(engine, (slug) => index.article(slug), params)),
    )
    return jsonText<SearchAnswer>(c, json)
  })
  .openapi(suggest, async (c) => {
    const { q, limit } = c.req.valid('query')
    const engine = await c.get('index').search()
    return c.json({ query: q, suggestions: await timeEngine(() => engine.suggest(q, limit)) })
  })
