/** @module The occurrences of a passage's terms, as ranking, phrases and snippet marks read them. */
import { FIELD_BASE } from './fields.ts'

export interface PassageTokens {
  /** Term id of each part, by position. */
  terms: Int32Array
  starts: Int32Array
  ends: Int32Array
  /** Joins starting at a position: [span, term] pairs. */
  joinsAt: Map<number, [number, number][]>
  /** Positions of every term (parts and joins) in this passage. */
  positions: Map<number, number[]>
  /** Number of parts. */
  length: number
}

/** Whether `seq` from its k-th term on occurs at `pos` (a join may stand for several parts). */
function occursAt(p: PassageTokens, seq: number[], pos: number, k: number): boolean {
  if (k === seq.length) return true
  // Past the text lie the fields (fields.ts), each far from the next.
  if (pos >= p.length && pos < FIELD_BASE) return false
  const t = seq[k]!
  if (p.terms[pos] === t && occursAt(p, seq, pos + 1, k + 1)) return true
  const joins = p.joinsAt.get(pos)
  if (joins) for (const [span, term] of joins) if (term === t && occursAt(p, seq, pos + span, k + 1)) return true
  return false
}

/** Start positions where the term sequence `seq` occurs (a join may stand for several parts). */
export function phraseStarts(p: PassageTokens, seq: number[]): number[] {
  const first = seq[0]
  const out: number[] = []
  if (first === undefined) return out
  // A module-level helper, not a closure: this runs per candidate passage on the hot path.
  const at = p.positions.get(first)
  if (at) for (const pos of at) if (occursAt(p, seq, pos, 0)) out.push(pos)
  return out
}
