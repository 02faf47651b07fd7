/** The typed client TypeScript users get from the exported app type, with `hono/client`. */
import { hc } from 'hono/client'
import { describe, expect, expectTypeOf, it } from 'vitest'
import type { AppType } from '../../src/index.ts'

describe('hc<AppType>', () => {
  const client = hc<AppType>('https://wylb.example')

  it('builds the URLs of the routes from typed parameters', () => {
    expect(client.v1.articles[':slug'].$url({ param: { slug: 'what-you-leave-behind' } }).href).toBe(
      'https://wylb.example/v1/articles/what-you-leave-behind',
    )
    expect(client.v1.search.$url({ query: { q: 'garak', limit: '5' } }).href).toBe(
      'https://wylb.example/v1/search?q=garak&limit=5',
    )
  })

  it('types the answers', () => {
    type Search = Awaited<ReturnType<Awaited<ReturnType<typeof client.v1.search.$get>>['json']>>
    expectTypeOf<Extract<Search, { results: unknown }>['results'][number]['snippet']>().toEqualTypeOf<string>()
  })
})
