import { describe, expect, it } from 'vitest'
import { MAX_QUERY_LENGTH, MAX_SEARCH_LIMIT } from '../../../src/api/limits.ts'
import { SearchQuery, SuggestQuery } from '../../../src/api/search-params.ts'
import { ApiError, parseSearchResponse, parseSuggestResponse, searchUrl, suggestUrl } from '../../../src/widget/api.ts'
import { parseLimit } from '../../../src/widget/link.ts'

describe('request URLs', () => {
  it('builds /v1/search with optional filters', () => {
    expect(searchUrl('https://w.example', { q: 'sisko & odo', limit: 8 })).toBe(
      'https://w.example/v1/search?q=sisko+%26+odo&limit=8',
    )
    expect(
      searchUrl('https://w.example', { q: 'dukat', limit: 3, article: 'what-you-leave-behind', section: 'plot' }),
    ).toBe('https://w.example/v1/search?q=dukat&limit=3&article=what-you-leave-behind&section=plot')
  })

  it('caps the query length', () => {
    const url = new URL(searchUrl('https://w.example', { q: 'x'.repeat(500), limit: 8 }))
    expect(url.searchParams.get('q')).toHaveLength(MAX_QUERY_LENGTH)
  })

  it('sends the longest query the server takes, and the server takes it', () => {
    const sent = (q: string) => new URL(searchUrl('https://w.example', { q, limit: 8 })).searchParams.get('q') as string
    const longest = sent('x'.repeat(500))
    expect(SearchQuery.safeParse({ q: longest }).success).toBe(true)
    expect(SearchQuery.safeParse({ q: longest + 'x' }).success).toBe(false)
    const suggested = new URL(suggestUrl('https://w.example', 'x'.repeat(500), 4)).searchParams.get('q') as string
    expect(SuggestQuery.safeParse({ q: suggested }).success).toBe(true)
    // Characters, not UTF-16 units, as the server counts them: no surrogate pair is cut in two.
    expect(sent('🖖'.repeat(500))).toBe('🖖'.repeat(MAX_QUERY_LENGTH))
    expect(SearchQuery.safeParse({ q: sent('🖖'.repeat(500)) }).success).toBe(true)
  })

  it('asks for at most as many results as the server gives', () => {
    expect(parseLimit(String(MAX_SEARCH_LIMIT))).toBe(MAX_SEARCH_LIMIT)
    expect(SearchQuery.safeParse({ q: 'x', limit: String(MAX_SEARCH_LIMIT) }).success).toBe(true)
    expect(parseLimit(String(MAX_SEARCH_LIMIT + 1))).toBe(8)
    expect(SearchQuery.safeParse({ q: 'x', limit: String(MAX_SEARCH_LIMIT + 1) }).success).toBe(false)
  })

  it('builds /v1/suggest', () => {
    expect(suggestUrl('https://w.example/api', 'sis', 4)).toBe('https://w.example/api/v1/suggest?q=sis&limit=4')
  })
})

describe('parseSearchResponse', () => {
  it('keeps well-formed results and drops malformed ones', () => {
    const res = parseSearchResponse({
      query: 'sisko',
      total: 3,
      limit: 8,
      offset: 0,
      results: [
        {
          id: 'what-you-leave-behind:plot-3',
          article: { slug: 'what-you-leave-behind', title: 'What You Leave Behind' },
          section: { id: 'plot', title: 'Plot' },
          kind: 'paragraph',
          score: 3.2,
          snippet: '<mark>Sisko</mark>',
          url: '/v1/passages/what-you-leave-behind:plot-3',
        },
        null,
        { id: 42 },
        { id: 'what-you-leave-behind:lead-1', snippet: 7 },
      ],
      suggestion: '',
    })
    expect(res.results).toHaveLength(2)
    expect(res.results[1]).toMatchObject({
      article: { slug: 'what-you-leave-behind', title: 'what-you-leave-behind' },
      snippet: '',
    })
    expect(res.total).toBe(3)
    expect(res.suggestion).toBeNull()
  })

  it('says when the total is a lower bound (a large index searched frequent words in their best passages)', () => {
    expect(parseSearchResponse({ query: 'the', total: 40, results: [], approximate: true }).approximate).toBe(true)
    expect(parseSearchResponse({ query: 'the', total: 40, results: [], approximate: 'yes' }).approximate).toBe(false)
    expect(parseSearchResponse({ query: 'the', total: 40, results: [] }).approximate).toBe(false)
  })

  it("credits each publisher and licence of the answer's attributions once, in order", () => {
    const attribution = (publisher: string, licence = 'CC BY-SA 4.0') => ({
      title: 'T',
      publisher,
      licence,
      licence_url: 'https://creativecommons.org/licenses/by-sa/4.0/',
      source: 'https://x.test/wiki/T',
      text: '',
    })
    const res = parseSearchResponse({
      query: 'vale',
      total: 3,
      results: [],
      attributions: [
        attribution('Harbour Line Wiki'),
        attribution('Wikipedia'),
        attribution('Harbour Line Wiki'),
        { publisher: 3 },
        null,
      ],
    })
    expect(res.credits).toEqual([
      {
        publisher: 'Harbour Line Wiki',
        licence: 'CC BY-SA 4.0',
        licence_url: 'https://creativecommons.org/licenses/by-sa/4.0/',
      },
      {
        publisher: 'Wikipedia',
        licence: 'CC BY-SA 4.0',
        licence_url: 'https://creativecommons.org/licenses/by-sa/4.0/',
      },
    ])
    expect(parseSearchResponse({ query: 'x', total: 0, results: [] }).credits).toEqual([])
  })

  it('keeps a did-you-mean suggestion', () => {
    expect(parseSearchResponse({ query: 'siskp', total: 0, results: [], suggestion: 'sisko' }).suggestion).toBe('sisko')
  })

  it('throws an ApiError for unusable bodies', () => {
    expect(() => parseSearchResponse(null)).toThrow(ApiError)
    expect(() => parseSearchResponse({ type: 'about:blank', title: 'Bad Request', status: 400 })).toThrow(ApiError)
  })
})

describe('parseSuggestResponse', () => {
  it('keeps only non-empty strings', () => {
    expect(parseSuggestResponse({ query: 'si', suggestions: ['sisko', '', 3, null, 'sisters'] }).suggestions).toEqual([
      'sisko',
      'sisters',
    ])
    expect(() => parseSuggestResponse({})).toThrow(ApiError)
  })
})
