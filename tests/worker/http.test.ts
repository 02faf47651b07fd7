/**
 * HTTP hygiene, in workerd: secure headers on every answer (errors and preflights too), strict CSPs
 * on the HTML pages, CORS open for reads, HEAD on every GET route, and every other method refused.
 */
import { exports } from 'cloudflare:workers'
import { beforeAll, describe, expect, it } from 'vitest'
import { seedIndex } from './seed.ts'

const SLUG = 'what-you-leave-behind'
const get = (path: string, init?: RequestInit) => exports.default.fetch(new Request(`https://wylb.test${path}`, init))

beforeAll(() => seedIndex())

const SECURE = {
  'x-content-type-options': 'nosniff',
  'strict-transport-security': expect.stringContaining('max-age='),
  'referrer-policy': 'no-referrer',
  'x-frame-options': 'SAMEORIGIN',
  'cross-origin-resource-policy': 'cross-origin',
}

const GET_ROUTES = [
  '/v1/articles',
  `/v1/articles/${SLUG}`,
  `/v1/articles/${SLUG}/sections`,
  `/v1/articles/${SLUG}/sections/plot`,
  `/v1/articles/${SLUG}/references`,
  `/v1/articles/${SLUG}/references/1`,
  `/v1/articles/${SLUG}/notes`,
  `/v1/passages/${SLUG}:plot-1`,
  '/v1/search?q=garak',
  '/v1/suggest?q=epsic',
  '/healthz',
  '/openapi.json',
  '/docs',
  '/demo',
  `/articles/${SLUG}`,
]

const headersOf = (res: Response) => Object.fromEntries(res.headers)

describe('secure headers', () => {
  it.each([
    ['a 200', () => get('/v1/articles')],
    ['a 400', () => get('/v1/search?q=')],
    ['a 404', () => get('/nowhere')],
    ['a 405', () => get('/v1/articles', { method: 'DELETE' })],
    ['a 414', () => get(`/v1/search?q=${'a'.repeat(3000)}`)],
    [
      'a 304',
      () =>
        get('/v1/articles', { headers: { 'if-none-match': '*' } }).then(async (r) => {
          const etag = r.headers.get('etag') as string
          return get('/v1/articles', { headers: { 'if-none-match': etag } })
        }),
    ],
    [
      'a preflight',
      () =>
        get('/v1/search', {
          method: 'OPTIONS',
          headers: { origin: 'https://x.example', 'access-control-request-method': 'GET' },
        }),
    ],
    ['a redirect', () => get('/')],
  ])('are on %s', async (_, send) => {
    const res = await send()
    expect(headersOf(res)).toMatchObject(SECURE)
  })
})

describe('content security policy', () => {
  const directives = (csp: string | null) =>
    new Map(
      (csp ?? '')
        .split(';')
        .map((d) => d.trim().split(/\s+/))
        .map(([name, ...values]) => [name, values]),
    )

  it.each([`/articles/${SLUG}`, '/demo'])('is strict on %s: no inline script, only this origin', async (path) => {
    const res = await get(path)
    expect(res.status).toBe(200)
    const csp = directives(res.headers.get('content-security-policy'))
    expect(csp.get('default-src')).toEqual(["'none'"])
    expect(csp.get('script-src')).toEqual(["'self'"])
    expect(csp.get('frame-ancestors')).toEqual(["'none'"])
    expect(csp.get('base-uri')).toEqual(["'none'"])
  })

  it('is strict on /docs: only the scripts the page names, inline ones by hash', async () => {
    const res = await get('/docs')
    expect(res.status).toBe(200)
    const html = await res.text()
    const csp = directives(res.headers.get('content-security-policy'))
    expect(csp.get('default-src')).toEqual(["'none'"])
    expect(csp.get('frame-ancestors')).toEqual(["'none'"])
    expect(csp.get('base-uri')).toEqual(["'none'"])
    const scripts = csp.get('script-src') ?? []
    expect(scripts).not.toContain("'unsafe-inline'")
    expect(scripts).not.toContain("'unsafe-eval'")
    expect(scripts).not.toContain('*')
    const external = [...html.matchAll(/<script[^>]*\ssrc="([^"]+)"/g)].map((m) => m[1] as string)
    for (const src of external) expect(scripts).toContain(src)
    const inline = [...html.matchAll(/<script(?![^>]*\ssrc=)[^>]*>([\s\S]*?)<\/script>/g)].map((m) => m[1] ?? '')
    for (const body of inline) {
      const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(body))
      expect(scripts).toContain(`'sha256-${btoa(String.fromCharCode(...new Uint8Array(digest)))}'`)
    }
    // Nothing more is allowed than the page uses.
    expect(scripts).toHaveLength(external.length + inline.length)
  })
})

describe('CORS', () => {
  it('lets any origin read, errors included', async () => {
    for (const path of ['/v1/search?q=garak', '/v1/articles/nope', '/healthz']) {
      const res = await get(path, { headers: { origin: 'https://fansite.example' } })
      expect(res.headers.get('access-control-allow-origin'), path).toBe('*')
      expect(res.headers.get('access-control-expose-headers')).toMatch(/X-Index-Version/i)
    }
  })

  it('answers a preflight with 204 and the read methods', async () => {
    const res = await get('/v1/search?q=garak', {
      method: 'OPTIONS',
      headers: { origin: 'https://fansite.example', 'access-control-request-method': 'GET' },
    })
    expect(res.status).toBe(204)
    expect(res.headers.get('access-control-allow-origin')).toBe('*')
    expect(
      res.headers
        .get('access-control-allow-methods')
        ?.split(/\s*,\s*/)
        .sort(),
    ).toEqual(['GET', 'HEAD', 'OPTIONS'])
    expect(await res.text()).toBe('')
  })
})

describe('HEAD', () => {
  it.each(GET_ROUTES)('answers HEAD %s like GET, without a body', async (path) => {
    const full = await get(path)
    const head = await get(path, { method: 'HEAD' })
    expect(head.status).toBe(full.status)
    expect(await head.text()).toBe('')
    const skip = new Set(['content-length', 'x-cache', 'date', 'server-timing'])
    const pick = (res: Response) => Object.fromEntries([...res.headers].filter(([k]) => !skip.has(k)))
    expect(pick(head)).toEqual(pick(full))
  })
})

describe('other methods', () => {
  it.each(['POST', 'PUT', 'DELETE', 'PATCH'])(
    '%s answers 405 with Allow and problem+json, on any path',
    async (method) => {
      for (const path of ['/v1/search?q=garak', `/v1/articles/${SLUG}`, '/nowhere']) {
        const res = await get(path, { method, ...(method === 'DELETE' ? {} : { body: '{"q":"garak"}' }) })
        expect(res.status, `${method} ${path}`).toBe(405)
        expect(res.headers.get('allow')).toBe('GET, HEAD, OPTIONS')
        expect(res.headers.get('content-type')).toBe('application/problem+json')
        expect(await res.json()).toMatchObject({ status: 405, type: '/problems/method-not-allowed' })
      }
    },
  )

  it('refuses a GET that carries a body', async () => {
    for (const headers of [{ 'content-length': '12' }, { 'transfer-encoding': 'chunked' }] as Record<
      string,
      string
    >[]) {
      const res = await get('/v1/search?q=garak', { headers })
      expect(res.status).toBe(413)
      expect(res.headers.get('content-type')).toBe('application/problem+json')
    }
    expect((await get('/v1/search?q=garak', { headers: { 'content-length': '0' } })).status).toBe(200)
  })
})
