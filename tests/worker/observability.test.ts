/**
 * What the Worker tells its operator, in workerd: one JSON log line per request (route pattern, status,
 * index version, KV reads and bytes, engine time; of the query only its shape), a `Server-Timing`
 * header with KV and engine time, and content-addressed pieces read with a KV `cacheTtl`.
 */
import { env } from 'cloudflare:workers'
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest'
import app from '../../src/api/app.ts'
import { POINTER_KEY } from '../../src/core/storage/keys.ts'
import { seedIndex } from './seed.ts'

interface Read {
  key: string | string[]
  options: { cacheTtl?: number } | string | undefined
}

/**
 * The sharded build's namespace, noting the options of every read. Each call makes a new object, so
 * the Worker opens a new store for it and its first request reads KV cold.
 */
function recorded(kv: KVNamespace): { kv: KVNamespace; reads: Read[] } {
  const reads: Read[] = []
  const proxy = new Proxy(kv, {
    get(target, property) {
      if (property === 'get') {
        return (key: string | string[], options?: Read['options']) => {
          reads.push({ key, options })
          return target.get(key as string, options as 'text')
        }
      }
      const value = Reflect.get(target, property)
      return typeof value === 'function' ? value.bind(target) : value
    },
  })
  return { kv: proxy, reads }
}

function loggedRequests(log: { mock: { calls: unknown[][] } }): Record<string, unknown>[] {
  return log.mock.calls
    .map(([line]) => (typeof line === 'string' && line.startsWith('{') ? JSON.parse(line) : undefined))
    .filter((line) => line?.msg === 'request')
}

const ask = (kv: KVNamespace, path: string) => app.request(path, {}, { INDEX: kv, POINTER_TTL_SECONDS: '60' })

beforeAll(() => seedIndex())
afterEach(() => vi.restoreAllMocks())

describe('KV cacheTtl', () => {
  // First in this file: the colo's cache (per test file) holds no piece yet, so the pieces come from KV.
  it('is a day on content-addressed pieces, which never change, and absent on the live-version pointer', async () => {
    vi.spyOn(console, 'log').mockImplementation(() => {})
    const { kv, reads } = recorded(env.INDEX)
    expect((await ask(kv, '/v1/search?q=garak')).status).toBe(200)
    const keysOf = (read: Read) => (Array.isArray(read.key) ? read.key : [read.key])
    const ttl = (read: Read) => (typeof read.options === 'object' ? read.options.cacheTtl : undefined)
    const pieces = reads.filter((read) => keysOf(read).every((key) => key.startsWith('s/')))
    expect(pieces.length).toBeGreaterThan(0)
    expect(pieces.map(ttl)).toEqual(pieces.map(() => 86_400))
    expect(reads.filter((read) => read.key === POINTER_KEY).map(ttl)).toEqual([undefined])
  })
})

describe('the log line', () => {
  it('is one JSON line per request: route, status, version, KV reads and bytes, engine time', async () => {
    const log = vi.spyOn(console, 'log').mockImplementation(() => {})
    const res = await ask(recorded(env.INDEX).kv, '/v1/search?q=Garak%20bashir')
    expect(res.status).toBe(200)
    const lines = loggedRequests(log)
    expect(lines).toHaveLength(1)
    expect(lines[0]).toMatchObject({
      method: 'GET',
      route: '/v1/search',
      status: 200,
      version: env.TEST_POINTER.version,
      q_chars: 12,
      q_words: 2,
    })
    expect(lines[0]!.kv_reads).toBeGreaterThan(0)
    expect(lines[0]!.kv_bytes).toBeGreaterThan(0)
    expect(lines[0]!.engine_ms).toEqual(expect.any(Number))
  })

  it('never holds the query text, nor the URL of a lookup: only route patterns', async () => {
    const log = vi.spyOn(console, 'log').mockImplementation(() => {})
    const { kv } = recorded(env.INDEX)
    await ask(kv, '/v1/search?q=Garak%20bashir')
    const missing = await ask(kv, '/v1/articles/no-such-article')
    expect(missing.status).toBe(404)
    const lines = loggedRequests(log)
    expect(lines.map((line) => [line.route, line.status])).toEqual([
      ['/v1/search', 200],
      ['/v1/articles/:slug', 404],
    ])
    expect(JSON.stringify(lines).toLowerCase()).not.toMatch(/garak|bashir|no-such-article/)
  })
})

describe('Server-Timing', () => {
  it('names the KV time (with reads and bytes), the engine time and the total, readable by any origin', async () => {
    vi.spyOn(console, 'log').mockImplementation(() => {})
    const res = await ask(recorded(env.INDEX).kv, '/v1/search?q=garak')
    const timing = res.headers.get('server-timing') ?? ''
    expect(timing).toMatch(/(^|,\s*)kv;dur=[\d.]+;desc="[1-9]\d* reads, [1-9]\d* B"/)
    expect(timing).toMatch(/(^|,\s*)engine;dur=[\d.]+/)
    expect(timing).toMatch(/(^|,\s*)total;dur=[\d.]+/)
    expect(res.headers.get('timing-allow-origin')).toBe('*')
  })
})
