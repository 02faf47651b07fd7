/** @module `/v1/passages/:id`: one passage, the unit search finds, with where it sits. */
import { OpenAPIHono, z } from '@hono/zod-openapi'
import type { AppEnv } from '../context.ts'
import { getRoute, jsonAnswer } from '../get-route.ts'
import { Problem } from '../problem.ts'
import { AttributionSchema, PassageSchema } from '../schemas.ts'

const PassageIdParam = z
  .string()
  .max(300, 'a passage id is at most 300 characters')
  .regex(/^[a-z0-9-]+:[a-z0-9_-]+$/, 'a passage id is `<article slug>:<local id>`, e.g. what-you-leave-behind:plot-1')
  .openapi({ param: { name: 'id', in: 'path' }, example: 'what-you-leave-behind:plot-1' })

const passage = getRoute('Passages', {
  path: '/v1/passages/{id}',
  summary: 'One passage, with its section and article',
  request: { params: z.object({ id: PassageIdParam }) },
  ok: jsonAnswer(
    z.object({
      passage: PassageSchema,
      section: z.object({ id: z.string(), title: z.string(), url: z.string() }),
      article: z.object({ slug: z.string(), title: z.string(), url: z.string() }),
      attribution: AttributionSchema,
    }),
    'The passage',
  ),
  problems: [400, 404, 503],
})

export const passageRoutes = new OpenAPIHono<AppEnv>().openapi(passage, async (c) => {
  const { id } = c.req.valid('param')
  const index = c.get('index')
  const found = await index.passage(id)
  const article = found && (await index.article(found.article))
  const section = article?.sections.find((s) => s.id === found?.section)
  if (!found || !article || !section) throw new Problem(404, `No passage has the id "${id}".`)
  return c.json({
    passage: found,
    section: { id: section.id, title: section.title, url: `/v1/articles/${article.slug}/sections/${section.id}` },
    article: { slug: article.slug, title: article.title, url: `/v1/articles/${article.slug}` },
    attribution: article.attribution,
  })
})
