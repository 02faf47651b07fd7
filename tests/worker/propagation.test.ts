/**
 * A release under KV's eventual consistency: a location can see the new pointer before the pieces it
 * names (a write may take 60 s or more to show elsewhere, with no order between keys). Here KV is
 * wrapped so that build B's own pieces stay invisible for a while after the pointer names B (with A as
 * its previous version): every answer must be a 200 from A, whole, until they appear, and from B after,
 * with no answer mixing the two. Build B is the real corpus with " Swapped." appended to the summary.
 */
import { env } from 'cloudflare:workers'
import { beforeAll, describe, expect, it } from 'vitest'
import app from '../../src/api/app.ts'
import { POINTER_KEY } from '../../src/core/storage/keys.ts'

const A = env.TEST_POINTER.version
const B = env.TEST_POINTER_B.version
const SLUG = 'what-you-leave-behind'
const real = env.SWAP_INDEX
const onlyB = new Set(env.TEST_KV_ENTRIES_B.map((e) => e.key))
for (const e of env.TEST_KV_ENTRIES) onlyB.delete(e.key)

/** KV with the pointer held by the test and B's own pieces hidden until `show()`. */
function propagatingKv(pointer: object) {
  let shown = false
  const hidden = (key: string) => !shown && onlyB.has(key)
  const pointerText = JSON.stringify(pointer)
  const kv = {
    get: async (key: string | string[]) => {
      if (Array.isArray(key)) {
        const values = await real.get(key, 'text')
        for (const k of key) if (hidden(k)) values.set(k, null)
        return values
      }
      if (key === POINTER_KEY) return pointerText
      return hidden(key) ? null : real.get(key, 'text')
    },
  } as unknown as KVNamespace
  return { kv, show: () => void (shown = true) }
}

const isB = (version: string) => version === B
const checks: [path: string, check: (version: string, body: any) => void][] = [
  [`/v1/articles/${SLUG}`, (v, body) => expect(body.summary.endsWith(' Swapped.')).toBe(isB(v))],
  [`/v1/passages/${SLUG}:lead-1`, (v, body) => expect(body.passage.text.endsWith(' Swapped.')).toBe(isB(v))],
  [
    '/v1/search?q=swapped',
    (v, body) => expect(body.results.some((r: any) => /<mark>Swapped<\/mark>/.test(r.snippet))).toBe(isB(v)),
  ],
  ['/v1/suggest?q=swapp', (v, body) => expect(body.suggestions.some((s: string) => /^swapped$/i.test(s))).toBe(isB(v))],
  ['/healthz', (v, body) => expect(body.version).toBe(v)],
]

beforeAll(async () => {
  await Promise.all([...env.TEST_KV_ENTRIES, ...env.TEST_KV_ENTRIES_B].map((e) => real.put(e.key, e.value)))
  // No piece of B from another test file's run in the colo's cache: KV is what hides them here.
  const colo = (caches as unknown as { default: Cache }).default
  await Promise.all([...onlyB].map((key) => colo.delete(`https://wylb-pieces.invalid/${key}`)))
})

/** Answers every check once; each must be a 200 whose body is wholly the version it names. */
async function answerAll(kv: KVNamespace): Promise<string[]> {
  const versions: string[] = []
  for (const [path, check] of checks) {
    const res = await app.request(path, {}, { INDEX: kv, POINTER_TTL_SECONDS: '0' })
    expect(res.status, path).toBe(200)
    const body = (await res.json()) as any
    const version = res.headers.get('x-index-version') ?? body.version
    expect([A, B], path).toContain(version)
    check(version, body)
    versions.push(version)
  }
  return versions
}

describe.each([
  ['carries its manifest', env.TEST_POINTER_B],
  ['carries no manifest (the Worker reads the hidden one)', { version: B, built_at: env.TEST_POINTER_B.built_at }],
])('a new pointer that %s, seen before its pieces', (_, pointerB) => {
  it('is served from the previous version, whole, until they appear, then from the new one', async () => {
    const { kv, show } = propagatingKv({ ...pointerB, previous: { version: A } })
    // Concurrent requests too: each fails on B, or waits on a request that did, and is answered again from A.
    const rounds = await Promise.all([0, 1, 2].map(() => answerAll(kv)))
    expect(rounds).toEqual(rounds.map(() => checks.map(() => A)))
    const health = (await (await app.request('/healthz', {}, { INDEX: kv, POINTER_TTL_SECONDS: '0' })).json()) as any
    expect(health).toMatchObject({ status: 'degraded', version: A, fault: { fault: 'propagating' } })
    expect(health.fault.message).toContain(B)

    show()
    const seen: string[][] = []
    // The held-back version is tried again after a hold (one second here, where the pointer is re-read on every request).
    for (let round = 0; round < 100 && !seen.at(-1)?.every(isB); round++) {
      seen.push(await answerAll(kv))
      if (!seen.at(-1)!.every(isB)) await new Promise((r) => setTimeout(r, 100))
    }
    expect(seen.at(-1)).toEqual(checks.map(() => B))
    const flat = seen.flat()
    // Once B answered, A never answers again.
    expect(flat.slice(flat.indexOf(B)).every(isB)).toBe(true)
    const healed = (await (await app.request('/healthz', {}, { INDEX: kv, POINTER_TTL_SECONDS: '0' })).json()) as any
    expect(healed).toMatchObject({ status: 'ok', version: B })
  })
})

describe('a new pointer with no previous version, seen before its pieces', () => {
  it('answers 503 missing-key (there is nothing whole to fall back to)', async () => {
    const { kv } = propagatingKv(env.TEST_POINTER_B)
    const res = await app.request(`/v1/articles/${SLUG}`, {}, { INDEX: kv, POINTER_TTL_SECONDS: '0' })
    expect(res.status).toBe(503)
    expect(await res.json()).toMatchObject({ fault: 'missing-key' })
  })
})
