/**
 * Two real builds in one namespace and the pointer swapped back and forth while requests are in
 * flight: every answer says its version (`x-index-version`) and its body is that version's, whole.
 * Build B (tests/worker/second-build.ts) is the real corpus with " Swapped." appended to the summary.
 */
import { env } from 'cloudflare:workers'
import { beforeAll, describe, expect, it } from 'vitest'
import app from '../../src/api/app.ts'
import { POINTER_KEY } from '../../src/core/storage/keys.ts'

const A = env.TEST_POINTER.version
const B = env.TEST_POINTER_B.version
const SLUG = 'what-you-leave-behind'
const kv = env.SWAP_INDEX
const request = (path: string) => app.request(path, {}, { INDEX: kv, POINTER_TTL_SECONDS: '0' })
const point = (pointer: { version: string; built_at: string }) => kv.put(POINTER_KEY, JSON.stringify(pointer))

beforeAll(async () => {
  await Promise.all([...env.TEST_KV_ENTRIES, ...env.TEST_KV_ENTRIES_B].map((e) => kv.put(e.key, e.value)))
  await point(env.TEST_POINTER)
})

type Check = (version: string, body: any) => void
const isB = (version: string) => version === B

const checks: [path: string, check: Check][] = [
  [`/v1/articles/${SLUG}`, (v, body) => expect(body.summary.endsWith(' Swapped.')).toBe(isB(v))],
  [
    `/v1/articles/${SLUG}/sections/lead`,
    (v, body) => expect(body.section.passages[0].text.endsWith(' Swapped.')).toBe(isB(v)),
  ],
  [`/v1/passages/${SLUG}:lead-1`, (v, body) => expect(body.passage.text.endsWith(' Swapped.')).toBe(isB(v))],
  [
    '/v1/search?q=swapped',
    (v, body) => {
      const marked = body.results.some((r: any) => r.id === `${SLUG}:lead-1` && /<mark>Swapped<\/mark>/.test(r.snippet))
      expect(marked).toBe(isB(v))
      if (!isB(v)) expect(JSON.stringify(body.results)).not.toMatch(/swapped/i)
    },
  ],
  [
    '/v1/search?q=garak%20swapped&limit=50',
    (v, body) => expect(body.results.some((r: any) => /Swapped/.test(r.snippet))).toBe(isB(v)),
  ],
  ['/v1/suggest?q=swapp', (v, body) => expect(body.suggestions.some((s: string) => /^swapped$/i.test(s))).toBe(isB(v))],
  ['/healthz', (v, body) => expect(body.version).toBe(v)],
]

describe('the two builds', () => {
  it('are two versions', () => {
    expect(A).not.toBe(B)
    expect(env.TEST_KV_ENTRIES_B.some((e) => e.key === `v/${B}/manifest`)).toBe(true)
  })

  it('each answer as themselves when live', async () => {
    for (const pointer of [env.TEST_POINTER, env.TEST_POINTER_B, env.TEST_POINTER]) {
      await point(pointer)
      for (const [path, check] of checks) {
        const res = await request(path)
        expect(res.status, path).toBe(200)
        expect(res.headers.get('x-index-version'), path).toBe(pointer.version)
        check(pointer.version, await res.json())
      }
    }
  })
})

describe('swapping the pointer under load', () => {
  it('never mixes versions in one answer', async () => {
    const seen = { [A]: 0, [B]: 0 } as Record<string, number>
    const failures: string[] = []
    let swapping = true
    const swapper = (async () => {
      for (let i = 0; swapping; i++) {
        await point(i % 2 === 0 ? env.TEST_POINTER_B : env.TEST_POINTER)
        await new Promise((r) => setTimeout(r, 2))
      }
    })()
    const one = async (i: number) => {
      const [path, check] = checks[i % checks.length]!
      const res = await request(path)
      const version = res.headers.get('x-index-version') ?? (path === '/healthz' ? '' : 'none')
      if (res.status !== 200) return void failures.push(`${path}: ${res.status}`)
      const body = await res.json()
      const v = version || (body as any).version
      if (v !== A && v !== B) return void failures.push(`${path}: version ${v}`)
      seen[v]!++
      try {
        check(v, body)
      } catch (error) {
        failures.push(`${path} @ ${v}: ${String(error)}`)
      }
    }
    for (let round = 0; round < 8; round++) {
      await Promise.all(Array.from({ length: 50 }, (_, i) => one(round * 50 + i)))
    }
    swapping = false
    await swapper
    expect(failures).toEqual([])
    expect(seen[A]).toBeGreaterThan(0)
    expect(seen[B]).toBeGreaterThan(0)
  })
})
