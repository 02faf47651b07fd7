/** @module `/healthz`: which index version this isolate serves, and whether it had to keep an older one. */
import { OpenAPIHono, createRoute, z } from '@hono/zod-openapi'
import type { AppEnv } from '../context.ts'
import { VERSION_HEADER, liveIndex, storeFor } from '../index-middleware.ts'
import { problems } from '../problem.ts'

const health = createRoute({
  method: 'get',
  path: '/healthz',
  summary: 'Index version, build time and counts',
  tags: ['Operations'],
  responses: {
    200: {
      description: 'The index this isolate serves',
      content: {
        'application/json': {
          schema: z.object({
            status: z.enum(['ok', 'degraded']),
            version: z.string(),
            built_at: z.string(),
            format: z.number().int(),
            counts: z.object({
              articles: z.number().int(),
              sections: z.number().int(),
              passages: z.number().int(),
              references: z.number().int(),
              notes: z.number().int(),
            }),
            fault: z
              .object({ fault: z.string(), message: z.string(), since: z.string() })
              .optional()
              .openapi({ description: 'Why a newer version could not be loaded while this one is still served.' }),
          }),
        },
      },
    },
    ...problems(503),
  },
})

export const healthRoutes = new OpenAPIHono<AppEnv>().openapi(health, async (c) => {
  const index = await liveIndex(c.env)
  const { fault } = storeFor(c.env).health
  c.header('cache-control', 'no-store')
  c.header(VERSION_HEADER, index.version)
  return c.json({
    status: fault ? ('degraded' as const) : ('ok' as const),
    version: index.version,
    built_at: index.manifest.built_at,
    format: index.manifest.format,
    counts: index.manifest.counts,
    ...(fault ? { fault } : {}),
  })
})
