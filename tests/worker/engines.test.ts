/**
 * The two engines a build may choose, through the whole Worker: the FlexSearch index loaded whole
 * (the real corpus's build) and the sharded index read piece by piece (the same corpus built with
 * `engine: 'sharded'`, as corpora past FLEXSEARCH_MAX_TEXT are). They answer alike.
 */
import { env } from 'cloudflare:workers'
import { beforeAll, describe, expect, it } from 'vitest'
import app from '../../src/api/app.ts'
import { POINTER_KEY } from '../../src/store/layout.ts'
import { seedIndex } from './seed.ts'

const request = (kv: KVNamespace, path: string) => app.request(path, {}, { INDEX: kv, POINTER_TTL_SECONDS: '60' })
const body = async (kv: KVNamespace, path: string) => {
  const res = await request(kv, path)
  expect(res.status, path).toBe(200)
  return (await res.json()) as any
}

beforeAll(async () => {
  await seedIndex()
  await Promise.all(env.TEST_KV_ENTRIES_SHARDED.map((e) => env.SHARDED_INDEX.put(e.key, e.value)))
  await env.SHARDED_INDEX.put(POINTER_KEY, JSON.stringify(env.TEST_POINTER_SHARDED))
})

describe('the FlexSearch and the sharded engine', () => {
  it('are the ones /healthz names', async () => {
    expect((await body(env.INDEX, '/healthz')).engine).toBe('flexsearch')
    expect((await body(env.SHARDED_INDEX, '/healthz')).engine).toBe('sharded')
  })

  it.each([
    'garak',
    'Epsicokan',
    'novelization',
    'jemhadar',
    'jammer epsic',
    '"the more things change"',
    'garak -bashir',
    'who directed',
    'Gaarek',
    'sisko&limit=3&offset=3',
    'decandido&section=references',
    'kroeker&kind=infobox',
    'dukat&article=what-you-leave-behind',
  ])('answer /v1/search?q=%s alike', async (query) => {
    const [q, ...rest] = query.split('&')
    const path = `/v1/search?${[`q=${encodeURIComponent(q as string)}`, ...rest].join('&')}`
    expect(await body(env.SHARDED_INDEX, path)).toEqual(await body(env.INDEX, path))
  })

  it('suggest alike', async () => {
    expect(await body(env.SHARDED_INDEX, '/v1/suggest?q=epsic')).toEqual(await body(env.INDEX, '/v1/suggest?q=epsic'))
  })
})
