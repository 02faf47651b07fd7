/** @module Per-passage token data decoded from the `streams` piece, lazily and once per isolate. */
import type { Stream } from './format.ts'

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

export function decodeStream(stream: Stream): PassageTokens {
  const [parts, joins] = stream
  const n = parts.length / 3
  const terms = new Int32Array(n)
  const starts = new Int32Array(n)
  const ends = new Int32Array(n)
  const positions = new Map<number, number[]>()
  const add = (term: number, pos: number): void => {
    const list = positions.get(term)
    if (list) {
      if (list[list.length - 1] !== pos) list.push(pos)
    } else positions.set(term, [pos])
  }
  for (let i = 0; i < n; i++) {
    terms[i] = parts[3 * i]!
    starts[i] = parts[3 * i + 1]!
    ends[i] = starts[i]! + parts[3 * i + 2]!
    add(terms[i]!, i)
  }
  const joinsAt = new Map<number, [number, number][]>()
  for (let j = 0; j < joins.length; j += 3) {
    const pos = joins[j]!
    const span = joins[j + 1]!
    const term = joins[j + 2]!
    let list = joinsAt.get(pos)
    if (!list) joinsAt.set(pos, (list = []))
    list.push([span, term])
    add(term, pos)
  }
  for (const list of positions.values()) list.sort((a, b) => a - b)
  return { terms, starts, ends, joinsAt, positions, length: n }
}

/** Whether `seq` from its k-th term on occurs at `pos` (a join may stand for several parts). */
function occursAt(p: PassageTokens, seq: number[], pos: number, k: number): boolean {
  if (k === seq.length) return true
  if (pos >= p.length) return false
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
