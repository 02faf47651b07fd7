/**
 * @module Ranking a query: its candidate passages (FlexSearch's retrieval over the postings read), each
 * filtered and scored against the expanded units (src/core/search/score.ts), best first. Only a
 * passage among every required unit's candidates can match them all, so those are scored first; the
 * rest only when none of them matches all.
 */
import { PASSAGE_KINDS } from '../model.ts'
import type { Expanded } from '../search/expand.ts'
import { kindWeight } from '../search/fields.ts'
import { phraseStarts, type PassageTokens } from '../search/passage-tokens.ts'
import { compareScored, idfOf, scorePassage, type Scored, type Stats } from '../search/score.ts'
import { Retrieval, type Candidates } from '../shards/retrieval.ts'
import type { PassageFilter } from './filters.ts'
import type { IndexPieces } from './pieces.ts'
import type { RankPlan } from './plan.ts'
import { Gathering, readPostings } from './postings.ts'

export interface Ranking {
  ranked: Scored[]
  /** The query's terms' occurrences in the passages scored last (shaping marks and counts kinds from them). */
  gathered: Gathering
  /** Whether postings were left out: tail tiers, or candidates past maxScored. */
  cut: boolean
  /**
   * Whether the passages ranked match only some of the query's words, since none of those scored
   * matches them all: with postings left out (`cut`), ones that do may be among them.
   */
  partial: boolean
}

/**
 * The most passages a query's units may list for FlexSearch to count how many units list each (its AND
 * with `suggest`, which walks every one; ~0.1 µs a passage at 100 MB): a long query of frequent words
 * listed 19,000 and took 15-18 ms where the union, which stops at the candidates it needs, took 6-10.
 * Three or four words list fewer (at most 14,200 of 150 random ones at 100 MB).
 */
const MAX_COUNTED = 16_000

/** How far one ranking pass goes. */
export interface RankLimits {
  /** The most candidate passages it scores. */
  maxScored: number
  /**
   * Whether a next pass reads the tails this plan left out when no passage matches every word: this
   * pass then leaves the passages holding some words to it, which ranks them again anyway.
   */
  tailsNext: boolean
}

/** The passages `plan` matches that `keep` keeps, best first, scoring at most `maxScored` candidates. */
export async function rank(
  plan: RankPlan,
  keep: PassageFilter,
  pieces: IndexPieces,
  stats: Omit<Stats, 'df'>,
  { maxScored, tailsNext }: RankLimits,
): Promise<Ranking> {
  const { units, negatives, reads } = plan
  let cut = plan.cut
  const lists = await readPostings(reads, pieces)
  const df = (id: number) => reads.get(id)?.term.df ?? 0
  const ids = new Map([...reads].map(([id, { term }]) => [term.term, id]))
  const retrieval = await Retrieval.open({
    postings: async (term) => lists.get(ids.get(term) ?? -1),
    avgLength: stats.avgLength,
  })
  // Each unit's terms: its alternatives, or its sequences' rarest words (a phrase is verified when scored).
  const termsOf = (x: Expanded): string[] => {
    const terms = x.alts.map((a) => reads.get(a.term)!.term.term)
    for (const seq of x.also ? [x.seq, ...x.also] : [x.seq]) {
      if (seq) terms.push(reads.get(seq.reduce((a, b) => (df(a) <= df(b) ? a : b)))!.term.term)
    }
    return terms
  }
  const gathered = new Gathering()
  const excluded = (x: Expanded, p: PassageTokens): boolean => {
    if (x.alts.some((a) => p.positions.has(a.term))) return true
    return x.seq !== null && phraseStarts(p, x.seq).length > 0
  }
  // Phrases and compounds read terms and joins by position; a query of single words only their positions.
  const use = [...units, ...negatives].some((x) => x.seq !== null || (x.also?.length ?? 0) > 0)
    ? 'phrases'
    : 'positions'
  const required = units.map((x) => !x.unit.stop)
  const requiredCount = required.filter(Boolean).length
  // idf is asked per candidate and alternative: a completion's Math.log came 600 times a query.
  const idfs = new Map<number, number>()
  const withDf: Stats = {
    ...stats,
    df,
    idf: (term) => {
      let v = idfs.get(term)
      if (v === undefined) idfs.set(term, (v = idfOf(withDf, term)))
      return v
    },
  }
  const score = (pool: Set<number>): Scored[] => {
    gathered.clear()
    for (const [id, chunks] of lists) for (const list of chunks) gathered.gather(id, list, pool)
    const out: Scored[] = []
    for (const o of pool) {
      const i = gathered.at(o)
      if (!keep(o, gathered, i)) continue
      // Built, used and dropped one passage at a time: hundreds held at once outlived the young generation.
      // It must be: the next tokens() call reuses its terms object (Gathering.tokens).
      const p = gathered.tokens(i, use)
      if (negatives.some((n) => excluded(n, p))) continue
      const s = scorePassage(o, units, required, p, withDf, kindWeight(PASSAGE_KINDS[gathered.kind(i)]))
      if (s) out.push(s)
    }
    return out
  }
  // FlexSearch lists candidates best impact slot first: past maxScored, the rest are left out (the
  // answer is then approximate), so a stopword's thousands of passages cost what a page needs.
  const best = (found: Candidates): Set<number> => {
    if (found.more) cut = true
    return found.ordinals
  }
  let scored: Scored[] = []
  let partial = false
  // The retrieval borrows a numbering table that the next queries reuse: given back even on a fault.
  try {
    if (requiredCount >= 2) {
      const all = await retrieval.intersection(units.filter((_, i) => required[i]).map(termsOf), maxScored)
      scored = score(best(all)).filter((s) => s.matched === requiredCount)
    }
    if (scored.length === 0 && requiredCount >= 2 && tailsNext) {
      partial = cut = true
    } else if (scored.length === 0) {
      // A passage matching no required unit scores nothing, so a stopword beside other words names no
      // candidates: "who is garak" listed the first 600 passages of "who" and "is" (7 held garak, of
      // 2,190 at 100 MB), where garak's best 600 were wanted.
      // Of three words or more, those holding the most come first (two words' union lists both), when
      // counting them costs little; past that, the union's first candidates, as for two.
      const candidates = (requiredCount > 0 ? units.filter((_, i) => required[i]) : units).map(termsOf)
      const counted = requiredCount >= 3 && (await retrieval.listed(candidates)) <= MAX_COUNTED
      const pool = counted
        ? await retrieval.mostOf(candidates, maxScored)
        : await retrieval.union(candidates.flat(), maxScored)
      scored = score(best(pool))
      if (scored.some((s) => s.matched === requiredCount)) scored = scored.filter((s) => s.matched === requiredCount)
      else partial = scored.length > 0
    }
  } finally {
    retrieval.close()
  }
  scored.sort(compareScored)
  return { ranked: scored, gathered, cut, partial }
}
