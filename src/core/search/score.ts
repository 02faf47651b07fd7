/**
 * @module Scoring one passage against the expanded query: BM25 per unit (weighted by how the unit
 * matched), a proximity bonus for units close together, and the keys results are sorted by
 * (units matched, units matched exactly, score, reading order).
 */
import type { Alt, Expanded } from './expand.ts'
import { fieldWeight, textCount } from './fields.ts'
import { phraseStarts, type PassageTokens } from './passage-tokens.ts'

const K1 = 1.2
const B = 0.75
/** Share of the matched units' weight added when all of them sit side by side. */
const PROXIMITY = 0.8

export interface Stats {
  passages: number
  avgLength: number
  df(term: number): number
  /** Optional memoized idf (same value as `idf` below); the ranking loop asks for it per passage. */
  idf?(term: number): number
}

export function idf(stats: Stats, term: number): number {
  if (stats.idf) return stats.idf(term)
  return idfOf(stats, term)
}

/** The BM25 idf computed from the document frequency (what a memoized `Stats.idf` caches). */
export function idfOf(stats: Stats, term: number): number {
  const df = stats.df(term)
  return Math.log(1 + (stats.passages - df + 0.5) / (df + 0.5))
}

export interface Scored {
  ordinal: number
  /** Required (non-stopword) units matched. */
  matched: number
  /** Required units matched by their own word (not by a prefix or typo). */
  exact: number
  score: number
}

/** BM25's term-frequency factor, saturating in tf and normalized by the passage's length. */
export function tfNorm(tf: number, length: number, avg: number): number {
  return (tf * (K1 + 1)) / (tf + K1 * (1 - B + (B * length) / Math.max(1, avg)))
}

/**
 * What a term's occurrences weigh in a passage, the idf and the passage kind aside: the tf factor of
 * the `inText` ones in its own text, plus the weight of the best field it is in (0 for none). Ranking
 * scores a match by it, and a frequent term's head keeps its passages in its order (src/core/shards/impact.ts).
 */
export function occurrenceWeight(inText: number, field: number, length: number, avg: number): number {
  return (inText > 0 ? tfNorm(inText, length, avg) : 0) + field
}

const NONE: number[] = []
const byNumber = (a: number, b: number): number => a - b

/** Each unit's alternatives by term: where a passage holds fewer terms than a unit has alternatives. */
const altIndexes = new WeakMap<Alt[], Map<number, number>>()
/** The alternatives a passage holds, by index (reused: matchUnit fills and reads it before it returns). */
const held: number[] = []

/**
 * Fills `held` with the indices of the alternatives `p` holds, ascending, and returns how many: a last
 * word's 48 completions were looked up one by one in every candidate, which holds one or two of them.
 */
function heldAlts(alts: Alt[], p: PassageTokens): number {
  let index = altIndexes.get(alts)
  if (!index) {
    index = new Map(alts.map((a, i) => [a.term, i]))
    altIndexes.set(alts, index)
  }
  let n = 0
  for (const term of p.positions.keys()) {
    const i = index.get(term)
    if (i === undefined) continue
    let k = n++
    for (; k > 0 && held[k - 1]! > i; k--) held[k] = held[k - 1]!
    held[k] = i
  }
  return n
}

/**
 * Matches of one unit in a passage: weight, exactness and its positions in the passage's text; null
 * when it does not match. A match in a field (fields.ts) adds the field's weight times the idf, once.
 */
export function matchUnit(
  x: Expanded,
  p: PassageTokens,
  stats: Stats,
): { score: number; exact: boolean; idf: number; positions: number[] } | null {
  let best = 0
  let bestIdf = 0
  let exact = false
  // The positions of the only matching source are used as they are (already sorted); several
  // sources are merged into a fresh list. Callers only read them.
  let positions: number[] = NONE
  let sources = 0
  // The alternatives in their order either way: ties between them keep the first.
  const sparse = x.alts.length > p.positions.size
  const count = sparse ? heldAlts(x.alts, p) : x.alts.length
  for (let k = 0; k < count; k++) {
    const alt = x.alts[sparse ? held[k]! : k]!
    const pos = p.positions.get(alt.term)
    if (!pos) continue
    const w = idf(stats, alt.term)
    const tf = textCount(pos)
    const s = alt.weight * w * occurrenceWeight(tf, fieldWeight(pos), p.length, stats.avgLength)
    if (s > best || (s === best && alt.exact)) {
      best = s
      bestIdf = w
    }
    if (alt.exact) exact = true
    positions = sources++ === 0 ? pos : positions.concat(pos)
  }
  // The unit's own sequence, then its synonyms' (no array made per unit and passage to list them).
  const others = x.also?.length ?? 0
  for (let k = -1; k < others; k++) {
    const seq = k < 0 ? x.seq : x.also![k]!
    if (!seq) continue
    const starts = phraseStarts(p, seq)
    if (starts.length > 0) {
      const w =
        seq.reduce((sum, t) => sum + idf(stats, t), 0) / (x.unit.type === 'phrase' || seq !== x.seq ? 1 : seq.length)
      const tf = textCount(starts)
      const s = w * occurrenceWeight(tf, fieldWeight(starts), p.length, stats.avgLength)
      if (s >= best) {
        best = s
        bestIdf = w
      }
      exact = true
      positions = sources++ === 0 ? starts : positions.concat(starts)
    }
  }
  if (positions.length === 0) return null
  if (sources > 1) positions.sort(byNumber)
  const inText = textCount(positions)
  return {
    score: best,
    exact,
    idf: bestIdf,
    positions: inText === positions.length ? positions : positions.slice(0, inText),
  }
}

/** The smallest number of positions spanned by one position of each list (lists sorted, non-empty). */
export function minSpan(lists: number[][]): number {
  const k = lists.length
  const idx = new Array<number>(k).fill(0)
  let best = Infinity
  for (;;) {
    let lo = Infinity
    let hi = -Infinity
    let loList = 0
    for (let i = 0; i < k; i++) {
      const v = lists[i]![idx[i]!]!
      if (v < lo) [lo, loList] = [v, i]
      if (v > hi) hi = v
    }
    best = Math.min(best, hi - lo + 1)
    idx[loList]!++
    if (idx[loList]! >= lists[loList]!.length) return best
  }
}

/** `weight` scales the passage's score by its kind (fields.ts: kindWeight). */
export function scorePassage(
  ordinal: number,
  units: Expanded[],
  required: boolean[],
  p: PassageTokens,
  stats: Stats,
  weight = 1,
): Scored | null {
  let matched = 0
  let exact = 0
  let score = 0
  let nearWeight = 0
  const near: number[][] = []
  // A loop, not forEach: this runs per unit of every candidate passage, and a closure per passage costs.
  for (let i = 0; i < units.length; i++) {
    const m = matchUnit(units[i]!, p, stats)
    if (!m) continue
    score += m.score
    if (!required[i]) continue
    matched++
    if (m.exact) exact++
    if (m.positions.length === 0) continue
    nearWeight += m.idf
    near.push(m.positions)
  }
  if (matched === 0) return null
  if (near.length >= 2) {
    const span = Math.max(near.length, minSpan(near))
    score += (PROXIMITY * nearWeight * (near.length - 1)) / (span - 1)
  }
  return { ordinal, matched, exact, score: score * weight }
}

/** Sort order: more units matched, more matched exactly, higher score, then reading order. */
export function compareScored(a: Scored, b: Scored): number {
  return b.matched - a.matched || b.exact - a.exact || b.score - a.score || a.ordinal - b.ordinal
}
