/**
 * @module Shaping the answer: a page of hits (snippets marked, scores in [0, 1]) drawn from the doc
 * blocks of the ranked passages, one hit per article with its next best under it when grouped, the
 * facets, and the answer's flags (`approximate`, synonym `expansions`).
 */
import { PASSAGE_KINDS, type Attribution, type PassageKind } from '../model.ts'
import type { Expanded } from '../search/expand.ts'
import type { PassageTokens } from '../search/passage-tokens.ts'
import type { ParsedQuery } from '../search/query.ts'
import type { Scored } from '../search/score.ts'
import { makeSnippet } from '../search/snippet.ts'
import type { Expansion } from '../search/synonyms.ts'
import type { AttributedAnswer, Facets, SearchHit, SearchRequest } from '../search/types.ts'
import type { DocBlockView, StoredPassage } from '../shards/piece-views.ts'
import type { ArticleDirectory } from './directory.ts'
import { facetsOf } from './facets.ts'
import { FACET_SCAN } from './filters.ts'
import type { IndexPieces } from './pieces.ts'
import type { Gathering } from './postings.ts'

/** Next best passages under a grouped hit. */
export const SUB_RESULTS = 3

/** The page's bounds, whole and non-negative whatever the caller passed. */
export function pageOf(req: SearchRequest): { offset: number; limit: number } {
  return { offset: Math.max(0, Math.floor(req.offset) || 0), limit: Math.max(0, Math.floor(req.limit) || 0) }
}

/**
 * The terms a snippet marks (every alternative of every unit, and the parts of joined words), the
 * phrases it marks whole, and the scale that turns scores into the [0, 1] `score` of a hit.
 */
export function highlights(units: Expanded[]): { hits: Set<number>; phrases: number[][]; scale: number } {
  const hits = new Set<number>()
  const phrases: number[][] = []
  for (const x of units) {
    for (const a of x.alts) hits.add(a.term)
    if (x.unit.type === 'phrase') {
      if (x.seq) phrases.push(x.seq)
    } else for (const t of x.seq ?? []) hits.add(t)
    for (const seq of x.also ?? []) phrases.push(seq)
  }
  const scale = Math.max(1, units.filter((x) => !x.unit.stop).length) * 1010 + 10
  return { hits, phrases, scale }
}

/** One hit of an answer, its score one number in [0, 1] that orders like the sort keys. */
export function shapeHit(
  s: Scored,
  passage: StoredPassage,
  section: { id: string; title: string },
  article: { slug: string; title: string },
  tokens: PassageTokens,
  marks: Marks,
): SearchHit {
  const [id, , kind, text] = passage
  const score = (s.matched * 1000 + s.exact * 10 + (9.99 * s.score) / (1 + s.score)) / marks.scale
  return {
    id,
    article: { slug: article.slug, title: article.title },
    section: { id: section.id, title: section.title },
    kind: PASSAGE_KINDS[kind] as PassageKind,
    score: Math.round(score * 1e6) / 1e6,
    snippet: makeSnippet(text, tokens, marks.hits, marks.phrases),
  }
}

type Marks = ReturnType<typeof highlights>

/** The hit of ranked passage `s` from its doc block; the attribution of its article is collected. */
function hitIn(
  s: Scored,
  block: DocBlockView,
  tokens: PassageTokens,
  marks: Marks,
  attributions: Map<string, Attribution>,
): SearchHit {
  const { passage, section, article } = block.passage(s.ordinal)
  if (!attributions.has(article.slug)) attributions.set(article.slug, article.attribution)
  return shapeHit(s, passage, section, article, tokens, marks)
}

/** What a query's ranking hands on to shaping. */
export interface Ranked {
  parsed: ParsedQuery
  units: Expanded[]
  expansions: Expansion[]
  ranked: Scored[]
  gathered: Gathering
  /** Whether ranking or the category filter left passages out (the facets say so too). */
  approximate: boolean
  /** Whether looking up typo candidates or completions left some out. */
  lookupsCut: boolean
}

/** One hit per article, in the order of its best passage; its next best ride under it. */
function groupsOf(counted: Scored[], directory: ArticleDirectory): Map<number, Scored[]> {
  const groups = new Map<number, Scored[]>()
  for (const s of counted) {
    const article = directory.articleOf(s.ordinal)
    const list = groups.get(article)
    if (!list) groups.set(article, [s])
    else if (list.length <= SUB_RESULTS) list.push(s)
  }
  return groups
}

/** The `total` of the answer to `req`: its ranked passages, or when grouped the articles of those counted. */
export function totalOf(req: SearchRequest, ranked: Scored[], directory: ArticleDirectory | null): number {
  return req.group === 'article' && directory ? groupsOf(ranked.slice(0, FACET_SCAN), directory).size : ranked.length
}

/** The answer to `req` from its ranked passages (without `suggestion`, which did-you-mean adds). */
export async function shapeAnswer(req: SearchRequest, r: Ranked, pieces: IndexPieces): Promise<AttributedAnswer> {
  const { offset, limit } = pageOf(req)
  const { ranked, gathered } = r
  const marks = highlights(r.units)
  const counted = ranked.slice(0, FACET_SCAN)
  const attributions = new Map<string, Attribution>()
  const shape = async (list: Scored[]): Promise<SearchHit[]> => {
    const blocks = await pieces.docBlocks(list.map((s) => s.ordinal))
    return list.map((s, i) =>
      hitIn(s, blocks[i]!, gathered.tokens(gathered.at(s.ordinal), 'marks'), marks, attributions),
    )
  }
  const { directory } = pieces
  const facetsApproximate = r.approximate || ranked.length > counted.length
  // The page's doc blocks and the pieces the facets read go out together: one round trip.
  if (req.group === 'article' && directory) {
    const groups = groupsOf(counted, directory)
    const page = [...groups.values()].slice(offset, offset + limit)
    const [facets, hits] = await Promise.all([
      facetsOf(counted, directory, gathered, facetsApproximate),
      shape(page.flat()),
    ])
    let at = 0
    const results = page.map((list) => {
      const [best, ...rest] = hits.slice(at, (at += list.length))
      return rest.length > 0 ? { ...best!, sub_results: rest } : best!
    })
    return answerOf(r, groups.size, results, facets, attributions)
  }
  const [facets, results] = await Promise.all([
    facetsOf(counted, directory, gathered, facetsApproximate),
    shape(ranked.slice(offset, offset + limit)),
  ])
  return answerOf(r, ranked.length, results, facets, attributions)
}

function answerOf(
  r: Ranked,
  total: number,
  results: SearchHit[],
  facets: Facets | undefined,
  attributions: Map<string, Attribution>,
): AttributedAnswer {
  return {
    query: r.parsed.canonical,
    total,
    results,
    ...(facets ? { facets } : {}),
    attributions: [...attributions.values()],
    ...(r.approximate || r.lookupsCut ? { approximate: true } : {}),
    ...(r.expansions.length > 0 ? { expansions: r.expansions } : {}),
  }
}
