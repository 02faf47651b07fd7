import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { IndexFormatError, QueryError, loadSearchIndex } from '../../../tools/oracle/index.ts'
import { article, engineOf, ids, pid, realEngine } from './fixture.ts'

describe('search over the real article', async () => {
  const { engine } = await realEngine()
  const top = (q: string): string | undefined => ids(engine, q)[0]

  it('searches every kind of passage', () => {
    expect(top('who directed')).toBe(pid('infobox-directed_by'))
    expect(top('Federation Alliance fleet prepares')).toBe(pid('infobox-caption'))
    expect(top('warp factor rating')).toBe(pid('note-1'))
    expect(top('webtrek')).toBe(pid('ref-9'))
  })
  it("is case, diacritic and punctuation insensitive (Jem'Hadar = Jem Hadar = jemhadar = JEM-HADAR)", () => {
    const expected = ids(engine, "Jem'Hadar")
    expect(expected).toContain(pid('plot-2'))
    for (const q of ['jem hadar', 'jemhadar', 'JEM-HADAR', 'jém’hàdar']) expect(ids(engine, q)).toEqual(expected)
  })
  it('meets English word forms by stemming', () => {
    for (const q of ['novelize', 'novelized', 'novelization', 'novelizations']) expect(top(q)).toBe(pid('production-5'))
  })
  it('tolerates typos, ranked below exact matches', () => {
    expect(top('Sisco')).toBe(top('Sisko'))
    expect(engine.search({ q: 'Sisco', limit: 1, offset: 0 }).results[0]!.snippet).toContain('<mark>Sisko</mark>')
    expect(ids(engine, 'Cardasian')).toContain(pid('plot-2'))
    expect(top('Epsicokan')).toBe(top('Epsicokhan'))
    expect(top('Weyoon')).toBe(top('Weyoun'))
    expect(top('Garek')).toBe(top('Garak'))
    expect(ids(engine, 'Kasidi')).toEqual(ids(engine, 'Kasidy'))
    const exact = engine.search({ q: 'Garak', limit: 1, offset: 0 }).results[0]!
    const typo = engine.search({ q: 'Garek', limit: 1, offset: 0 }).results[0]!
    expect(typo.score).toBeLessThan(exact.score)
  })
  it('completes the last word as a prefix, below whole words', () => {
    expect(ids(engine, 'epsic')).toEqual(ids(engine, 'epsicokhan'))
    expect(top('novel')).toBe(pid('production-5'))
    expect(engine.search({ q: 'novel', limit: 1, offset: 0 }).results[0]!.snippet).toContain('<mark>novelized</mark>')
  })
  it('matches quoted phrases as phrases', () => {
    expect(ids(engine, '"the more things change"')).toEqual([pid('plot-7')])
    expect(ids(engine, '"change things the more"')).toEqual([])
  })
  it('excludes passages with a -word', () => {
    const all = ids(engine, 'ds9')
    const without = ids(engine, 'ds9 -sisko')
    expect(without.length).toBeGreaterThan(0)
    expect(without.length).toBeLessThan(all.length)
    for (const id of without) expect(ids(engine, 'sisko')).not.toContain(id)
  })
  it('ranks all words close together above them scattered, all above some', () => {
    expect(top('damar killed')).toBe(pid('plot-2'))
    expect(top('armistice signed')).toBe(pid('plot-4'))
    const some = engine.search({ q: 'garak zzzzqqq', limit: 50, offset: 0 })
    expect(some.total).toBeGreaterThan(0) // OR fallback when nothing has all
  })
  it('filters by article, section (with its subsections) and kind', () => {
    expect(ids(engine, 'decandido', { kind: 'reference' }).every((id) => id.includes(':ref-'))).toBe(true)
    expect(ids(engine, 'decandido', { section: 'reception' }).every((id) => id.includes('reception-'))).toBe(true)
    expect(ids(engine, 'decandido', { section: 'reception' }).length).toBeGreaterThan(0)
    expect(ids(engine, 'decandido', { article: 'nope' })).toEqual([])
    expect(engine.facets.kinds).toEqual(['paragraph', 'caption', 'infobox', 'note', 'reference', 'table', 'list'])
    expect(engine.facets.sections).toContain('critical-reception')
    expect(engine.facets.articles).toEqual(['what-you-leave-behind'])
  })
  it('is deterministic and pages without overlap', () => {
    const a = engine.search({ q: 'episode', limit: 5, offset: 0 })
    const b = engine.search({ q: 'episode', limit: 5, offset: 5 })
    expect(engine.search({ q: 'episode', limit: 5, offset: 0 })).toEqual(a)
    expect(b.results.map((h) => h.id)).toEqual(ids(engine, 'episode').slice(5, 10))
    expect(a.total).toBe(b.total)
  })
  it('says what it understood and suggests a correction when it finds almost nothing', () => {
    const a = engine.search({ q: 'GARAK\u0000  dukat', limit: 1, offset: 0 })
    expect(a.query).toBe('garak dukat')
    const s = engine.search({ q: 'Gaarek', limit: 1, offset: 0 })
    expect(s.total).toBe(0)
    expect(s.suggestion).toBe('garak')
    expect(engine.search({ q: s.suggestion!, limit: 1, offset: 0 }).total).toBeGreaterThan(0)
    expect(engine.search({ q: 'garak', limit: 1, offset: 0 }).suggestion).toBeUndefined()
  })
  it('answers a query of nothing searchable or only exclusions with a QueryError', () => {
    for (const q of ['* ? %', '!!!', '', '-a -b', '-"x y"'])
      expect(() => engine.search({ q, limit: 5, offset: 0 })).toThrow(QueryError)
    expect(() => engine.search({ q: '-a -b', limit: 5, offset: 0 })).toThrow(/exclude/)
  })
  it('never throws anything else, whatever the string', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 80, unit: 'binary' }), (q) => {
        try {
          engine.search({ q, limit: 5, offset: 0 })
        } catch (e) {
          expect(e).toBeInstanceOf(QueryError)
        }
      }),
      { numRuns: 300 },
    )
  })
  it('autocompletes the last word from the vocabulary, most frequent first', () => {
    expect(engine.suggest('jamahl epsi', 5)).toEqual(['jamahl Epsicokhan'])
    const car = engine.suggest('car', 10)
    expect(car[0]).toBe('Cardassia')
    expect(car).toContain('Cardassian')
    expect(engine.suggest('jem', 3)).toContain("Jem'Hadar")
    expect(engine.suggest('', 5)).toEqual([])
    expect(engine.suggest('zzzq', 5)).toEqual([])
    expect(engine.suggest('car', 2)).toHaveLength(2)
  })
  it('is fast', () => {
    const t = performance.now()
    for (let i = 0; i < 50; i++) engine.search({ q: 'sisko dukat fire caves', limit: 10, offset: 0 })
    expect((performance.now() - t) / 50).toBeLessThan(10)
  })
})

describe('serialization', async () => {
  const { engine, pieces } = await realEngine()
  it('round-trips: a loaded index answers as the fresh one', async () => {
    const loaded = await loadSearchIndex(JSON.parse(JSON.stringify(pieces)) as Record<string, string>)
    for (const q of ['garak', 'Cardasian fleet', '"pah wraith"', 'epsic', 'ds9 -sisko', 'who directed']) {
      expect(loaded.search({ q, limit: 10, offset: 0 })).toEqual(engine.search({ q, limit: 10, offset: 0 }))
    }
  })
  it('pieces are strings and the build is deterministic', async () => {
    const { buildSearchIndex } = await import('../../../tools/oracle/index.ts')
    const { articles } = await realEngine()
    expect(await buildSearchIndex(articles)).toEqual(pieces)
    for (const v of Object.values(pieces)) expect(typeof v).toBe('string')
  })
  it('rejects missing, corrupt or foreign pieces with IndexFormatError', async () => {
    const without = { ...pieces }
    delete without.docs
    await expect(loadSearchIndex(without)).rejects.toThrow(IndexFormatError)
    await expect(loadSearchIndex({ ...pieces, vocab: '{nope' })).rejects.toThrow(IndexFormatError)
    await expect(
      loadSearchIndex({ ...pieces, meta: pieces.meta!.replace(/"format":\d+/, '"format":999') }),
    ).rejects.toThrow(IndexFormatError)
    await expect(loadSearchIndex({ ...pieces, streams: '[]' })).rejects.toThrow(IndexFormatError)
    await expect(loadSearchIndex({})).rejects.toThrow(IndexFormatError)
  })
})

describe('ranking on hand-made articles', async () => {
  const engine = await engineOf(
    article('a', {
      one: [['paragraph', 'red apples grow far from any blue river in the valley of the north']],
      two: [['paragraph', 'red blue apples']],
      sub: [['reference', 'tables and chairs']],
    }),
    article('b', { one: [['paragraph', 'only red things here']] }),
  )
  it('ranks words side by side above scattered, then reading order on ties', () => {
    expect(ids(engine, 'red blue')).toEqual(['a:two-1', 'a:one-1'])
    expect(ids(engine, 'red')).toEqual(['a:two-1', 'b:one-1', 'a:one-1'])
  })
  it('keeps AND results only when some passage has every word', () => {
    expect(ids(engine, 'red river')).toEqual(['a:one-1'])
    // OR fallback: each has one of the words; the shorter passage scores higher.
    expect(ids(engine, 'chairs river')).toEqual(['a:sub-1', 'a:one-1'])
  })
  it('filters by article', () => {
    expect(ids(engine, 'red', { article: 'b' })).toEqual(['b:one-1'])
  })
})
