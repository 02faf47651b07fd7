/** @module Lookups of articles and their parts: `/v1/articles/...`. */
import { OpenAPIHono, createRoute, z } from '@hono/zod-openapi'
import type { Article } from '../../core/model.ts'
import type { AppEnv } from '../context.ts'
import { getRoute, jsonAnswer } from '../get-route.ts'
import { Problem, problems } from '../problem.ts'
import {
  ArticleSchema,
  ArticleSummarySchema,
  NoteSchema,
  ReferenceSchema,
  SectionSchema,
  SectionSummarySchema,
  SlugParam,
  withAttribution,
} from '../schemas.ts'

const SectionIdParam = z
  .string()
  .max(200, 'a section id is at most 200 characters')
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'a section id is lowercase letters, digits and single hyphens')
  .openapi({ param: { name: 'id', in: 'path' }, example: 'critical-reception' })

const ReferenceNumberParam = z
  .string()
  .regex(/^[1-9]\d{0,5}$/, 'a reference number is a whole number from 1')
  .transform(Number)
  .openapi({ param: { name: 'n', in: 'path' }, example: '1', type: 'integer' })

/**
 * A GET of one part of an article, `/v1/articles/{slug}/<path>`, answering `{ <name>: …, attribution }`:
 * 404 when the article or the part is not there.
 */
const articlePart = <Path extends string, S extends z.ZodType, Params extends z.ZodRawShape = Record<never, never>>(
  path: Path,
  summary: string,
  name: string,
  schema: S,
  params?: Params,
) =>
  getRoute('Articles', {
    path: `/v1/articles/{slug}/${path}`,
    summary,
    request: { params: z.object({ slug: SlugParam, ...(params as Params) }) },
    ok: jsonAnswer(withAttribution(name, schema), summary),
    problems: [400, 404, 503],
  })

const ListQuery = z.object({
  cursor: z
    .string()
    .regex(/^[0-9a-z]{1,12}$/, 'cursor is the `next` of the previous page')
    .optional()
    .openapi({ param: { name: 'cursor', in: 'query' }, description: 'The `next` of the previous page.' }),
  limit: z
    .string()
    .regex(/^\d{1,4}$/, 'limit is a whole number from 1 to 1000')
    .transform(Number)
    .refine((n) => n >= 1 && n <= 1000, 'limit is a whole number from 1 to 1000')
    .optional()
    .transform((n) => n ?? 100)
    .openapi({ param: { name: 'limit', in: 'query' }, type: 'integer', minimum: 1, maximum: 1000, default: 100 }),
  prefix: z
    .string()
    .min(1, 'prefix is empty: give the first letters of a title, or leave it out')
    .max(200, 'prefix is at most 200 characters')
    .optional()
    .openapi({
      param: { name: 'prefix', in: 'query' },
      description: 'Only titles starting with this (case-insensitive).',
      example: 'what',
    }),
})

const list = getRoute('Articles', {
  path: '/v1/articles',
  summary: 'List the articles, in title order, a page at a time',
  request: { query: ListQuery },
  ok: jsonAnswer(
    z.object({
      articles: z.array(ArticleSummarySchema),
      next: z
        .string()
        .optional()
        .openapi({ description: 'Pass as `cursor` for the next page; absent on the last page.' }),
    }),
    'Articles in title order',
  ),
  problems: [400, 503],
})
// Not getRoute: it also answers a redirect, which hono types only from a literal `responses`.
const one = createRoute({
  method: 'get',
  path: '/v1/articles/{slug}',
  summary: 'An article: the whole model',
  tags: ['Articles'],
  request: { params: z.object({ slug: SlugParam }) },
  responses: {
    200: jsonAnswer(ArticleSchema, 'An article: the whole model'),
    308: { description: 'The slug is an alias (a redirect page of the wiki): Location is the canonical article URL.' },
    ...problems(400, 404, 503),
  },
})
const sections = articlePart(
  'sections',
  "An article's sections, without their passages",
  'sections',
  z.array(SectionSummarySchema),
)
const section = articlePart('sections/{id}', 'One section with its passages', 'section', SectionSchema, {
  id: SectionIdParam,
})
const references = articlePart('references', "An article's references", 'references', z.array(ReferenceSchema))
const reference = articlePart('references/{n}', 'One reference, by its number', 'reference', ReferenceSchema, {
  n: ReferenceNumberParam,
})
const notes = articlePart('notes', "An article's notes", 'notes', z.array(NoteSchema))

async function articleOr404(c: { get(key: 'index'): AppEnv['Variables']['index'] }, slug: string): Promise<Article> {
  const article = await c.get('index').article(slug)
  if (!article) throw new Problem(404, `No article has the slug "${slug}". GET /v1/articles lists them.`)
  return article
}

export const articleRoutes = new OpenAPIHono<AppEnv>()
  .openapi(list, async (c) => {
    const { cursor, limit, prefix } = c.req.valid('query')
    const index = c.get('index')
    // A cursor is a position in the title order, and a page gives one only while articles remain.
    if (cursor !== undefined && Number.parseInt(cursor, 36) >= index.manifest.catalog.articles) {
      throw new Problem(
        400,
        `cursor "${cursor}" is past the last article: pass the \`next\` of the previous page, or no cursor for the first.`,
      )
    }
    const page = await index.list({ cursor, limit, prefix })
    return c.json(
      {
        articles: page.articles.map((a) => ({ ...a, url: `/v1/articles/${a.slug}` })),
        ...(page.next ? { next: page.next } : {}),
      },
      200,
    )
  })
  .openapi(one, async (c) => {
    const { slug } = c.req.valid('param')
    const index = c.get('index')
    const article = await index.article(slug)
    if (article) return c.json(article, 200)
    const canonical = await index.alias(slug)
    if (canonical) return c.redirect(`/v1/articles/${canonical}`, 308)
    throw new Problem(404, `No article has the slug "${slug}". GET /v1/articles lists them.`)
  })
  .openapi(sections, async (c) => {
    const { slug } = c.req.valid('param')
    const article = await articleOr404(c, slug)
    return c.json({
      sections: article.sections.map(({ passages, ...s }) => ({
        ...s,
        passage_count: passages.length,
        url: `/v1/articles/${slug}/sections/${s.id}`,
      })),
      attribution: article.attribution,
    })
  })
  .openapi(section, async (c) => {
    const { slug, id } = c.req.valid('param')
    const article = await articleOr404(c, slug)
    const found = article.sections.find((s) => s.id === id)
    if (!found) {
      throw new Problem(
        404,
        `"${slug}" has no section "${id}". Its sections: ${article.sections.map((s) => s.id).join(', ')}.`,
      )
    }
    return c.json({ section: found, attribution: article.attribution })
  })
  .openapi(references, async (c) => {
    const article = await articleOr404(c, c.req.valid('param').slug)
    return c.json({ references: article.references, attribution: article.attribution })
  })
  .openapi(reference, async (c) => {
    const { slug, n } = c.req.valid('param')
    const article = await articleOr404(c, slug)
    const found = article.references.find((r) => r.n === n)
    if (!found)
      throw new Problem(
        404,
        `"${slug}" has no reference ${n}; its references are numbered 1 to ${article.references.length}.`,
      )
    return c.json({ reference: found, attribution: article.attribution })
  })
  .openapi(notes, async (c) => {
    const article = await articleOr404(c, c.req.valid('param').slug)
    return c.json({ notes: article.notes, attribution: article.attribution })
  })
