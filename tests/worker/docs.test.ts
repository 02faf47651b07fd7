/** The API reference (`/docs`) and its "Try it" redirector (`/docs/try`), answered by the Worker in workerd. */
import { env, exports } from 'cloudflare:workers'
import app from '../../src/api/app.ts'
import { beforeAll, describe, expect, it } from 'vitest'
import { seedIndex } from './seed.ts'

const get = (path: string) => exports.default.fetch(new Request(`https://wylb.test${path}`, { redirect: 'manual' }))

beforeAll(() => seedIndex())

describe('GET /docs', () => {
  it('answers the reference as HTML under a script-free CSP', async () => {
    const res = await get('/docs')
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toMatch(/^text\/html/)
    const csp = res.headers.get('content-security-policy') ?? ''
    expect(csp).toContain("default-src 'none'")
    expect(csp).toContain("form-action 'self'")
    expect(csp).toContain("frame-ancestors 'none'")
    expect(csp).not.toContain('script-src')
    expect(res.headers.get('cache-control')).toBe('public, max-age=300')
    const html = await res.text()
    expect(html).toContain('/v1/search')
    expect(html).toContain('/v1/articles/{slug}')
    expect(html).toContain('href="/openapi.json"')
    expect(html).toContain('action="/v1/search"')
    expect(html).toContain('action="/docs/try"')
    expect(html).toContain('curl &#39;http://localhost:8787/v1/articles/what-you-leave-behind&#39;')
    expect(html).not.toMatch(/<script/i)
  })

  it('builds its curl examples from the configured origin, never from the Host header', async () => {
    const spoofed = await exports.default.fetch(
      new Request('https://evil.example/docs', { headers: { host: 'evil.example' } }),
    )
    expect(await spoofed.text()).not.toContain('evil.example')
    const configured = await app.request('/docs', {}, { ...env, PUBLIC_ORIGIN: 'https://wylb.example.org/' })
    const html = await configured.text()
    expect(html).toContain('curl &#39;https://wylb.example.org/v1/articles/what-you-leave-behind&#39;')
    expect(html).not.toContain('localhost')
  })
})

describe('GET /docs/try', () => {
  it('redirects (303) to the filled URL of a path operation', async () => {
    const res = await get('/docs/try?op=%2Fv1%2Farticles%2F%7Bslug%7D&slug=what-you-leave-behind')
    expect(res.status).toBe(303)
    expect(res.headers.get('location')).toBe('/v1/articles/what-you-leave-behind')
  })

  it('keeps known query parameters and drops empty ones', async () => {
    const res = await get('/docs/try?op=/v1/search&q=garak&limit=&kind=paragraph')
    expect(res.status).toBe(303)
    expect(res.headers.get('location')).toBe('/v1/search?q=garak&kind=paragraph')
  })

  it('answers 400 problem+json for an operation the API does not have', async () => {
    const res = await get('/docs/try?op=/nope')
    expect(res.status).toBe(400)
    expect(res.headers.get('content-type')).toBe('application/problem+json')
    expect(await res.json()).toMatchObject({ status: 400, parameter: 'op' })
  })

  it('answers 400 naming an unknown parameter', async () => {
    const res = await get('/docs/try?op=/v1/articles/{slug}&slug=x&evil=1')
    expect(res.status).toBe(400)
    expect(await res.json()).toMatchObject({ parameter: 'evil' })
  })
})

describe('the article page infobox', () => {
  it('anchors the chronology passage on its table cell, not on a stray paragraph', async () => {
    const html = await (await get('/articles/what-you-leave-behind')).text()
    expect(html).toMatch(/<td id="what-you-leave-behind:infobox-previous">← Previous<br\/?>/)
    expect(html.match(/id="what-you-leave-behind:infobox-previous"/g)).toHaveLength(1)
    expect(html).not.toContain('Previous: The Dogs of War')
  })
})
