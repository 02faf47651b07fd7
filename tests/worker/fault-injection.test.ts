/**
 * Faults injected between the Worker and KV, inside workerd: a KV whose `get` throws, hangs, answers
 * nothing, answers garbage or another version's bytes. Every one is a 503 with Retry-After and a
 * problem+json body naming the fault, never a 500; an isolate that already holds a good version keeps
 * serving it whole (and says so on /healthz) until the fault is fixed.
 */
import { env } from 'cloudflare:workers'
import { beforeAll, describe, expect, it } from 'vitest'
import app from '../../src/api/app.ts'
import { PIECE_CACHE_URL } from '../../src/store/kv-reader.ts'
import { POINTER_KEY } from '../../src/core/storage/keys.ts'
import { BUILD_VERSION, seedIndex } from './seed.ts'

type Rule = (key: string) => Promise<string | null> | undefined

/**
 * A KV over the seeded namespace whose reads a test can intercept: `rule` answers a key (or returns
 * undefined to read through). A new object is a new namespace to the Worker, so each test starts cold.
 */
function faultyKv() {
  let rule: Rule | undefined
  const reads: string[] = []
  const kv = {
    get: (key: string) => {
      reads.push(key)
      return rule?.(key) ?? env.INDEX.get(key, 'text')
    },
  } as unknown as KVNamespace
  return { kv, reads, set: (r: Rule | undefined) => void (rule = r) }
}

const request = (kv: KVNamespace, path: string, ttl = '60') =>
  app.request(path, {}, { INDEX: kv, POINTER_TTL_SECONDS: ttl, KV_TIMEOUT_MS: '50' })

async function expectFault(res: Response, fault: string) {
  expect(res.status).toBe(503)
  expect(res.headers.get('content-type')).toBe('application/problem+json')
  expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0)
  const body = (await res.json()) as any
  expect(body).toMatchObject({ status: 503, type: '/problems/index-unavailable', fault })
  expect(body.detail).toBeTruthy()
  return body
}

const never = () => new Promise<string | null>(() => {})
const SLUG = 'what-you-leave-behind'
const ARTICLE_KEY = `v/${BUILD_VERSION}/article/${SLUG}`
/** Any key but the pointer, the manifest and the article models: the search index's pieces. */
const isSearchPiece = (key: string) => key !== POINTER_KEY && !key.endsWith('/manifest') && !key.includes('/article/')

beforeAll(() => seedIndex())

describe('a cold isolate whose KV fails', () => {
  it('answers 503 kv-error when get throws (synchronously or by rejecting)', async () => {
    const sync = faultyKv()
    sync.set(() => {
      throw new Error('binding exploded')
    })
    await expectFault(await request(sync.kv, '/v1/articles'), 'kv-error')
    const rejecting = faultyKv()
    rejecting.set(() => Promise.reject(new Error('KV GET failed: 500 Internal Server Error')))
    await expectFault(await request(rejecting.kv, '/healthz'), 'kv-error')
  })

  it('answers 503 kv-timeout when get never resolves, within the configured timeout', async () => {
    const { kv, set } = faultyKv()
    set(never)
    const started = Date.now()
    const body = await expectFault(await request(kv, '/v1/search?q=garak'), 'kv-timeout')
    expect(body.detail).toContain('50 ms')
    expect(Date.now() - started).toBeLessThan(2_000)
  })

  it('answers 503 no-index when the pointer is missing', async () => {
    const { kv, set } = faultyKv()
    set((key) => (key === POINTER_KEY ? Promise.resolve(null) : undefined))
    await expectFault(await request(kv, '/v1/articles'), 'no-index')
  })

  it('answers 503 missing-key when a piece the manifest names is missing', async () => {
    const { kv, set } = faultyKv()
    set((key) => (key === ARTICLE_KEY ? Promise.resolve(null) : undefined))
    await expectFault(await request(kv, `/v1/articles/${SLUG}`), 'missing-key')
    await expectFault(await request(kv, `/v1/passages/${SLUG}:plot-1`), 'missing-key')
    await expectFault(await request(kv, `/articles/${SLUG}`), 'missing-key')
  })

  /** A pointer as written by hand: the version alone, so the Worker reads the manifest under it. */
  const bare = JSON.stringify({ version: BUILD_VERSION, built_at: '' })
  const withManifest = (manifest: unknown) => JSON.stringify({ version: BUILD_VERSION, built_at: '', manifest })

  it('reads the manifest the pointer carries, or the one under the version when it carries none', async () => {
    const carried = faultyKv()
    expect((await request(carried.kv, '/v1/articles')).status).toBe(200)
    expect(carried.reads).not.toContain(`v/${BUILD_VERSION}/manifest`)
    const byHand = faultyKv()
    byHand.set((key) => (key === POINTER_KEY ? Promise.resolve(bare) : undefined))
    expect((await request(byHand.kv, '/v1/articles')).status).toBe(200)
    expect(byHand.reads).toContain(`v/${BUILD_VERSION}/manifest`)
  })

  it.each([
    ['the pointer', (key: string) => key === POINTER_KEY],
    ['the manifest', (key: string) => key === `v/${BUILD_VERSION}/manifest`],
  ])('answers 503 corrupt when %s is not JSON', async (_, which) => {
    const { kv, set } = faultyKv()
    set((key) =>
      which(key) ? Promise.resolve('{"version": "trunc') : key === POINTER_KEY ? Promise.resolve(bare) : undefined,
    )
    await expectFault(await request(kv, '/v1/articles'), 'corrupt')
  })

  it.each([
    [
      'the pointer carries',
      (key: string) => (key === POINTER_KEY ? Promise.resolve(withManifest({ format: 99 })) : undefined),
    ],
    [
      'the version holds',
      (key: string) =>
        key === POINTER_KEY
          ? Promise.resolve(bare)
          : key.endsWith('/manifest')
            ? Promise.resolve('{"format": 99}')
            : undefined,
    ],
  ])('answers 503 format when the manifest %s is JSON of another shape', async (_, rule) => {
    const { kv, set } = faultyKv()
    set(rule)
    const body = await expectFault(await request(kv, '/v1/articles'), 'format')
    expect(body.detail).toContain('index format 99')
  })

  it('answers 503 hash-mismatch when an article disagrees with its manifest hash', async () => {
    const { kv, set } = faultyKv()
    set((key) => (key === ARTICLE_KEY ? Promise.resolve(`{"slug":"${SLUG}","title":"Forged"}`) : undefined))
    await expectFault(await request(kv, `/v1/articles/${SLUG}`), 'hash-mismatch')
  })

  it('answers 503 missing-version when the pointer names a version KV does not hold', async () => {
    const { kv, set } = faultyKv()
    set((key) =>
      key === POINTER_KEY ? Promise.resolve(JSON.stringify({ version: 'feedfacefeedface', built_at: '' })) : undefined,
    )
    await expectFault(await request(kv, '/healthz'), 'missing-version')
  })
})

describe('search pieces, which load lazily on the first search', () => {
  it.each([
    ['kv-error', () => Promise.reject(new Error('boom'))],
    ['kv-timeout', never],
    ['missing-key', () => Promise.resolve(null)],
    ['hash-mismatch', () => Promise.resolve('{"forged": true}')],
  ] as const)('answer 503 %s on search and suggest while lookups still work', async (fault, answer) => {
    const { kv, set } = faultyKv()
    // Pieces are immutable, so the colo's cache may serve them past any KV fault: start from an empty one.
    await Promise.all(
      env.TEST_KV_ENTRIES.map((e) =>
        (caches as unknown as { default: Cache }).default.delete(`${PIECE_CACHE_URL}${e.key}`),
      ),
    )
    expect((await request(kv, `/v1/articles/${SLUG}/notes`)).status).toBe(200)
    set((key) => (isSearchPiece(key) ? answer() : undefined))
    // A query of its own, so no earlier test's answer in the edge cache stands in for the search.
    const search = `/v1/search?q=${encodeURIComponent(`sisko ${fault.replace(/-/g, '')}`)}`
    await expectFault(await request(kv, search), fault)
    await expectFault(await request(kv, '/v1/suggest?q=epsic'), fault)
    // The failed load is forgotten: once KV answers again, search works.
    set(undefined)
    expect((await request(kv, search)).status).toBe(200)
  })
})

describe('a warm isolate whose pointer breaks (POINTER_TTL_SECONDS 0: every request re-reads it)', () => {
  const health = async (kv: KVNamespace) => (await (await request(kv, '/healthz', '0')).json()) as any

  it.each([
    ['missing-version', () => Promise.resolve(JSON.stringify({ version: 'feedfacefeedface', built_at: '' }))],
    ['corrupt', () => Promise.resolve('{not json')],
    ['no-index', () => Promise.resolve(null)],
    ['kv-error', () => Promise.reject(new Error('boom'))],
    ['kv-timeout', never],
  ] as const)('keeps serving the old version whole on %s, reports degraded, and recovers', async (fault, answer) => {
    const { kv, set, reads } = faultyKv()
    expect((await request(kv, `/v1/articles/${SLUG}`, '0')).status).toBe(200)
    expect(await health(kv)).toMatchObject({ status: 'ok', version: BUILD_VERSION })
    expect(await health(kv)).not.toHaveProperty('fault')

    set((key) => (key === POINTER_KEY ? answer() : undefined))
    const pointerReads = reads.filter((k) => k === POINTER_KEY).length
    for (const path of [
      `/v1/articles/${SLUG}`,
      '/v1/search?q=garak',
      '/v1/suggest?q=epsic',
      `/v1/passages/${SLUG}:plot-1`,
    ]) {
      const res = await request(kv, path, '0')
      expect(res.status, path).toBe(200)
      expect(res.headers.get('x-index-version')).toBe(BUILD_VERSION)
    }
    expect(reads.filter((k) => k === POINTER_KEY).length).toBeGreaterThan(pointerReads)
    const degraded = await health(kv)
    expect(degraded).toMatchObject({ status: 'degraded', version: BUILD_VERSION, fault: { fault } })
    expect(degraded.fault.message).toBeTruthy()
    expect(Date.parse(degraded.fault.since)).not.toBeNaN()

    set(undefined)
    const healed = await health(kv)
    expect(healed).toMatchObject({ status: 'ok', version: BUILD_VERSION })
    expect(healed).not.toHaveProperty('fault')
  })
})

describe('/healthz after a piece failed its check (a corrupted value in KV)', () => {
  it('is degraded naming the key, the fault and the repair, until a good read of it', async () => {
    const { kv, set } = faultyKv()
    const health = async () => (await (await request(kv, '/healthz')).json()) as any
    expect(await health()).toMatchObject({ status: 'ok' })

    set((key) => (key === ARTICLE_KEY ? Promise.resolve(`{"slug":"${SLUG}","title":"Forged"}`) : undefined))
    const problem = await expectFault(await request(kv, `/v1/articles/${SLUG}`), 'hash-mismatch')
    expect(problem.detail).toContain('`npm run seed:local`')
    const degraded = await health()
    expect(degraded).toMatchObject({
      status: 'degraded',
      version: BUILD_VERSION,
      pieces: [{ key: ARTICLE_KEY, fault: 'hash-mismatch' }],
    })
    expect(degraded).not.toHaveProperty('fault')
    expect(degraded.repair).toContain('`npm run seed:local`')

    set(undefined)
    expect((await request(kv, `/v1/articles/${SLUG}`)).status).toBe(200)
    const healed = await health()
    expect(healed).toMatchObject({ status: 'ok' })
    expect(healed).not.toHaveProperty('pieces')
  })

  it('is degraded naming a search piece KV does not hold', async () => {
    const { kv, set } = faultyKv()
    set((key) => (isSearchPiece(key) ? Promise.resolve(null) : undefined))
    await expectFault(await request(kv, '/v1/search?q=healthz%20missing'), 'missing-key')
    const body = (await (await request(kv, '/healthz')).json()) as any
    expect(body.status).toBe('degraded')
    expect(body.pieces[0]).toMatchObject({ fault: 'missing-key', key: expect.stringMatching(/^(s\/|v\/)/) })
  })
})
