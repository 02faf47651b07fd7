/**
 * Writes docs/api.md, the API reference, from the OpenAPI document the Worker serves (`npm run docs:api`).
 * tests/unit/docs/api-reference.test.ts fails while the committed file differs from what this writes.
 */
import { writeFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { renderApiReference } from '../tools/api-reference.ts'
import { servedOpenApiDocument } from '../tools/served-openapi.ts'

const target = fileURLToPath(new URL('../docs/api.md', import.meta.url))
const markdown = renderApiReference(await servedOpenApiDocument())
writeFileSync(target, markdown)
console.log(`wylb: wrote docs/api.md (${(Buffer.byteLength(markdown) / 1024).toFixed(1)} KB)`)
