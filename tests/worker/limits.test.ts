/**
 * Abuse limits, in workerd: the per-client rate limit (429), the caps on what one request may ask
 * for (each a problem+json 4xx), and cache keys that junk parameters, case, spacing and parameter
 * order cannot bust.
 */
import { env, exports } from 'cloudflare:workers'
import { beforeAll, describe, expect, it } from 'vitest'
import app from '../../src/api/app.ts'
import { MAX_UNITS } from '../../src/core/search/query.ts'
import { BUILD_VERSION, seedIndex } from './seed.ts'

const get = (path: string, init?: RequestInit) => exports.default.fetch(new Request(`https://wylb.test${path}`, init))

async function expectProblem(res: Response, status: number) {
  expect(res.status).toBe(status)
  expect(res.headers.get('content-type')).toBe('application/problem+json')
  const body = (await res.json()) as any
  expect(body).toMatchObject({ status, type: expect.stringMatching(/^\/problems\//), detail: expect.any(String) })
  return body
}

beforeAll(() => seedIndex())

describe('the rate limit', () => {
  it('is the RATE_LIMITER binding of wrangler.toml', () => {
    expect(typeof env.RATE_LIMITER?.limit).toBe('function')
  })

  it('answers 429 with Retry-After and problem+json once a client passes the limit (wrapped low limit)', async () => {
    const keys: string[] = []
    let count = 0
    const limiter: RateLimit = {
      limit: async ({ key }) => {
        keys.push(key)
        return { success: ++count <= 3 }
      },
    }
    const call = (ip?: string) =>
      app.request(
        '/v1/articles',
        { headers: ip ? { 'cf-connecting-ip': ip } : {} },
        { INDEX: env.INDEX, RATE_LIMITER: limiter },
      )
    for (let i = 0; i < 3; i++) expect((await call('203.0.113.7')).status).toBe(200)
    const refused = await call('203.0.113.7')
    const body = await expectProblem(refused, 429)
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0)
    expect(body.type).toBe('/problems/rate-limited')
    expect(keys).toEqual(Array(4).fill('203.0.113.7'))
    // No cf-connecting-ip (local dev): no client to tell apart, the limiter is not asked.
    expect((await call()).status).toBe(200)
    expect(keys).toHaveLength(4)
  })

  it('answers 429 through the real (simulated) binding once one client has used up its limit', async () => {
    // Use up the client's budget on the binding itself (cheaper than hundreds of requests), then ask.
    const key = '198.51.100.23'
    const useUp = async () => {
      let calls = 0
      while ((await env.RATE_LIMITER.limit({ key })).success)
        if (++calls > 2_000) throw new Error('the limiter never refused')
      return calls
    }
    expect(await useUp()).toBeGreaterThan(10)
    let refused = await get('/v1/articles', { headers: { 'cf-connecting-ip': key } })
    // The binding counts in windows of 60 s: one that ends between using up the budget and the request
    // gives the client a new budget (a CI run failed so), so the budget is used up once more.
    if (refused.status !== 429) {
      await useUp()
      refused = await get('/v1/articles', { headers: { 'cf-connecting-ip': key } })
    }
    expect(refused.headers.get('retry-after')).toBe('60')
    await expectProblem(refused, 429)
    // Another client is not affected.
    expect((await get('/v1/articles', { headers: { 'cf-connecting-ip': '198.51.100.24' } })).status).toBe(200)
  }, 60_000)
})

describe('caps on what one request may ask for', () => {
  it.each([
    ['q of 257 characters', `/v1/search?q=${'a'.repeat(257)}`, 400, 'q'],
    ['q of 257 non-ASCII characters', `/v1/search?q=${encodeURIComponent('é'.repeat(257))}`, 400, 'q'],
    ['suggest q of 257 characters', `/v1/suggest?q=${'a'.repeat(257)}`, 400, 'q'],
    ['offset 501', '/v1/search?q=garak&offset=501', 400, 'offset'],
    ['offset of 7 digits', '/v1/search?q=garak&offset=1000000', 400, 'offset'],
    ['limit 51', '/v1/search?q=garak&limit=51', 400, 'limit'],
    ['suggest limit 21', '/v1/suggest?q=gar&limit=21', 400, 'limit'],
    ['limit in exponent form', '/v1/search?q=garak&limit=1e1', 400, 'limit'],
  ])('%s → %i', async (_, path, status, parameter) => {
    expect(await expectProblem(await get(path), status)).toMatchObject({ parameter })
  })

  const long = 'a'.repeat(201)
  it.each([
    ['article', `/v1/search?q=garak&article=${long}`, 'at most 200 characters'],
    ['section', `/v1/search?q=garak&section=${long}`, 'at most 200 characters'],
    ['category', `/v1/search?q=garak&category=${long}`, 'at most 200 characters'],
    ['slug', `/v1/articles/${long}`, 'at most 200 characters'],
    ['id', `/v1/articles/what-you-leave-behind/sections/${long}`, 'at most 200 characters'],
    ['id', `/v1/passages/${'a'.repeat(150)}:${'b'.repeat(151)}`, 'at most 300 characters'],
    ['prefix', '/v1/articles?prefix=', 'prefix is empty'],
  ])("says what %s may be in its own words, not the validator's", async (parameter, path, words) => {
    const problem = await expectProblem(await get(path), 400)
    expect(problem).toMatchObject({ parameter })
    expect(problem.detail).toContain(words)
    expect(problem.detail).not.toMatch(/Too (big|small)|expected/)
  })

  it.each([
    ['q', '/v1/search?q=garak&q=odo'],
    ['limit', '/v1/search?q=garak&limit=5&limit=6'],
    ['offset', '/v1/search?q=garak&offset=0&offset=0'],
    ['q', '/v1/suggest?q=gar&q=gar'],
    ['cursor', '/v1/articles?cursor=a&cursor=b'],
  ])('answers a repeated %s with a 400 naming it', async (parameter, path) => {
    const problem = await expectProblem(await get(path), 400)
    expect(problem).toMatchObject({ parameter })
    expect(problem.detail).toContain(`"${parameter}" (given 2 times; give it once)`)
  })

  it('accepts exactly the caps', async () => {
    const longest = `${'garak '.repeat(41)}cardassia.`
    expect([...longest]).toHaveLength(256)
    expect((await get(`/v1/search?q=${encodeURIComponent(longest)}`)).status).toBe(200)
    expect((await get(`/v1/search?q=${'a'.repeat(256)}`)).status).toBe(200)
    expect((await get('/v1/search?q=garak&offset=500&limit=50')).status).toBe(200)
  })

  it('answers a URL longer than 2048 characters with 414', async () => {
    await expectProblem(await get(`/v1/search?q=garak&pad=${'x'.repeat(2048)}`), 414)
    await expectProblem(await get(`/v1/articles/${'a'.repeat(2100)}`), 414)
  })

  it(`searches at most ${MAX_UNITS} terms of a longer query`, async () => {
    const words = [...'bcdfghjklm'].flatMap((c) => [...'aeiu'].map((v) => `${c}${v}`))
    const res = await get(`/v1/search?q=${encodeURIComponent(['garak', ...words].join(' '))}`)
    expect(res.status).toBe(200)
    const body = (await res.json()) as any
    expect(body.query.split(' ')).toHaveLength(MAX_UNITS)
  })
})

describe('cache keys are normalized', () => {
  const cacheOf = async (path: string) => {
    const res = await get(path)
    expect(res.status, path).toBe(200)
    expect(res.headers.get('x-index-version')).toBe(BUILD_VERSION)
    return res.headers.get('x-cache')
  }

  it.each([
    ['junk parameters', '/v1/search?q=quark%20bar&limit=5', '/v1/search?q=quark%20bar&limit=5&utm_source=x&_=123'],
    ['case and spacing of q', '/v1/search?q=garak%20kira', '/v1/search?q=%20GaRaK%20%20KiRa%20'],
    ['parameter order', '/v1/search?q=dukat&limit=4&offset=2', '/v1/search?offset=2&q=dukat&limit=4'],
    ['defaults spelled out', '/v1/search?q=winn%20adami', '/v1/search?q=winn%20adami&limit=10&offset=0'],
  ])('share one entry across %s', async (_, first, second) => {
    expect(await cacheOf(first)).toBe('miss')
    expect(await cacheOf(second)).toBe('hit')
  })

  it('keeps different queries apart', async () => {
    await cacheOf('/v1/search?q=ezri')
    expect(await cacheOf('/v1/search?q=ezri&limit=3')).toBe('miss')
    expect(await cacheOf('/v1/search?q=ezri%20-dax')).toBe('miss')
  })
})
