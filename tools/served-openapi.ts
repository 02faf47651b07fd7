/**
 * @module The OpenAPI document exactly as the Worker serves it at `/openapi.json`, asked of the Hono app
 * in Node (the document needs no binding). Run `npm run build:widget` first: the app imports the bundle.
 */
import type { DocsDocument } from '../src/pages/docs/openapi-reader.ts'
import './node/css-as-text.ts'

export async function servedOpenApiDocument(): Promise<DocsDocument> {
  // Imported here, not above: the pages' .css imports need the hook registered first.
  const { default: app } = await import('../src/api/app.ts')
  const response = await app.request('/openapi.json')
  if (!response.ok) throw new Error(`wylb: /openapi.json answered ${response.status}`)
  return (await response.json()) as DocsDocument
}
