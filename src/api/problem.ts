/**
 * @module Errors as RFC 9457 problem details (`application/problem+json`). Routes throw a `Problem`;
 * the app's one error handler turns it, and anything else, into a response.
 */
import { z } from '@hono/zod-openapi'

export const PROBLEM_TYPE = 'application/problem+json'

export const ProblemSchema = z
  .object({
    type: z.string().openapi({ example: '/problems/not-found' }),
    title: z.string().openapi({ example: 'Not found' }),
    status: z.number().int().openapi({ example: 404 }),
    detail: z.string().openapi({ example: 'No article has the slug "voyager".' }),
    instance: z.string().optional().openapi({ example: '/v1/articles/voyager' }),
    fault: z.string().optional().openapi({ description: 'For 503s: which fault keeps the index from being served.' }),
    parameter: z.string().optional().openapi({ description: 'For 400s: the request parameter at fault.' }),
  })
  .openapi('Problem')

export type ProblemBody = z.infer<typeof ProblemSchema>

const TITLES: Record<number, string> = {
  400: 'Bad request',
  404: 'Not found',
  405: 'Method not allowed',
  413: 'Content too large',
  414: 'URI too long',
  429: 'Too many requests',
  500: 'Internal error',
  503: 'Index unavailable',
}

const TYPES: Record<number, string> = {
  400: 'bad-request',
  404: 'not-found',
  405: 'method-not-allowed',
  413: 'content-too-large',
  414: 'uri-too-long',
  429: 'rate-limited',
  500: 'internal',
  503: 'index-unavailable',
}

export class Problem extends Error {
  constructor(
    readonly status: number,
    readonly detail: string,
    readonly extra: { parameter?: string; fault?: string; headers?: Record<string, string> } = {},
  ) {
    super(detail)
    this.name = 'Problem'
  }
}

/** The response for a problem, its body shaped once here for every route. */
export function problemResponse(problem: Problem, instance: string): Response {
  const body: ProblemBody = {
    type: `/problems/${TYPES[problem.status] ?? 'error'}`,
    title: TITLES[problem.status] ?? 'Error',
    status: problem.status,
    detail: problem.detail,
    instance,
    ...(problem.extra.parameter ? { parameter: problem.extra.parameter } : {}),
    ...(problem.extra.fault ? { fault: problem.extra.fault } : {}),
  }
  return new Response(JSON.stringify(body), {
    status: problem.status,
    headers: { 'content-type': PROBLEM_TYPE, 'cache-control': 'no-store', ...problem.extra.headers },
  })
}

/** OpenAPI entries for the error statuses a route declares. */
export function problems(...statuses: number[]) {
  return Object.fromEntries(
    statuses.map((status) => [
      status,
      { description: TITLES[status] ?? 'Error', content: { [PROBLEM_TYPE]: { schema: ProblemSchema } } },
    ]),
  )
}
