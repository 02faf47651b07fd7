/**
 * @module The loaded search engine: query → FlexSearch candidates → filters → ranking → page of
 * hits with snippets, plus "did you mean" and autocomplete. Synchronous and bounded.
 */
import { highlights, pageOf, shapeHit } from '../../src/core/engine/shape.ts'
import type { Index } from 'flexsearch'
import type { PassageKind } from '../../src/core/model.ts'
import { expandUnit, type Expanded, type TermTable } from '../../src/core/search/expand.ts'
import { kindWeight } from '../../src/core/search/fields.ts'
import { Synonyms, applySynonyms, type Expansion } from '../../src/core/search/synonyms.ts'

const BUILT_IN = new Synonyms([])
import { Lru } from '../../src/core/search/lru.ts'
import { lookup } from './flex.ts'
import { KINDS, decodeStream, type Pieces } from './format.ts'
import { phraseStarts, type PassageTokens } from '../../src/core/search/passage-tokens.ts'
import { renderQuery, searchableQuery, type ParsedQuery, type QUnit } from '../../src/core/search/query.ts'
import { compareScored, idfOf, scorePassage, type Scored, type Stats } from '../../src/core/search/score.ts'
import { completions } from '../../src/core/search/suggest.ts'
import { SUGGESTION_CAP, suggestionTolerance } from '../../src/core/search/typo.ts'
import { type SearchAnswer, type SearchHit, type SearchRequest } from '../../src/core/search/types.ts'
import { Vocabulary } from '../../src/core/search/vocab.ts'

/** The in-memory engine: synchronous, the whole index loaded. */
export interface SearchEngine {
  /** Throws QueryError when the query has nothing to search. */
  search(req: SearchRequest): SearchAnswer
  /** Completions of the last word of `q`, most frequent first, earlier words kept as typed. */
  suggest(q: string, limit: number): string[]
  /** What filters may name, so the API can answer 400 naming the valid ones. */
  facets: { articles: string[]; sections: string[]; kinds: PassageKind[] }
}

export class Engine implements SearchEngine {
  readonly facets: SearchEngine['facets']
  private readonly termIds = new Map<string, number>()
  private readonly vocab: Vocabulary
  private readonly tokens: (PassageTokens | undefined)[]
  private readonly dfCache = new Map<number, number[]>()
  /** Expansions of query units, memoized (typed words repeat across queries). */
  private readonly expander: Expander
  private readonly stats: Stats
  /** idf by term id, NaN until first asked (the ranking loop asks per passage and unit). */
  private readonly idfs: Float64Array
  /** Section ordinal → the ordinals it covers (itself and its subsections), keyed by article+id. */
  private readonly sectionParent: (number | null)[]

  constructor(
    private readonly pieces: Pieces,
    private readonly flex: Index,
  ) {
    const { docs, terms, vocab } = pieces
    terms.forEach((t, i) => this.termIds.set(t, i))
    this.vocab = new Vocabulary(vocab)
    this.expander = new Expander(this, this.vocab)
    this.tokens = new Array(docs.passages.length)
    this.idfs = new Float64Array(terms.length).fill(NaN)
    this.sectionParent = docs.sections.map(([a, , , parent]) => {
      if (parent === null) return null
      const i = docs.sections.findIndex(([b, id]) => b === a && id === parent)
      return i >= 0 ? i : null
    })
    const total = pieces.streams.reduce((n, s) => n + s[0].length / 3, 0)
    this.stats = {
      passages: docs.passages.length,
      avgLength: total / Math.max(1, docs.passages.length),
      df: (term) => this.postings(term).length,
      idf: (term) => {
        let v = this.idfs[term]!
        if (Number.isNaN(v)) this.idfs[term] = v = idfOf(this.stats, term)
        return v
      },
    }
    this.facets = {
      articles: docs.articles.map(([slug]) => slug),
      sections: [...new Set(docs.sections.map(([, id]) => id))],
      kinds: [...KINDS],
    }
  }

  private passage(i: number): PassageTokens {
    let t = this.tokens[i]
    if (!t) this.tokens[i] = t = decodeStream(this.pieces.streams[i]!)
    return t
  }

  /** Passage ordinals of a term id (FlexSearch), cached. */
  private postings(term: number): number[] {
    let list = this.dfCache.get(term)
    if (!list) {
      list = lookup(this.flex, this.pieces.terms[term] ?? '', this.pieces.docs.passages.length)
      this.dfCache.set(term, list)
    }
    return list
  }

  /** Adds the passages that may match `x` to `pool` (no per-unit set: the pool is the union). */
  private candidates(x: Expanded, pool: Set<number>): void {
    for (const alt of x.alts) for (const p of this.postings(alt.term)) pool.add(p)
    for (const seq of [x.seq, ...(x.also ?? [])]) {
      if (!seq) continue
      // Passages holding every part: the rarest part's postings, then verified when scored.
      let rarest = this.postings(seq[0]!)
      for (const t of seq) if (this.postings(t).length < rarest.length) rarest = this.postings(t)
      for (const p of rarest) pool.add(p)
    }
  }

  private excluded(x: Expanded, ordinal: number): boolean {
    const p = this.passage(ordinal)
    if (x.alts.some((a) => p.positions.has(a.term))) return true
    return x.seq !== null && phraseStarts(p, x.seq).length > 0
  }

  private filter(req: SearchRequest): (ordinal: number) => boolean {
    const { docs } = this.pieces
    const article = req.article
    const kind = req.kind === undefined ? -1 : KINDS.indexOf(req.kind as PassageKind)
    return (ordinal) => {
      const [, s, k] = docs.passages[ordinal]!
      if (kind !== -1 && k !== kind) return false
      const sec = docs.sections[s]!
      if (article !== undefined && docs.articles[sec[0]]![0] !== article) return false
      if (req.section !== undefined) {
        const parent = this.sectionParent[s]
        if (
          sec[1] !== req.section &&
          (parent === null || parent === undefined || docs.sections[parent]![1] !== req.section)
        )
          return false
      }
      return true
    }
  }

  private rank(
    parsed: ParsedQuery,
    req: SearchRequest,
  ): { ranked: Scored[]; units: Expanded[]; expansions: Expansion[] } {
    // Built-in synonyms only (numbers): the oracle's builds have no synonyms file.
    const { units, expansions } = applySynonyms(
      parsed.positive.map((u) => this.expander.expand(u, true)),
      BUILT_IN.find(parsed.positive),
      (t) => this.id(t),
    )
    const negatives = parsed.negative.map((u) => this.expander.expand(u, false))
    const required = units.map((x) => !x.unit.stop)
    const requiredCount = required.filter(Boolean).length
    const keep = this.filter(req)
    const pool = new Set<number>()
    for (const x of units) this.candidates(x, pool)
    let scored: Scored[] = []
    for (const ordinal of pool) {
      if (!keep(ordinal) || negatives.some((n) => this.excluded(n, ordinal))) continue
      const s = scorePassage(
        ordinal,
        units,
        required,
        this.passage(ordinal),
        this.stats,
        kindWeight(KINDS[this.pieces.docs.passages[ordinal]![2]]),
      )
      if (s) scored.push(s)
    }
    // AND when some passage has every word; otherwise OR, ranked by how many words match.
    if (scored.some((s) => s.matched === requiredCount)) scored = scored.filter((s) => s.matched === requiredCount)
    scored.sort(compareScored)
    return { ranked: scored, units, expansions }
  }

  id(term: string): number | undefined {
    return this.termIds.get(term)
  }

  search(req: SearchRequest): SearchAnswer {
    return this.run(req, true)
  }

  private run(req: SearchRequest, withSuggestion: boolean): SearchAnswer {
    const parsed = searchableQuery(req.q)
    const { ranked, units, expansions } = this.rank(parsed, req)
    const { offset, limit } = pageOf(req)
    const marks = highlights(units)
    const results = ranked.slice(offset, offset + limit).map((s) => this.hit(s, marks))
    const answer: SearchAnswer = {
      query: parsed.canonical,
      total: ranked.length,
      results,
      ...(expansions.length > 0 ? { expansions } : {}),
    }
    if (withSuggestion && ranked.length < 2) {
      const suggestion = this.didYouMean(parsed, req, ranked.length)
      if (suggestion) answer.suggestion = suggestion
    }
    return answer
  }

  private hit(s: Scored, marks: ReturnType<typeof highlights>): SearchHit {
    const { docs } = this.pieces
    const passage = docs.passages[s.ordinal]!
    const [a, id, title] = docs.sections[passage[1]]!
    const [slug, articleTitle] = docs.articles[a]!
    return shapeHit(s, passage, { id, title }, { slug, title: articleTitle }, this.passage(s.ordinal), marks)
  }

  /** The query with its unknown words corrected, when that finds more than the query did. */
  private didYouMean(parsed: ParsedQuery, req: SearchRequest, total: number): string | undefined {
    const replace = new Map<QUnit, string>()
    for (const u of parsed.positive) {
      if (u.type !== 'word' || this.expander.expand(u, false).known) continue
      const near = this.vocab.near(u.key, suggestionTolerance(u.key), SUGGESTION_CAP)
      const best = near.find((c) => c.entry[4] === 1) ?? near[0]
      if (best) replace.set(u, (best.entry[3] || best.entry[0]).toLowerCase())
    }
    if (replace.size === 0) return undefined
    const q = renderQuery(parsed.items, replace)
    const again = this.run({ ...req, q, offset: 0, limit: 0 }, false)
    return again.total > total ? again.query : undefined
  }

  suggest(q: string, limit: number): string[] {
    return completions(this.vocab, q, limit)
  }
}

/**
 * expandUnit, memoized per engine (bounded): the same words come back query after query, and their
 * prefix and typo lookups are the costly part. Cached alts/seq are shared and never modified.
 */
export class Expander {
  private readonly cache = new Lru<string, Expanded>(2048)

  constructor(
    private readonly terms: TermTable,
    private readonly vocab: Vocabulary,
  ) {}

  expand(u: QUnit, allowFuzzy: boolean): Expanded {
    const parts = u.parts.map((p) => p.term).join(' ')
    const id = `${u.type}:${u.prefix ? 1 : 0}${allowFuzzy ? 1 : 0}:${u.key}:${u.term}:${parts}`
    let x = this.cache.get(id)
    if (!x) this.cache.set(id, (x = expandUnit(u, this.terms, this.vocab, allowFuzzy)))
    return x.unit === u ? x : { ...x, unit: u }
  }
}
