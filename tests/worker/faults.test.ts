/** What the Worker answers when KV holds no index or a broken one: a 503 that says what is wrong. */
import { env } from 'cloudflare:workers'
import { afterEach, describe, expect, it } from 'vitest'
import app from '../../src/api/app.ts'
import { POINTER_KEY } from '../../src/core/storage/keys.ts'
import { BUILD_VERSION, clearIndex, seedIndex } from './seed.ts'

/** A new object over the fault namespace: the Worker caches per namespace, so each test starts cold. */
const coldKv = () => ({ get: (key: string) => env.FAULT_INDEX.get(key, 'text') }) as unknown as KVNamespace

const request = (kv: KVNamespace, path = '/v1/articles') =>
  app.request(path, {}, { INDEX: kv, POINTER_TTL_SECONDS: '60' })

afterEach(() => clearIndex(env.FAULT_INDEX))

describe('an index that cannot be served', () => {
  it('answers 503 saying how to load one when KV is empty', async () => {
    const res = await request(coldKv())
    expect(res.status).toBe(503)
    expect(res.headers.get('content-type')).toBe('application/problem+json')
    expect(res.headers.get('retry-after')).toBeTruthy()
    const body = (await res.json()) as any
    expect(body).toMatchObject({ status: 503, fault: 'no-index' })
    expect(body.detail).toContain('npm run seed:local')
  })

  it("still refuses a malformed article slug with a 400, whatever the index's state", async () => {
    const res = await request(coldKv(), '/articles/Not_A_Slug')
    expect(res.status).toBe(400)
    expect(await res.json()).toMatchObject({ status: 400, parameter: 'slug' })
    expect((await request(coldKv(), '/articles/what-you-leave-behind')).status).toBe(503)
  })

  it('answers 503 when the pointer names a version KV does not hold', async () => {
    await env.FAULT_INDEX.put(POINTER_KEY, JSON.stringify({ version: 'feedfacefeedface', built_at: '' }))
    const body = (await (await request(coldKv(), '/healthz')).json()) as any
    expect(body).toMatchObject({ status: 503, fault: 'missing-version' })
  })

  it('answers 503 when the pointer is not JSON', async () => {
    await env.FAULT_INDEX.put(POINTER_KEY, '{not json')
    expect(await (await request(coldKv())).json()).toMatchObject({ status: 503, fault: 'corrupt' })
  })

  it('answers 503, not a wrong answer, when a stored article disagrees with its manifest hash', async () => {
    await seedIndex(env.FAULT_INDEX)
    await env.FAULT_INDEX.put(`v/${BUILD_VERSION}/article/what-you-leave-behind`, '{"slug":"what-you-leave-behind"}')
    const res = await request(coldKv(), '/v1/articles/what-you-leave-behind')
    expect(res.status).toBe(503)
    expect(await res.json()).toMatchObject({ fault: 'hash-mismatch' })
  })

  it('serves once the build is seeded', async () => {
    await seedIndex(env.FAULT_INDEX)
    const res = await request(coldKv())
    expect(res.status).toBe(200)
    expect(res.headers.get('x-index-version')).toBe(BUILD_VERSION)
  })
})
