/**
 * @module Expands each query unit into the index terms it may match, with weights: the whole word
 * (1), the parts in sequence for compounds, prefix completions of the last word and typo
 * corrections (ranked below exact matches). Bounded: at most CAP.prefix / CAP.typo terms a unit.
 */
import type { QUnit } from './query.ts'
import { tolerance } from './typo.ts'
import type { Vocabulary } from './vocab.ts'

/** How much an alternative counts against the word as typed: a typo by its edit distance. */
const WEIGHT = { exact: 1, prefix: 0.7, typo: [1, 0.6, 0.4], fartherTypo: 0.3 } as const
/** The most alternatives of each sort a unit gets. */
export const CAP = { prefix: 48, typo: 8 } as const
/** The shortest last word completed as a prefix. */
export const MIN_PREFIX = 2

export interface Alt {
  term: number
  weight: number
  exact: boolean
}

export interface Expanded {
  unit: QUnit
  alts: Alt[]
  /** Term ids of the parts in order (phrases, compounds); null when some part is not indexed. */
  seq: number[] | null
  /** Whether the unit's own whole-word term is indexed. */
  known: boolean
  /** Other term sequences the unit matches (synonyms.ts: another phrase of a synonym group). */
  also?: number[][]
}

export interface TermTable {
  id(term: string): number | undefined
}

/**
 * Adds an alternative, keeping the higher weight of one term met twice. A function of the module, not a
 * closure per unit: bundled with esbuild's keepNames, each closure made costs a `__name` call.
 */
function add(alts: Map<number, Alt>, term: number, weight: number, exact: boolean): void {
  const old = alts.get(term)
  if (!old || old.weight < weight) alts.set(term, { term, weight, exact: exact || (old?.exact ?? false) })
}

export function expandUnit(u: QUnit, terms: TermTable, vocab: Vocabulary, allowFuzzy: boolean): Expanded {
  const seqIds = u.parts.map((p) => terms.id(p.term))
  const seq = u.parts.length > 1 && seqIds.every((t) => t !== undefined) ? (seqIds as number[]) : null
  if (u.type === 'phrase') return { unit: u, alts: [], seq, known: seq !== null }

  const alts = new Map<number, Alt>()
  const own = terms.id(u.term)
  if (own !== undefined) add(alts, own, WEIGHT.exact, true)
  const known = own !== undefined || seq !== null
  if (!allowFuzzy) return { unit: u, alts: [...alts.values()], seq, known }

  let completed = false
  if (u.prefix && u.key.length >= MIN_PREFIX) {
    for (const e of vocab.prefixed(u.key, CAP.prefix)) {
      if (e[0] === u.key) continue
      add(alts, e[1], WEIGHT.prefix, false)
      completed = true
    }
  }
  if (!known && !completed) {
    for (const c of vocab.near(u.key, tolerance(u.key, false), CAP.typo)) {
      add(alts, c.entry[1], WEIGHT.typo[c.distance] ?? WEIGHT.fartherTypo, false)
    }
  }
  return { unit: u, alts: [...alts.values()].sort((a, b) => a.term - b.term), seq, known }
}
