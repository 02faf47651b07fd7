/**
 * Writes docs/api.md (or with `--check`, says whether it is current), the API reference, from the OpenAPI document the Worker serves (`npm run docs:api`).
 * tests/unit/docs/api-reference.test.ts fails while the committed file differs from what this writes.
 */
import { readFileSync, writeFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'
import { renderApiReference } from '../tools/api-reference.ts'
import { servedOpenApiDocument } from '../tools/served-openapi.ts'

const target = fileURLToPath(new URL('../docs/api.md', import.meta.url))
const { values } = parseArgs({ options: { check: { type: 'boolean', default: false } } })
const markdown = renderApiReference(await servedOpenApiDocument())
if (values.check) {
  if (readFileSync(target, 'utf8') !== markdown) {
    console.error('wylb: docs/api.md is stale: run `npm run docs:api` and commit it')
    process.exit(1)
  }
  console.log('wylb: docs/api.md is up to date')
  process.exit(0)
}
writeFileSync(target, markdown)
console.log(`wylb: wrote docs/api.md (${(Buffer.byteLength(markdown) / 1024).toFixed(1)} KB)`)
