/**
 * Conditional GETs (RFC 9110 §13): If-None-Match is weighed after validation and routing, and only
 * against an answer that would be a 2xx; `*` matches any current representation; every cacheable GET
 * carries an ETag that a matching If-None-Match turns into a bodiless 304.
 */
import { exports } from 'cloudflare:workers'
import { beforeAll, describe, expect, it } from 'vitest'
import { WIDGET_HASH } from '../../src/generated/widget.ts'
import { BUILD_VERSION, seedIndex } from './seed.ts'

const SLUG = 'what-you-leave-behind'
const VERSION_TAG = `"${BUILD_VERSION}"`
const get = (path: string, headers: Record<string, string> = {}) =>
  exports.default.fetch(new Request(`https://wylb.test${path}`, { headers, redirect: 'manual' }))

beforeAll(() => seedIndex())

describe('If-None-Match on an answer that is not a 2xx', () => {
  it.each([
    ['/v1/search?q=', 400],
    ['/v1/articles/voyager', 404],
    ['/v1/nonexistent', 404],
    ['/articles/voyager', 404],
    [`/v1/passages/${SLUG}:nowhere-1`, 404],
  ])('%s keeps its %i', async (path, status) => {
    for (const tag of [VERSION_TAG, '*']) {
      const res = await get(path, { 'if-none-match': tag })
      expect(res.status, tag).toBe(status)
      expect(res.headers.get('content-type')).toBe('application/problem+json')
    }
  })
})

describe('If-None-Match on a 2xx answer', () => {
  const CACHEABLE = [
    '/v1/articles',
    `/v1/articles/${SLUG}`,
    '/v1/search?q=garak',
    '/v1/suggest?q=epsic',
    `/articles/${SLUG}`,
    '/docs',
    '/demo',
    '/openapi.json',
  ]

  it.each(CACHEABLE)('%s has an ETag, and a matching one, a weak one or * gets a bodiless 304', async (path) => {
    const first = await get(path)
    expect(first.status).toBe(200)
    const etag = first.headers.get('etag')
    expect(etag).toMatch(/^"[^"]+"$/)
    expect(first.headers.get('cache-control')).toMatch(/public/)
    for (const tag of [etag!, `W/${etag}`, `"other", ${etag}`, '*']) {
      const res = await get(path, { 'if-none-match': tag })
      expect(res.status, tag).toBe(304)
      expect(await res.text()).toBe('')
      expect(res.headers.get('etag')).toBe(etag)
      expect(res.headers.get('cache-control')).toBe(first.headers.get('cache-control'))
      expect(res.headers.get('x-content-type-options')).toBe('nosniff')
    }
    const other = await get(path, { 'if-none-match': '"not-this-one"' })
    expect(other.status).toBe(200)
  })

  it('keeps the index version on a 304 of the API', async () => {
    const res = await get(`/v1/articles/${SLUG}`, { 'if-none-match': VERSION_TAG })
    expect(res.status).toBe(304)
    expect(res.headers.get('x-index-version')).toBe(BUILD_VERSION)
  })

  it('tags an article page with the index version and the widget bundle it loads, as the API tags its answers', async () => {
    const page = await get(`/articles/${SLUG}`)
    const tag = `"${BUILD_VERSION}-${WIDGET_HASH}"`
    expect(page.headers.get('etag')).toBe(tag)
    expect(page.headers.get('x-index-version')).toBe(BUILD_VERSION)
    expect(page.headers.get('cache-control')).toBe((await get('/v1/articles')).headers.get('cache-control'))
    const res = await get(`/articles/${SLUG}`, { 'if-none-match': tag })
    expect(res.status).toBe(304)
    expect(res.headers.get('x-index-version')).toBe(BUILD_VERSION)
    // The index alone is not the page: a tag without the widget's hash is another representation.
    expect((await get(`/articles/${SLUG}`, { 'if-none-match': VERSION_TAG })).status).toBe(200)
  })

  it('refuses a page for a malformed slug with a 400 naming it', async () => {
    const res = await get('/articles/Not_A_Slug', { 'if-none-match': '*' })
    expect(res.status).toBe(400)
    expect(await res.json()).toMatchObject({ status: 400, parameter: 'slug' })
  })

  it('answers HEAD like GET', async () => {
    const res = await exports.default.fetch(
      new Request(`https://wylb.test/v1/articles`, { method: 'HEAD', headers: { 'if-none-match': VERSION_TAG } }),
    )
    expect(res.status).toBe(304)
  })

  it('never turns /healthz (no-store) into a 304', async () => {
    const res = await get('/healthz', { 'if-none-match': '*' })
    expect(res.status).toBe(200)
    expect(res.headers.get('etag')).toBeNull()
  })
})
