/**
 * @module `/docs/try`: where the page's "Try it" forms for operations with path parameters go. It turns
 * the submitted form into a redirect to the filled URL, or says what is wrong. Pure: no Hono or Workers imports.
 */
import { type DocsDocument, fillPath, operationsOf } from './openapi-reader.ts'

/** Where `/docs/try` forms post, and the hidden field naming the operation's path template. */
export const TRY_PATH = '/docs/try'
export const TRY_OP_FIELD = 'op'

export type TryResult = { location: string } | { error: string; parameter: string }

/**
 * What `/docs/try` answers for a submitted form: the filled URL of a GET operation of the document, or
 * why not. `op` must name one of the document's GET path templates; each `{param}` takes its submitted
 * value, URL-encoded (it must be there and not empty); the operation's known query parameters follow,
 * empty ones left out; anything else (an unknown or repeated parameter) is refused.
 */
export function resolveTry(doc: DocsDocument, query: URLSearchParams): TryResult {
  const ops = new Map(
    operationsOf(doc)
      .filter((o) => o.method === 'get')
      .map((o) => [o.path, o]),
  )
  const opValues = query.getAll(TRY_OP_FIELD)
  if (opValues.length !== 1)
    return {
      error: `Give exactly one "${TRY_OP_FIELD}": the path template of a GET operation.`,
      parameter: TRY_OP_FIELD,
    }
  const op = ops.get(opValues[0] as string)
  if (!op) {
    return {
      error: `"${TRY_OP_FIELD}" is not the path of a GET operation of this API; see /openapi.json for them.`,
      parameter: TRY_OP_FIELD,
    }
  }
  const known = new Map(op.params.filter((p) => p.in === 'path' || p.in === 'query').map((p) => [p.name, p]))
  const names = new Set<string>()
  for (const name of query.keys()) {
    if (name === TRY_OP_FIELD || names.has(name)) continue
    names.add(name)
    if (!known.has(name)) return { error: `Unknown parameter "${name}" for GET ${op.path}.`, parameter: name }
    if (query.getAll(name).length > 1) return { error: `Parameter "${name}" is given more than once.`, parameter: name }
  }
  const missing: string[] = []
  const path = fillPath(op.path, (name) => {
    const v = known.get(name)?.in === 'path' ? (query.get(name) ?? '') : ''
    if (!v) missing.push(name)
    return v
  })
  const absent = missing[0]
  if (absent !== undefined) return { error: `Path parameter "${absent}" is required.`, parameter: absent }
  const search = new URLSearchParams()
  for (const p of op.params) {
    if (p.in !== 'query') continue
    const v = query.get(p.name)
    if (v) search.set(p.name, v)
    else if (p.required) return { error: `Query parameter "${p.name}" is required.`, parameter: p.name }
  }
  const qs = search.toString()
  return { location: qs ? `${path}?${qs}` : path }
}
