/** The API over HTTP, as a developer calls it: `wrangler dev` serving the real build from local KV. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startDevServer, type DevServer } from '../../tools/dev-server/harness.ts'

let server: DevServer

beforeAll(async () => {
  server = await startDevServer()
})
afterAll(() => server?.stop())

describe('wrangler dev with the seeded local KV', () => {
  it('reports the live index at /healthz', async () => {
    const body = (await (await fetch(`${server.origin}/healthz`)).json()) as any
    expect(body).toMatchObject({ status: 'ok', counts: { articles: 1, references: 22, notes: 2 } })
  })

  it('answers an article lookup with its model', async () => {
    const res = await fetch(`${server.origin}/v1/articles/what-you-leave-behind/references/2`)
    expect(res.status).toBe(200)
    expect(res.headers.get('access-control-allow-origin')).toBe('*')
    expect(((await res.json()) as any).reference).toMatchObject({
      publisher: 'The A.V. Club',
      authors: ['Handlen, Zack'],
    })
  })

  it('answers a bad request with problem+json', async () => {
    const res = await fetch(`${server.origin}/v1/articles/what-you-leave-behind/references/x`)
    expect(res.status).toBe(400)
    expect(res.headers.get('content-type')).toBe('application/problem+json')
  })
})

describe('the widget, served by Workers Static Assets with public/_headers', () => {
  it('serves /widget.js to any origin with a short cache and an ETag, and a 304 when that ETag comes back', async () => {
    const res = await fetch(`${server.origin}/widget.js`)
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toMatch(/^text\/javascript/)
    expect(res.headers.get('access-control-allow-origin')).toBe('*')
    expect(res.headers.get('cross-origin-resource-policy')).toBe('cross-origin')
    expect(res.headers.get('cache-control')).toBe('public, max-age=300')
    expect(await res.text()).toContain('customElements.define')
    const etag = res.headers.get('etag')
    expect(etag).toMatch(/^"[^"]+"$/)

    const again = await fetch(`${server.origin}/widget.js`, { headers: { 'if-none-match': etag as string } })
    expect(again.status).toBe(304)
    expect(await again.text()).toBe('')
  })

  it('serves the content-hashed name the pages load, the same bytes, cached for a year', async () => {
    const demo = await (await fetch(`${server.origin}/demo`)).text()
    const src = /<script type="module" src="(\/widget\.[0-9a-f]{10}\.js)">/.exec(demo)?.[1]
    expect(src).toBeDefined()
    const hashed = await fetch(`${server.origin}${src}`)
    expect(hashed.status).toBe(200)
    expect(hashed.headers.get('cache-control')).toBe('public, max-age=31536000, immutable')
    expect(hashed.headers.get('access-control-allow-origin')).toBe('*')
    expect(await hashed.text()).toBe(await (await fetch(`${server.origin}/widget.js`)).text())
  })
})
