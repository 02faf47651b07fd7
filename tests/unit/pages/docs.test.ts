import { describe, expect, it } from 'vitest'
import app from '../../../src/api/app.ts'
import { renderDocsPage } from '../../../src/pages/docs/docs-page.tsx'
import { operationsOf, type DocsDocument } from '../../../src/pages/docs/openapi-reader.ts'
import { resolveTry } from '../../../src/pages/docs/try-redirect.ts'

/** The real document, as `/openapi.json` serves it. */
const real = (await (await app.request('/openapi.json')).json()) as DocsDocument
const html = renderDocsPage(real, { origin: 'https://wylb.test' })

/** The forms of a page: their action and the names and values of their fields. */
function forms(page: string) {
  return [...page.matchAll(/<form\b([^>]*)>([\s\S]*?)<\/form>/g)].map((m) => ({
    action: /action="([^"]*)"/.exec(m[1] ?? '')?.[1],
    method: /method="([^"]*)"/.exec(m[1] ?? '')?.[1],
    body: m[2] ?? '',
    names: [...(m[2] ?? '').matchAll(/\sname="([^"]*)"/g)].map((n) => n[1]),
  }))
}

const HOSTILE = `<script>alert("x")</script>"'&`
const hostileDoc: DocsDocument = {
  info: { title: `T ${HOSTILE}`, version: `1${HOSTILE}`, description: `D ${HOSTILE} \`code <b>\`` },
  tags: [{ name: `Tag ${HOSTILE}`, description: `TD ${HOSTILE}` }],
  paths: {
    [`/x/{id}/"><img src=x onerror=alert(1)>`]: {
      get: {
        summary: `S ${HOSTILE}`,
        description: `OD ${HOSTILE}`,
        tags: [`Tag ${HOSTILE}`],
        parameters: [
          {
            name: 'id',
            in: 'path',
            required: true,
            description: `P ${HOSTILE}`,
            schema: { type: 'string', pattern: `^${HOSTILE}$`, example: `"><script>` },
          },
          {
            name: `q"><script>`,
            in: 'query',
            schema: { type: 'string', enum: [`a${HOSTILE}`, 'b'], default: `d${HOSTILE}` },
          },
        ],
        responses: {
          '200': {
            description: `R ${HOSTILE}`,
            content: { [`application/json${HOSTILE}`]: { schema: { $ref: `#/components/schemas/Evil` } } },
          },
        },
      },
    },
  },
  components: {
    schemas: {
      Evil: {
        type: 'object',
        description: `CD ${HOSTILE}`,
        properties: {
          [`p${HOSTILE}`]: { type: 'string', example: HOSTILE, description: `PD ${HOSTILE}` },
          self: { $ref: '#/components/schemas/Evil' },
        },
        required: [`p${HOSTILE}`],
      },
    },
  },
}

describe('renderDocsPage on the real document', () => {
  const ops = operationsOf(real)

  it('renders every operation, with its method, path, summary and anchor', () => {
    expect(ops.length).toBeGreaterThanOrEqual(11)
    for (const op of ops) {
      expect(html).toContain(`<section class="op" id="${op.id}"`)
      expect(html).toContain(`<code class="path">${op.path}</code>`)
      expect(html).toContain(`href="#${op.id}"`)
      if (op.summary) expect(html).toContain(op.summary.replace(/'/g, '&#39;'))
    }
    expect(html).toContain('/v1/search')
    expect(html).toContain('/v1/articles/{slug}')
  })

  it('shows parameters with their constraints, and response schemas with their properties', () => {
    // q's documented limit is the one clients are held to: characters, not the raw pre-check.
    expect(html).toContain('max length <code>256</code>')
    expect(html).toContain('default <code>10</code>')
    expect(html).toContain('one of <code>paragraph</code>')
    expect(html).toContain('pattern <code>^[a-z0-9]+(?:-[a-z0-9]+)*$</code>')
    expect(html).toContain('<code class="prop">results</code>')
    expect(html).toContain('href="#schema-searchanswer"')
    expect(html).toContain('id="schema-searchanswer"')
    expect(html).toContain('application/problem+json')
  })

  it('gives curl examples with the origin and example values', () => {
    expect(html).toContain('curl &#39;https://wylb.test/v1/articles/what-you-leave-behind&#39;')
    expect(html).toContain('curl &#39;https://wylb.test/v1/search?q=garak%20cardassia&#39;')
  })

  it('has a GET form per GET operation: query-only ones to their path, the others to /docs/try', () => {
    const all = forms(html)
    expect(all).toHaveLength(ops.filter((o) => o.method === 'get').length)
    for (const form of all) expect(form.method).toBe('get')
    const search = all.find((f) => f.action === '/v1/search')
    expect(search?.names).toEqual(expect.arrayContaining(['q', 'limit', 'offset', 'article', 'section', 'kind']))
    expect(search?.body).toContain('value="garak cardassia"')
    expect(search?.names).not.toContain('op')
    const one = all.find((f) => f.body.includes('value="/v1/articles/{slug}"'))
    expect(one?.action).toBe('/docs/try')
    expect(one?.names).toEqual(['op', 'slug'])
    expect(one?.body).toContain('value="what-you-leave-behind"')
    expect(all.find((f) => f.action === '/healthz')).toBeDefined()
  })

  it('links the OpenAPI document, the demo and an article, and carries no script', () => {
    expect(html).toContain('href="/openapi.json"')
    expect(html).toContain('href="/demo"')
    expect(html).toContain('href="/articles/what-you-leave-behind"')
    expect(html).not.toMatch(/<script/i)
    expect(html).not.toMatch(/\son[a-z]+=/i)
  })

  it('gives every element a unique id', () => {
    const ids = [...html.matchAll(/\sid="([^"]*)"/g)].map((m) => m[1])
    expect(new Set(ids).size).toBe(ids.length)
  })
})

describe('renderDocsPage on a hostile document', () => {
  const page = renderDocsPage(hostileDoc, { origin: 'https://wylb.test' })

  it('escapes every string from the document', () => {
    expect(page).not.toMatch(/<script/i)
    expect(page).not.toContain('<img')
    expect(page).not.toContain('"><img')
    expect(page).not.toContain('"><script')
    // No tag gains an attribute: with quoted values emptied, no tag has an event handler.
    expect(page.replace(/"[^"]*"/g, '""')).not.toMatch(/<[^>]*\sonerror=/i)
    expect(page).toContain('T &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&quot;&#39;&amp;')
    expect(page).toContain('<code>code &lt;b&gt;</code>')
    expect(page).toContain('<code class="prop">p&lt;script&gt;')
  })

  it('keeps the recursive schema finite and the curl URL one shell word', () => {
    expect(page).toContain('<code class="prop">self</code>')
    const curl = /<pre class="curl"><code>([^<]*)<\/code>/.exec(page)?.[1] ?? ''
    expect(curl.replace(/&#39;/g, "'")).toMatch(/^curl '[^']*'$/)
  })

  it('sends the path operation through /docs/try with the template escaped in the hidden field', () => {
    const [form] = forms(page)
    expect(form?.action).toBe('/docs/try')
    expect(form?.body).toContain('value="/x/{id}/&quot;&gt;&lt;img src=x onerror=alert(1)&gt;"')
  })
})

describe('resolveTry', () => {
  const q = (s: string) => new URLSearchParams(s)

  it('fills the path template, URL-encoding the values, and keeps known non-empty query parameters', () => {
    expect(resolveTry(real, q('op=/v1/articles/{slug}&slug=what-you-leave-behind'))).toEqual({
      location: '/v1/articles/what-you-leave-behind',
    })
    expect(resolveTry(real, q('op=/v1/passages/{id}&id=a/b?c#d'))).toEqual({ location: '/v1/passages/a%2Fb%3Fc%23d' })
    expect(resolveTry(real, q('op=/v1/articles/{slug}/sections/{id}&slug=x&id=plot'))).toEqual({
      location: '/v1/articles/x/sections/plot',
    })
    expect(resolveTry(real, q('op=/v1/search&q=garak&limit=&kind=note'))).toEqual({
      location: '/v1/search?q=garak&kind=note',
    })
  })

  it('refuses unknown operations, unknown, repeated or missing parameters', () => {
    expect(resolveTry(real, q('op=/nope'))).toMatchObject({ parameter: 'op' })
    expect(resolveTry(real, q(''))).toMatchObject({ parameter: 'op' })
    expect(resolveTry(real, q('op=/v1/search&op=/healthz'))).toMatchObject({ parameter: 'op' })
    expect(resolveTry(real, q('op=https://evil.example/'))).toMatchObject({ parameter: 'op' })
    expect(resolveTry(real, q('op=/v1/articles/{slug}&slug=x&evil=1'))).toMatchObject({ parameter: 'evil' })
    expect(resolveTry(real, q('op=/v1/articles/{slug}&slug=x&slug=y'))).toMatchObject({ parameter: 'slug' })
    expect(resolveTry(real, q('op=/v1/articles/{slug}&slug='))).toMatchObject({ parameter: 'slug' })
    expect(resolveTry(real, q('op=/v1/articles/{slug}'))).toMatchObject({ parameter: 'slug' })
    expect(resolveTry(real, q('op=/v1/search'))).toMatchObject({ parameter: 'q' })
  })
})
