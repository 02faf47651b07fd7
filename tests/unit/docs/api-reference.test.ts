/**
 * docs/api.md is the API reference rendered from the OpenAPI document the Worker serves: it lists every
 * operation, parameter, response and schema of that document, and the committed file is what
 * `npm run docs:api` writes from the current routes.
 */
import { execFileSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { API_REFERENCE_COMMAND, renderApiReference } from '../../../tools/api-reference.ts'
import { servedOpenApiDocument } from '../../../tools/served-openapi.ts'

const committed = readFileSync(new URL('../../../docs/api.md', import.meta.url), 'utf8')
const doc = await servedOpenApiDocument()
const rendered = renderApiReference(doc)

type Obj = Record<string, any>

describe('docs/api.md', () => {
  it('is what the generator writes from the served /openapi.json', () => {
    // A failure here means a route or schema changed: regenerate rather than edit by hand.
    expect(committed, `docs/api.md is stale: run \`${API_REFERENCE_COMMAND}\` and commit it`).toBe(rendered)
  })

  it('is written by its script in plain Node, which loads the app and its pages as the Worker does', () => {
    const out = execFileSync('npx', ['tsx', 'scripts/api-docs.ts', '--check'], { encoding: 'utf8' })
    expect(out).toContain('docs/api.md is up to date')
  }, 60_000)

  it('renders the same document to the same text', () => {
    expect(renderApiReference(structuredClone(doc))).toBe(rendered)
  })

  it('has a section for every operation, with each parameter and response status', () => {
    for (const [path, item] of Object.entries(doc.paths as Obj)) {
      for (const [method, op] of Object.entries(item as Obj)) {
        const start = rendered.indexOf(`\n### ${method.toUpperCase()} ${path}\n`)
        expect(start, `${method} ${path}`).toBeGreaterThan(0)
        const section = rendered.slice(start, rendered.indexOf('\n### ', start + 1))
        expect(section).toContain((op as Obj).summary)
        for (const p of (op as Obj).parameters ?? []) expect(section).toContain(`| \`${p.name}\` | ${p.in} |`)
        for (const status of Object.keys((op as Obj).responses)) expect(section).toContain(`\n| ${status} |`)
      }
    }
  })

  it('has a section for every component schema, with each of its fields', () => {
    for (const [name, schema] of Object.entries(doc.components?.schemas as Obj)) {
      const start = rendered.indexOf(`\n### ${name}\n`)
      expect(start, name).toBeGreaterThan(0)
      const section = rendered.slice(start, rendered.indexOf('\n### ', start + 1) >>> 0 || undefined)
      for (const field of Object.keys((schema as Obj).properties ?? {})) expect(section).toContain(`| \`${field}\` |`)
    }
  })

  it('links every schema it names to that schema’s section', () => {
    const anchors = new Set(
      [...rendered.matchAll(/^#+ (.+)$/gm)].map((m) =>
        m[1]!
          .toLowerCase()
          .replace(/[^a-z0-9 -]/g, '')
          .replace(/ /g, '-'),
      ),
    )
    for (const [, anchor] of rendered.matchAll(/\]\(#([^)]+)\)/g)) expect(anchors, anchor).toContain(anchor)
  })
})

describe('renderApiReference', () => {
  const tiny = {
    info: { title: 'tiny', version: '2' },
    paths: {
      '/things/{id}': {
        get: {
          summary: 'A thing | with a pipe',
          tags: ['Things'],
          parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string', pattern: 'a|b' } }],
          responses: {
            '200': {
              description: 'The thing',
              content: { 'application/json': { schema: { $ref: '#/components/schemas/Thing' } } },
            },
          },
        },
      },
    },
    components: {
      schemas: {
        Thing: {
          type: 'object',
          properties: {
            snippet: { type: 'string', description: 'Matched words in <mark>…</mark>, code like `<b>` kept.' },
            size: { type: ['integer', 'null'], minimum: 0 },
          },
          required: ['snippet'],
        },
      },
    },
  }
  const md = renderApiReference(tiny)

  it('keeps table cells whole: pipes escaped, in text and in code', () => {
    expect(md).toContain('| GET | [`/things/{id}`](#get-thingsid) | A thing \\| with a pipe |')
    expect(md).toContain('pattern `a\\|b`')
  })

  it('shows HTML in descriptions as text, and code spans as they are', () => {
    expect(md).toContain('Matched words in &lt;mark&gt;…&lt;/mark&gt;, code like `<b>` kept.')
  })

  it('names nullable types and their bounds, and which fields are required', () => {
    expect(md).toContain('| `snippet` | string | yes |')
    expect(md).toContain('| `size` | integer or null | no | min `0` |')
  })
})
