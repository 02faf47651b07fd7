/** @module The OpenAPI definition of a GET route, as the lookup and search routes of the API declare it. */
import { createRoute, type RouteConfig, type z } from '@hono/zod-openapi'
import { problems } from './problem.ts'

/** A 200 answer of `schema`, as JSON. */
export const jsonAnswer = <T extends z.ZodType>(schema: T, description: string) => ({
  description,
  content: { 'application/json': { schema } },
})

export interface GetRouteSpec<Path extends string, Request extends NonNullable<RouteConfig['request']>, T> {
  path: Path
  summary: string
  request: Request
  /** What a 200 answers with (see jsonAnswer). */
  ok: T
  /** The problem statuses it may answer with (problem+json). */
  problems: number[]
}

export function getRoute<
  Path extends string,
  Request extends NonNullable<RouteConfig['request']>,
  T extends ReturnType<typeof jsonAnswer>,
>(tag: string, spec: GetRouteSpec<Path, Request, T>) {
  return createRoute({
    method: 'get',
    path: spec.path,
    summary: spec.summary,
    tags: [tag],
    request: spec.request,
    responses: { 200: spec.ok, ...problems(...spec.problems) },
  })
}
