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

  it('answers a hit with the bytes and content type of the answer it keeps', async () => {
    const first = await get('/v1/search?q=quark%20bar&limit=4')
    const again = await get('/v1/search?q=quark%20bar&limit=4')
    expect([first.headers.get('x-cache'), again.headers.get('x-cache')]).toEqual(['miss', 'hit'])
    expect(again.headers.get('content-type')).toBe('application/json')
    expect(first.headers.get('content-type')).toBe('application/json')
    expect(await again.text()).toBe(await first.text())
  })

  it('asks the edge cache nothing while answers are computed from memory alone', async () => {
    const edge = (caches as unknown as { default: Cache }).default
    const asked: string[] = []
    const match = edge.match.bind(edge)
    edge.match = (request, options) => {
      asked.push(String(request instanceof Request ? request.url : request))
      return match(request, options)
    }
    try {
      // The Worker reads `caches.default` anew each time: the patch is seen there, or this test proves nothing.
      await (caches as unknown as { default: Cache }).default.match('https://cache.wylb.internal/v1/search?probe')
      expect(asked).toEqual(['https://cache.wylb.internal/v1/search?probe'])
      await get('/v1/search?q=nog%20rom&limit=3')
      await get('/v1/search?q=nog%20rom&limit=2')
      asked.length = 0
      await get('/v1/search?q=nog%20rom&limit=1')
      expect(asked.filter((url) => url.includes('/v1/search'))).toEqual([])
    } finally {
      edge.match = match
    }
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

describe('GET /v1/search answers field questions, expands synonyms, groups and counts', () => {
  it('puts the infobox answer first for a field question, the ranked results below', async () => {
    const answer = await search(`q=${encodeURIComponent('Who directed the finale?')}`)
    expect(answer.answer).toEqual({
      field: 'directed_by',
      label: 'Directed by',
      values: ['Allan Kroeker'],
      article: { slug: SLUG, title: 'What You Leave Behind' },
      passage: `${SLUG}:infobox-directed_by`,
    })
    expect(answer.results.length).toBeGreaterThan(0)
    const aired = await search(`q=${encodeURIComponent('when did the finale first air')}`)
    expect(aired.answer).toMatchObject({ field: 'original_air_date', values: ['June 2, 1999'], iso_date: '1999-06-02' })
  })

  it('gives no answer to a query that asks about no field, or about a field the article lacks', async () => {
    expect((await search('q=directed+by+kroeker')).answer).toBeUndefined()
    expect((await search('q=garak')).answer).toBeUndefined()
    expect((await search(`q=${encodeURIComponent('when was the finale born')}`)).answer).toBeUndefined()
  })

  it('says which synonyms it searched: "deep space 9" finds Deep Space Nine', async () => {
    const answer = await search('q=deep+space+9+series+finale')
    expect(answer.expansions).toContainEqual({ from: '9', to: 'nine' })
    expect(ids(answer)[0]).toBe(`${SLUG}:lead-1`)
  })

  it('carries facets, and groups by article with group=article', async () => {
    const plain = await search('q=sisko&limit=50')
    expect(plain.facets.articles).toEqual([{ value: SLUG, title: 'What You Leave Behind', count: plain.total }])
    expect(plain.facets.kinds.reduce((n: number, c: { count: number }) => n + c.count, 0)).toBe(plain.total)
    const grouped = await search('q=sisko&group=article')
    expect(grouped.total).toBe(1)
    expect(grouped.results).toHaveLength(1)
    expect(grouped.results[0].id).toBe(plain.results[0].id)
    expect(grouped.results[0].sub_results.map((r: { id: string }) => r.id)).toEqual(ids(plain).slice(1, 4))
    expect(grouped.results[0].sub_results[0].url).toBe(`/v1/passages/${plain.results[1].id}`)
  })

  it("filters by category: none of the default article's, so nothing; an overlong one is a 400", async () => {
    expect((await search('q=sisko&category=Baseball')).total).toBe(0)
    const res = await get(`/v1/search?q=sisko&category=${'x'.repeat(201)}`)
    expect(res.status).toBe(400)
    expect(((await res.json()) as any).parameter).toBe('category')
  })

  it('refuses an unknown group with a problem', async () => {
    const res = await get('/v1/search?q=garak&group=section')
    expect(res.status).toBe(400)
    expect(res.headers.get('content-type')).toContain('application/problem+json')
  })
})
