/** A malformed percent-encoding in any query parameter is refused with a 400 naming it, never searched as typed. */
import { exports } from 'cloudflare:workers'
import { beforeAll, describe, expect, it } from 'vitest'
import { malformedParameter } from '../../src/api/percent-encoding.ts'
import { seedIndex } from './seed.ts'

const get = (path: string) => exports.default.fetch(new Request(`https://wylb.test${path}`))

beforeAll(() => seedIndex())

describe('malformed percent-encoding', () => {
  it('answers a truncated escape in q with a 400 problem+json naming q', async () => {
    const res = await get('/v1/search?q=%E0%A4%A')
    expect(res.status).toBe(400)
    expect(res.headers.get('content-type')).toBe('application/problem+json')
    const body = (await res.json()) as { parameter: string; detail: string; type: string }
    expect(body).toMatchObject({ parameter: 'q', type: '/problems/bad-request' })
    expect(body.detail).toContain('"%E0%A4%A" is not valid percent-encoding')
  })

  it('names whichever parameter holds it, on every route', async () => {
    for (const [path, parameter] of [
      ['/v1/search?q=garak&article=%ZZ', 'article'],
      ['/v1/suggest?q=ga&limit=%', 'limit'],
      ['/v1/articles?x=%E0%A4', 'x'],
      ['/v1/search?q=garak&%G1=1', '%G1'],
    ] as const) {
      const res = await get(path)
      expect(res.status, path).toBe(400)
      expect(((await res.json()) as { parameter: string }).parameter, path).toBe(parameter)
    }
  })

  it('still searches well-formed escapes, + as a space, and a literal %25', async () => {
    expect((await get('/v1/search?q=%E0%A4%A8')).status).not.toBe(400)
    expect((await get('/v1/search?q=elim+garak')).status).toBe(200)
    expect((await get('/v1/search?q=100%25')).status).not.toBe(400)
  })

  it('is one pure check of the raw query string', () => {
    expect(malformedParameter('?q=%E0%A4%A')).toEqual({ parameter: 'q', raw: '%E0%A4%A' })
    expect(malformedParameter('q=ok&kind=%C3')).toEqual({ parameter: 'kind', raw: '%C3' })
    expect(malformedParameter('?q=%C3%A9t%C3%A9&limit=5')).toBeNull()
    expect(malformedParameter('')).toBeNull()
  })
})
