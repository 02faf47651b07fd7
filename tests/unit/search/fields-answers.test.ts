/**
 * Fields, synonyms and field answers, on the one engine: the default article alone, and among
 * real-style articles (tests/relevance/wiki-export.xml, with its redirects and synonyms file).
 */
import { beforeAll, describe, expect, it } from 'vitest'
import type { Article } from '../../../src/core/model.ts'
import { answerField, fieldQuestion, type FieldAnswer } from '../../../src/core/search/field-answer.ts'
import { buildShards } from '../../../src/core/shards/build.ts'
import { openShardedSearch, type ShardedSearch } from '../../../src/core/engine/engine.ts'
import { loadCorpus, readSynonyms, type Corpus } from '../../../tools/corpus/load.ts'
import { MULTI_EXPORT, multiCorpus } from '../../../tools/relevance/evaluate.ts'

interface Searchable {
  engine: ShardedSearch
  answer(q: string): Promise<FieldAnswer | null>
  top(q: string): Promise<string[]>
}

async function searchable(corpus: Corpus, synonyms: string[][]): Promise<Searchable> {
  const pieces = new Map<string, string>()
  const { metaName } = await buildShards(
    corpus.articles,
    corpus.aliases,
    (name, value) => void pieces.set(name, value),
    { synonyms },
  )
  const engine = await openShardedSearch(async (name) => pieces.get(name)!, metaName)
  const models = new Map<string, Article>(corpus.articles.map((a) => [a.slug, a]))
  return {
    engine,
    answer: async (q) => {
      const shown = (await engine.search({ q, limit: 10, offset: 0 }).catch(() => ({ results: [] }))).results.map(
        (h) => h.article.slug,
      )
      return answerField(q, engine, async (slug) => models.get(slug), shown)
    },
    top: async (q) => (await engine.search({ q, limit: 3, offset: 0 })).results.map((h) => h.id),
  }
}

let single: Searchable
let multi: Searchable

beforeAll(async () => {
  single = await searchable(await loadCorpus('index/corpus'), await readSynonyms('index/corpus'))
  multi = await searchable(await multiCorpus(), await readSynonyms(MULTI_EXPORT))
}, 60_000)

describe('fields with weights', () => {
  it('put the article whose title the query says first', async () => {
    expect((await multi.top('washington nationals'))[0]).toBe('washington-nationals:lead-1')
    expect((await multi.top('nationals park'))[0]).toBe('nationals-park:lead-1')
    expect((await multi.top('avery brooks'))[0]).toBe('avery-brooks:lead-1')
  })

  it('find an article by its aliases (redirects)', async () => {
    expect((await multi.top('montreal expos'))[0]).toBe('washington-nationals:lead-1')
    expect((await multi.top('the gunners'))[0]).toBe('arsenal-f-c:lead-1')
  })

  it('find a passage by its heading and its article title', async () => {
    expect((await multi.top('avery brooks teaching'))[0]).toBe('avery-brooks:teaching-1')
    expect((await multi.top('tears of the prophets reception'))[0]).toBe('tears-of-the-prophets:reception-1')
  })

  it('find the infobox row: "directed by kroeker"', async () => {
    expect((await single.top('directed by kroeker'))[0]).toBe('what-you-leave-behind:infobox-directed_by')
    expect(await multi.top('directed by kroeker')).toContain('what-you-leave-behind:infobox-directed_by')
  })

  it('never mark a field in a snippet: the marks are in the text', async () => {
    const hit = (await multi.engine.search({ q: 'avery brooks teaching', limit: 1, offset: 0 })).results[0]!
    expect(hit.snippet).toContain('<mark>Brooks</mark>')
    expect(hit.snippet).not.toContain('Teaching')
  })
})

describe('synonyms and abbreviations', () => {
  it('find Deep Space Nine for "ds9" and "deep space 9", and say what was expanded', async () => {
    const ds9 = await multi.engine.search({ q: 'ds9', limit: 3, offset: 0 })
    expect(ds9.results[0]!.id).toBe('star-trek-deep-space-nine:lead-1')
    expect(ds9.expansions).toContainEqual({ from: 'DS9', to: 'Deep Space Nine' })
    const nine = await multi.engine.search({ q: 'deep space 9', limit: 3, offset: 0 })
    expect(nine.results[0]!.id).toBe('star-trek-deep-space-nine:lead-1')
    expect(nine.expansions).toEqual([{ from: '9', to: 'nine' }])
  })

  it('apply numbers on the default article alone (no synonyms file needed)', async () => {
    const answer = await single.engine.search({ q: 'deep space 9 series finale', limit: 3, offset: 0 })
    expect(answer.results[0]!.id).toBe('what-you-leave-behind:lead-1')
    expect(answer.results[0]!.snippet).toContain('<mark>Deep</mark> <mark>Space</mark> <mark>Nine</mark>')
  })

  it('leave a query without synonyms as it was: no expansions', async () => {
    expect((await single.engine.search({ q: 'garak', limit: 3, offset: 0 })).expansions).toBeUndefined()
  })
})

describe('answers to field questions', () => {
  it('know which field a question asks about, and what it asks it of', () => {
    expect(fieldQuestion('Who directed the finale?')).toEqual({
      fields: ['directed_by', 'director'],
      subject: 'the finale',
    })
    expect(fieldQuestion('when did the finale first air')?.subject).toBe('the finale')
    expect(fieldQuestion('production code of what you leave behind')?.fields).toEqual(['production_code'])
    expect(fieldQuestion('what came before what you leave behind')?.fields).toEqual(['previous'])
    expect(fieldQuestion('what you leave behind air date')?.subject).toBe('what you leave behind')
    expect(fieldQuestion('emissary production code')?.fields).toEqual(['production_code'])
  })

  it('ask nothing for a query that names no field, or names a value', () => {
    for (const q of ['garak', 'directed by kroeker', 'allan kroeker', 'the finale', 'kira garak damar', 'who'])
      expect(fieldQuestion(q)).toBeNull()
  })

  it('answer from the infobox of the article the rest of the query finds ("the finale": its text)', async () => {
    expect(await single.answer('who directed the finale')).toEqual({
      field: 'directed_by',
      label: 'Directed by',
      values: ['Allan Kroeker'],
      article: { slug: 'what-you-leave-behind', title: 'What You Leave Behind' },
      passage: 'what-you-leave-behind:infobox-directed_by',
    })
    expect(await single.answer('when did the finale first air')).toMatchObject({
      field: 'original_air_date',
      values: ['June 2, 1999'],
      iso_date: '1999-06-02',
    })
    expect(await single.answer('who wrote what you leave behind')).toMatchObject({
      values: ['Ira Steven Behr', 'Hans Beimler'],
    })
    expect(await single.answer('production code of what you leave behind')).toMatchObject({ values: ['575', '576'] })
    expect(await single.answer('what came before what you leave behind')).toMatchObject({
      field: 'previous',
      values: ['The Dogs of War'],
      passage: 'what-you-leave-behind:infobox-previous',
    })
  })

  it('answer among other articles from the one the question names', async () => {
    expect(await multi.answer('who directed the dogs of war')).toMatchObject({
      values: ['Avery Brooks'],
      article: { slug: 'the-dogs-of-war-star-trek-deep-space-nine' },
    })
    expect(await multi.answer('who wrote all good things')).toMatchObject({
      values: ['Ronald D. Moore', 'Brannon Braga'],
    })
    expect(await multi.answer('what came after emissary')).toMatchObject({ field: 'next', values: ['Past Prologue'] })
    expect(await multi.answer('when was avery brooks born')).toMatchObject({
      field: 'birth_date',
      values: ['October 2, 1948'],
    })
    expect(await multi.answer('who directed the ds9 finale')).toMatchObject({
      values: ['Allan Kroeker'],
      article: { slug: 'what-you-leave-behind' },
    })
    expect(await multi.answer('tears of the prophets air date')).toMatchObject({
      values: ['June 17, 1998'],
      iso_date: '1998-06-17',
    })
    expect(await multi.answer('emissary production code')).toMatchObject({ values: ['721'] })
  })

  it('give no answer when that article lacks the field, never one from another article', async () => {
    expect(await multi.answer('who directed arsenal football club')).toBeNull()
    // "The finale" is an episode that calls itself one, not the series article that mentions its finale.
    const finale = await multi.answer('when did the finale first air')
    expect(['what-you-leave-behind', 'all-good-things-star-trek-the-next-generation', undefined]).toContain(
      finale?.article.slug,
    )
    expect(await multi.answer('what came after what you leave behind')).toBeNull()
    expect(await multi.answer('when was washington nationals born')).toBeNull()
    expect(await single.answer('who directed zzzzqqq')).toBeNull()
  })

  it('give no answer to a query that asks about no field', async () => {
    expect(await single.answer('directed by kroeker')).toBeNull()
    expect(await multi.answer('washington nationals')).toBeNull()
  })
})

describe('grouped results and facets', () => {
  it('group=article: one hit per article, its next best passages under it', async () => {
    const plain = await multi.engine.search({ q: 'sisko', limit: 50, offset: 0 })
    const grouped = await multi.engine.search({ q: 'sisko', limit: 50, offset: 0, group: 'article' })
    const slugs = grouped.results.map((h) => h.article.slug)
    expect(new Set(slugs).size).toBe(slugs.length)
    expect(grouped.total).toBe(new Set(plain.results.map((h) => h.article.slug)).size)
    const first = grouped.results[0]!
    expect(first.id).toBe(plain.results[0]!.id)
    const own = plain.results.filter((h) => h.article.slug === first.article.slug).map((h) => h.id)
    expect([first.id, ...(first.sub_results ?? []).map((h) => h.id)]).toEqual(own.slice(0, 4))
  })

  it('count the whole result set by article, kind and category, exactly when it is small', async () => {
    const corpus = await multiCorpus()
    const articles = corpus.articles.map((a) =>
      a.slug === 'washington-nationals' ? { ...a, categories: ['Major League Baseball teams'] } : a,
    )
    const withCategories = await searchable({ ...corpus, articles }, [])
    const answer = await withCategories.engine.search({ q: 'nationals', limit: 2, offset: 0 })
    const facets = answer.facets!
    expect(facets.counted).toBe(answer.total)
    expect(facets.approximate).toBeUndefined()
    expect(facets.articles.reduce((n, c) => n + c.count, 0)).toBe(answer.total)
    expect(facets.kinds.reduce((n, c) => n + c.count, 0)).toBe(answer.total)
    const nats = facets.articles.find((c) => c.value === 'washington-nationals')!
    expect(nats.title).toBe('Washington Nationals')
    // The export's own categories count too (the import keeps them); this one only the Nationals have.
    expect(facets.categories).toContainEqual({ value: 'Major League Baseball teams', count: nats.count })
    for (const c of facets.categories) expect(c.count).toBeLessThanOrEqual(answer.total)
  })

  it('filter by category, as the categories facet names it, without regard to case', async () => {
    const corpus = await multiCorpus()
    const articles = corpus.articles.map((a) =>
      a.slug === 'washington-nationals' ? { ...a, categories: ['Major League Baseball teams'] } : a,
    )
    const { engine } = await searchable({ ...corpus, articles }, [])
    const all = await engine.search({ q: 'nationals', limit: 50, offset: 0 })
    const only = await engine.search({ q: 'nationals', limit: 50, offset: 0, category: 'major league baseball TEAMS' })
    expect(only.total).toBeGreaterThan(0)
    expect(only.total).toBeLessThan(all.total)
    expect(only.results.every((hit) => hit.article.slug === 'washington-nationals')).toBe(true)
    expect(only.facets!.categories).toContainEqual({ value: 'Major League Baseball teams', count: only.total })
    expect((await engine.search({ q: 'nationals', limit: 50, offset: 0, category: 'no such category' })).total).toBe(0)
  })
})
