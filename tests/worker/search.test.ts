/** `/v1/search` and `/v1/suggest` over HTTP, in workerd, from KV filled with the real build. */
import { exports } from 'cloudflare:workers'
import { beforeAll, describe, expect, it } from 'vitest'
import { BUILD_VERSION, seedIndex } from './seed.ts'

const SLUG = 'what-you-leave-behind'
const get = (path: string, init?: RequestInit) => exports.default.fetch(new Request(`https://wylb.test${path}`, init))
const search = async (query: string) => {
  const res = await get(`/v1/search?${query}`)
  expect(res.status).toBe(200)
  return (await res.json()) as any
}
const ids = (answer: any): string[] => answer.results.map((r: any) => r.id)

beforeAll(() => seedIndex())

describe('GET /v1/search answers', () => {
  it('with the documented shape and highlighted snippets', async () => {
    const answer = await search('q=garak&limit=2')
    expect(answer).toMatchObject({ query: 'garak', limit: 2, offset: 0 })
    expect(answer.total).toBeGreaterThanOrEqual(answer.results.length)
    const [hit] = answer.results
    expect(hit).toMatchObject({
      article: { slug: SLUG, title: 'What You Leave Behind' },
      section: { id: 'plot', title: 'Plot' },
      kind: 'paragraph',
      url: `/v1/passages/${hit.id}`,
    })
    expect(hit.snippet).toContain('<mark>Garak</mark>')
    expect(answer.attributions).toEqual([expect.objectContaining({ licence: 'CC BY-SA 4.0', publisher: 'Wikipedia' })])
  })

  it.each([
    ['a typo', 'Epsicokan', `${SLUG}:critical-reception-3`],
    ['a typo of a name', 'Cardasian revolt', `${SLUG}:plot-1`],
    ['another word form', 'novelization', `${SLUG}:production-5`],
    ['punctuation the article has', 'jemhadar', `${SLUG}:plot-1`],
    ['a prefix of the last word', 'jammer epsic', `${SLUG}:critical-reception-3`],
    ['a phrase', '"the more things change"', `${SLUG}:plot-7`],
    ['an infobox question', 'who directed', `${SLUG}:infobox-directed_by`],
  ])('finds the passage for %s (%s)', async (_, q, expected) => {
    expect(ids(await search(`q=${encodeURIComponent(q)}`)).slice(0, 3)).toContain(expected)
  })

  it('excludes passages holding a -word', async () => {
    const all = ids(await search('q=garak'))
    const without = await search(`q=${encodeURIComponent('garak -bashir')}`)
    expect(ids(without).length).toBeLessThan(all.length)
    for (const hit of without.results) expect(hit.snippet.toLowerCase()).not.toContain('bashir')
  })

  it('filters by section and kind', async () => {
    const bySection = await search('q=decandido&section=references')
    expect(bySection.results.length).toBeGreaterThan(0)
    expect(bySection.results.every((r: any) => r.section.id === 'references' && r.kind === 'reference')).toBe(true)
    const byKind = await search('q=kroeker&kind=infobox')
    expect(ids(byKind)).toEqual([`${SLUG}:infobox-directed_by`])
  })

  it('pages with limit and offset', async () => {
    const first = ids(await search('q=sisko&limit=3'))
    const second = ids(await search('q=sisko&limit=3&offset=3'))
    expect(first).toHaveLength(3)
    expect(second.some((id) => first.includes(id))).toBe(false)
  })

  it('offers a did-you-mean suggestion when little matches', async () => {
    const answer = await search('q=Gaarek')
    expect(answer.suggestion).toBe('garak')
  })

  it('drops control characters and never echoes input as live markup', async () => {
    const answer = await search(`q=${encodeURIComponent('gar\u0000ak <script>alert(1)</script>')}`)
    expect(JSON.stringify(answer)).not.toContain('<script>')
    const marks = await search(`q=${encodeURIComponent('<b>garak</b>')}`)
    for (const hit of marks.results) expect(hit.snippet.replace(/<\/?mark>/g, '')).not.toMatch(/[<>]/)
  })
})

describe('GET /v1/search refuses with problem+json', () => {
  it.each([
    ['a missing q', '', 'q'],
    ['an empty q', 'q=', 'q'],
    ['a blank q', 'q=%20%20', 'q'],
    ['a q of 257 characters', `q=${'a'.repeat(257)}`, 'q'],
    ['a limit of 0', 'q=garak&limit=0', 'limit'],
    ['a limit of 51', 'q=garak&limit=51', 'limit'],
    ['a fractional limit', 'q=garak&limit=2.5', 'limit'],
    ['a negative offset', 'q=garak&offset=-1', 'offset'],
    ['an unknown kind', 'q=garak&kind=sidebar', 'kind'],
    ['an unknown article', 'q=garak&article=voyager', 'article'],
    ['an unknown section', 'q=garak&section=cast', 'section'],
    ['an operator-only query', 'q=-a%20-b', 'q'],
    ['a query of wildcards', 'q=*%20%3F%20%25', 'q'],
  ])('%s', async (_, query, parameter) => {
    const res = await get(`/v1/search?${query}`)
    expect(res.status).toBe(400)
    expect(res.headers.get('content-type')).toBe('application/problem+json')
    const problem = (await res.json()) as any
    expect(problem).toMatchObject({ status: 400, parameter })
    expect(problem.detail).toBeTruthy()
  })

  it('names the valid values of a filter', async () => {
    const problem = (await (await get('/v1/search?q=garak&section=cast')).json()) as any
    expect(problem.detail).toContain('critical-reception')
    const kind = (await (await get('/v1/search?q=garak&kind=sidebar')).json()) as any
    expect(kind.detail).toContain('paragraph')
  })

  it('answers an unclosed quote as a phrase to the end', async () => {
    const answer = await search(`q=${encodeURIComponent('"more things change')}`)
    expect(ids(answer)).toContain(`${SLUG}:plot-7`)
  })
})

describe('search caching', () => {
  it('answers a repeated query from the edge cache, keyed by the normalized query', async () => {
    await get('/v1/search?q=Weyoun%20Founder')
    const again = await get('/v1/search?q=%20weyoun%20%20FOUNDER&utm_source=x')
    expect(again.headers.get('x-cache')).toBe('hit')
  })

  it('answers a matching If-None-Match with 304', async () => {
    const res = await get('/v1/search?q=odo')
    expect(res.headers.get('etag')).toBe(`"${BUILD_VERSION}"`)
    expect((await get('/v1/search?q=odo', { headers: { 'if-none-match': `"${BUILD_VERSION}"` } })).status).toBe(304)
  })
})

describe('GET /v1/suggest', () => {
  it('completes the last word from the vocabulary', async () => {
    const body = (await (await get('/v1/suggest?q=epsic')).json()) as any
    expect(body).toEqual({ query: 'epsic', suggestions: ['Epsicokhan'] })
  })

  it('keeps the earlier words', async () => {
    const body = (await (await get('/v1/suggest?q=jamahl%20epsi&limit=3')).json()) as any
    expect(body.suggestions[0]).toMatch(/^jamahl epsicokhan$/i)
  })

  it.each([['q='], ['q=ab&limit=0'], ['q=ab&limit=21'], ['']])('refuses %s with 400', async (query) => {
    const res = await get(`/v1/suggest?${query}`)
    expect(res.status).toBe(400)
    expect(res.headers.get('content-type')).toBe('application/problem+json')
  })
})
