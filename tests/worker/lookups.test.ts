/** The lookup routes, answered by the Worker in workerd from KV filled with the real build. */
import { exports } from 'cloudflare:workers'
import { beforeAll, describe, expect, it } from 'vitest'
import { BUILD_VERSION, seedIndex } from './seed.ts'

const SLUG = 'what-you-leave-behind'
const get = (path: string, init?: RequestInit) => exports.default.fetch(new Request(`https://wylb.test${path}`, init))

beforeAll(() => seedIndex())

describe('GET /v1/articles', () => {
  it('lists the article with its lookup URL', async () => {
    const res = await get('/v1/articles')
    expect(res.status).toBe(200)
    expect(await res.json()).toEqual({
      articles: [
        {
          slug: SLUG,
          title: 'What You Leave Behind',
          url: `/v1/articles/${SLUG}`,
          attribution: expect.objectContaining({ publisher: 'Wikipedia', licence: 'CC BY-SA 4.0' }),
        },
      ],
    })
  })
})

describe('GET /v1/articles/:slug', () => {
  it('answers the whole model: infobox, sections, 22 references, 2 notes, attribution', async () => {
    const res = await get(`/v1/articles/${SLUG}`)
    expect(res.status).toBe(200)
    const article = (await res.json()) as any
    expect(article.title).toBe('What You Leave Behind')
    expect(article.summary).toMatch(/^"What You Leave Behind" is the series finale/)
    expect(article.references).toHaveLength(22)
    expect(article.notes).toHaveLength(2)
    expect(article.sections.map((s: any) => s.id)).toEqual([
      'lead',
      'plot',
      'production',
      'reception',
      'critical-reception',
      'notes',
      'references',
      'external-links',
    ])
    const field = (key: string) => article.infobox.fields.find((f: any) => f.key === key)
    expect(field('directed_by').values).toEqual(['Allan Kroeker'])
    expect(field('written_by').values).toEqual(['Ira Steven Behr', 'Hans Beimler'])
    expect(article.infobox.previous).toBe('The Dogs of War')
    expect(article.infobox.next).toBeNull()
    expect(article.attribution).toMatchObject({ publisher: 'Wikipedia', licence: 'CC BY-SA 4.0' })
  })

  it('links citations both ways: every cited_by passage cites the reference back', async () => {
    const article = (await (await get(`/v1/articles/${SLUG}`)).json()) as any
    const passages = new Map(article.sections.flatMap((s: any) => s.passages.map((p: any) => [p.id, p])))
    for (const ref of [...article.references, ...article.notes]) {
      for (const id of ref.cited_by) expect((passages.get(id) as any).citations).toContain(ref.id)
    }
    for (const passage of passages.values() as Iterable<any>) {
      for (const cited of passage.citations) {
        const target = [...article.references, ...article.notes].find((r: any) => r.id === cited)
        expect(target.cited_by).toContain(passage.id)
      }
    }
  })

  it('answers 404 problem+json naming an unknown slug', async () => {
    const res = await get('/v1/articles/the-visitor')
    expect(res.status).toBe(404)
    expect(res.headers.get('content-type')).toBe('application/problem+json')
    expect(await res.json()).toMatchObject({ status: 404, detail: expect.stringContaining('"the-visitor"') })
  })

  it('answers 400 problem+json naming a malformed slug', async () => {
    const res = await get('/v1/articles/What%20You')
    expect(res.status).toBe(400)
    expect(res.headers.get('content-type')).toBe('application/problem+json')
    expect(await res.json()).toMatchObject({ status: 400, parameter: 'slug' })
  })
})

describe('sections, references and notes', () => {
  it('lists sections without passages, with levels and parents', async () => {
    const body = (await (await get(`/v1/articles/${SLUG}/sections`)).json()) as any
    const critical = body.sections.find((s: any) => s.id === 'critical-reception')
    expect(critical).toMatchObject({ title: 'Critical reception', level: 2, parent: 'reception' })
    expect(critical.passages).toBeUndefined()
    expect(body.attribution.licence).toBe('CC BY-SA 4.0')
  })

  it('answers one section with its passages', async () => {
    const body = (await (await get(`/v1/articles/${SLUG}/sections/plot`)).json()) as any
    expect(body.section.title).toBe('Plot')
    expect(body.section.passages.length).toBeGreaterThan(5)
  })

  it('answers 404 naming an unknown section and listing the real ones', async () => {
    const res = await get(`/v1/articles/${SLUG}/sections/cast`)
    expect(res.status).toBe(404)
    expect(((await res.json()) as any).detail).toMatch(/"cast".*plot/)
  })

  it('answers a reference by number with its fields', async () => {
    const body = (await (await get(`/v1/articles/${SLUG}/references/1`)).json()) as any
    expect(body.reference).toMatchObject({
      n: 1,
      authors: ['DeCandido, Keith'],
      publisher: 'Tor.com',
      date: '2015-02-24',
    })
    expect(body.reference.cited_by).toHaveLength(body.reference.backlinks.length)
  })

  it.each([
    ['0', 400],
    ['abc', 400],
    ['1.5', 400],
    ['23', 404],
  ])('answers reference %s with %i', async (n, status) => {
    const res = await get(`/v1/articles/${SLUG}/references/${n}`)
    expect(res.status).toBe(status)
    expect(res.headers.get('content-type')).toBe('application/problem+json')
  })

  it('lists all 22 references and the 2 notes', async () => {
    expect(((await (await get(`/v1/articles/${SLUG}/references`)).json()) as any).references).toHaveLength(22)
    expect(((await (await get(`/v1/articles/${SLUG}/notes`)).json()) as any).notes).toHaveLength(2)
  })
})

describe('GET /v1/passages/:id', () => {
  it('answers the passage with its section and article', async () => {
    const body = (await (await get(`/v1/passages/${SLUG}:plot-1`)).json()) as any
    expect(body.passage).toMatchObject({ id: `${SLUG}:plot-1`, kind: 'paragraph', section: 'plot' })
    expect(body.section).toMatchObject({ id: 'plot', title: 'Plot' })
    expect(body.article.slug).toBe(SLUG)
  })

  it.each([
    [`${SLUG}:plot-999`, 404],
    ['voyager:plot-1', 404],
    ['no-colon', 400],
  ])('answers %s with %i', async (id, status) => {
    expect((await get(`/v1/passages/${id}`)).status).toBe(status)
  })
})

describe('HTTP caching and CORS', () => {
  it('marks answers with the index version as ETag and answers a matching If-None-Match with 304', async () => {
    const res = await get(`/v1/articles/${SLUG}/notes`)
    expect(res.headers.get('x-index-version')).toBe(BUILD_VERSION)
    const etag = res.headers.get('etag')
    expect(etag).toBe(`"${BUILD_VERSION}"`)
    expect(res.headers.get('cache-control')).toMatch(/public/)
    const again = await get(`/v1/articles/${SLUG}/notes`, { headers: { 'if-none-match': etag as string } })
    expect(again.status).toBe(304)
    expect(await again.text()).toBe('')
  })

  it('lets any origin GET', async () => {
    const res = await get('/v1/articles', { headers: { origin: 'https://fansite.example' } })
    expect(res.headers.get('access-control-allow-origin')).toBe('*')
  })
})

describe('health and documentation', () => {
  it('reports the index version, build time and counts', async () => {
    const body = (await (await get('/healthz')).json()) as any
    expect(body).toMatchObject({
      status: 'ok',
      version: BUILD_VERSION,
      counts: { articles: 1, references: 22, notes: 2 },
    })
  })

  it('serves an OpenAPI document of the routes', async () => {
    const doc = (await (await get('/openapi.json')).json()) as any
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining(['/v1/articles/{slug}', '/v1/passages/{id}', '/healthz']),
    )
  })

  it('serves the interactive reference at /docs', async () => {
    const res = await get('/docs')
    expect(res.status).toBe(200)
    expect(await res.text()).toContain('/openapi.json')
  })

  it('answers unknown routes with 404 problem+json', async () => {
    const res = await get('/v2/nothing')
    expect(res.status).toBe(404)
    expect(res.headers.get('content-type')).toBe('application/problem+json')
  })
})
