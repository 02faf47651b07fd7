/** The sharded index in workerd: article pages and prefixes, the piece cache on /healthz. */
import { exports } from 'cloudflare:workers'
import { beforeAll, describe, expect, it } from 'vitest'
import { seedIndex } from './seed.ts'

const get = (path: string) => exports.default.fetch(new Request(`https://wylb.test${path}`))

beforeAll(() => seedIndex())

describe('GET /v1/articles pages', () => {
  it('filters by title prefix, case-insensitively', async () => {
    const hit = (await (await get('/v1/articles?prefix=WHAT%20you&limit=5')).json()) as any
    expect(hit.articles.map((a: any) => a.slug)).toEqual(['what-you-leave-behind'])
    expect(hit.next).toBeUndefined()
    const miss = (await (await get('/v1/articles?prefix=zzz')).json()) as any
    expect(miss).toEqual({ articles: [] })
  })

  it('refuses a bad limit or cursor with 400', async () => {
    expect((await get('/v1/articles?limit=0')).status).toBe(400)
    expect((await get('/v1/articles?cursor=%2F%2F')).status).toBe(400)
    const past = await get('/v1/articles?cursor=zz')
    expect(past.status).toBe(400)
    expect(past.headers.get('content-type')).toMatch(/^application\/problem\+json/)
    expect(((await past.json()) as any).detail).toMatch(/cursor "zz" is past the last article/)
  })
})

describe('/healthz', () => {
  it('reports the piece cache after a search', async () => {
    expect((await get('/v1/search?q=garak%20sisko')).status).toBe(200)
    const body = (await (await get('/healthz')).json()) as any
    expect(body.cache).toMatchObject({ budget: 8 * 1024 * 1024 })
    expect(body.cache.entries).toBeGreaterThan(0)
    expect(body.cache.bytes).toBeGreaterThan(0)
  })
})
