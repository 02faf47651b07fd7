/**
 * The sharded engine answers exactly as the monolithic one: same hits in the same order, same
 * scores and snippets, same totals and suggestions, on a corpus small enough for both.
 */
import { readFileSync } from 'node:fs'
import { beforeAll, describe, expect, it } from 'vitest'
import type { Article } from '../../../src/core/model.ts'
import {
  buildSearchIndex,
  loadSearchIndex,
  type SearchEngine,
  type SearchRequest,
} from '../../../tools/oracle/index.ts'
import type { ShardedSearch } from '../../../src/core/engine/engine.ts'
import { shardedOf, smallCorpus } from './fixture.ts'

const judged = (JSON.parse(readFileSync('tests/relevance/queries.json', 'utf8')) as { q: string }[]).map((j) => j.q)
const extra = [
  // typos, prefixes, phrases, exclusions, compounds, stopwords
  'garrak',
  'sisko dukkat',
  'kira nerys',
  'epsic',
  'cardass',
  'jem',
  "jem'hadar",
  'jemhadar',
  'JEM-HADAR',
  '"what you leave behind"',
  '"the more things',
  'garak -cardassia',
  'dominion -"founder"',
  'the',
  'the of',
  'ds9',
  'star trek deep space nine',
  'worf warf',
  'bashir ezri',
  'wormhole prophets',
  'zzzzqqq',
  'episode',
  'season finale',
  'ratings nielsen',
  "o'brien",
  'a',
  'xyz garak',
  'reviews',
  'ira steven behr',
]

let articles: Article[]
let mono: SearchEngine
let sharded: ShardedSearch
let words: string[]

beforeAll(async () => {
  articles = await smallCorpus()
  mono = await loadSearchIndex(await buildSearchIndex(articles))
  sharded = (await shardedOf(articles)).engine
  // Some words of the synthetic articles too.
  words = [...new Set(articles.slice(1, 6).flatMap((a) => a.summary.split(/\s+/).slice(0, 6)))].slice(0, 20)
}, 60_000)

function requests(): SearchRequest[] {
  const base = [...judged, ...extra, ...words, words.slice(0, 2).join(' '), `${words[3]} ${words[5]?.slice(0, 3)}`]
  const out: SearchRequest[] = base.map((q) => ({ q, limit: 10, offset: 0 }))
  out.push({ q: 'garak', limit: 5, offset: 3 })
  out.push({ q: 'the', limit: 10, offset: 0, kind: 'reference' })
  out.push({ q: 'episode', limit: 10, offset: 0, section: 'production' })
  out.push({ q: 'episode', limit: 10, offset: 0, section: 'plot' })
  out.push({ q: 'the', limit: 20, offset: 0, article: articles[2]!.slug })
  out.push({ q: 'sisko', limit: 10, offset: 0, article: 'what-you-leave-behind', kind: 'paragraph' })
  return out
}

describe('sharded engine ≡ monolithic engine', () => {
  it('answers every judged and extra query the same', async () => {
    let compared = 0
    for (const req of requests()) {
      let a: unknown
      let b: unknown
      try {
        a = mono.search(req)
      } catch (e) {
        a = { error: (e as Error).message }
      }
      try {
        const { attributions: _, facets: __, ...answer } = await sharded.search(req)
        b = answer
      } catch (e) {
        b = { error: (e as Error).message }
      }
      expect(b, JSON.stringify(req)).toEqual(a)
      compared++
    }
    expect(compared).toBeGreaterThan(80)
  })

  it('suggests the same completions', async () => {
    for (const q of ['epsic', 'ga', 'g', 'garak si', 'the ', 'jem', 'st', ...words.map((w) => w.slice(0, 3))]) {
      expect(await sharded.suggest(q, 8), q).toEqual(mono.suggest(q, 8))
    }
  })

  it('has the same section facet', async () => {
    expect(await sharded.sections()).toEqual(mono.facets.sections)
  })
})
