/**
 * @module `/healthz`: which index version this isolate serves, whether it had to keep an older one, and
 * which pieces it last found wrong in KV.
 */
import { OpenAPIHono, createRoute, z } from '@hono/zod-openapi'
import type { AppEnv } from '../context.ts'
import { VERSION_HEADER, liveIndex, storeFor } from '../index-middleware.ts'
import { problems } from '../problem.ts'
import { REPAIR, pieceFaults } from '../../store/piece-faults.ts'

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
              aliases: z.number().int(),
              terms: z.number().int(),
            }),
            cache: z
              .object({
                entries: z.number().int(),
                bytes: z.number().int(),
                budget: z.number().int(),
                hits: z.number().int(),
                misses: z.number().int(),
              })
              .openapi({
                description: "This isolate's cache of index pieces (bytes are an estimate of their heap size).",
              }),
            fault: z
              .object({ fault: z.string(), message: z.string(), since: z.string() })
              .optional()
              .openapi({ description: 'Why a newer version could not be loaded while this one is still served.' }),
            pieces: z
              .array(z.object({ key: z.string(), fault: z.string(), message: z.string(), since: z.string() }))
              .optional()
              .openapi({
                description:
                  'Pieces this isolate last read from KV missing or not matching their hash; each is listed until a read of it is good.',
              }),
            repair: z
              .string()
              .optional()
              .openapi({ description: 'The command that repairs what KV holds, when pieces are listed.' }),
          }),
        },
      },
    },
    ...problems(503),
  },
})

export const healthRoutes = new OpenAPIHono<AppEnv>().openapi(health, async (c) => {
  const index = await liveIndex(c)
  const { fault } = storeFor(c.env).health
  const pieces = pieceFaults(c.env.INDEX)
  c.header('cache-control', 'no-store')
  c.header(VERSION_HEADER, index.version)
  return c.json({
    status: fault || pieces.length > 0 ? ('degraded' as const) : ('ok' as const),
    version: index.version,
    built_at: index.manifest.built_at,
    format: index.manifest.format,
    counts: index.manifest.counts,
    cache: (({ entries, bytes, budget, hits, misses }) => ({ entries, bytes, budget, hits, misses }))(index.cache()),
    ...(fault ? { fault } : {}),
    ...(pieces.length > 0 ? { pieces, repair: REPAIR } : {}),
  })
})
