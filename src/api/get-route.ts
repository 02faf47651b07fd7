/** @module The OpenAPI definition of a GET route, as the lookup and search routes of the API declare it. */
import { createRoute, type RouteConfig, type z } from '@hono/zod-openapi'
import type { Context, TypedResponse } from 'hono'
import type { JSONParsed } from 'hono/utils/types'
import { problems } from './problem.ts'

/** A 200 answer of `schema`, as JSON. */
export const jsonAnswer = <T extends z.ZodType>(schema: T, description: string) => ({
  description,
  content: { 'application/json': { schema } },
})

/**
 * A 200 of JSON serialized earlier (the answer cache keeps answers as text), with the headers `c.json` gives,
 * typed as the answer `T` it holds.
 */
export function jsonText<T>(c: Context, json: string): Response & TypedResponse<JSONParsed<T>, 200, 'json'> {
  const res: Response = c.body(json, 200, { 'content-type': 'application/json' })
  return res as Response & TypedResponse<JSONParsed<T>, 200, 'json'>
}

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
