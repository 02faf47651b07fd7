/**
 * @module Reading postings: a term's postings records decoded into the occurrences of the query's terms
 * in each candidate passage, and those occurrences as the PassageTokens that scoring, phrases and
 * snippet marks read. A record is [ordinal delta, length, section * 8 + kind, parent section + 1,
 * parts, joins], then its parts [pos, start, length] and joins [pos, span, start, length], positions
 * and starts as deltas (src/core/shards/postings-builder.ts writes them).
 */
import type { PassageTokens } from '../search/passage-tokens.ts'
import type { IndexPieces } from './pieces.ts'
import type { TermRead } from './plan.ts'

/** Occurrences of the query's terms in one passage, gathered from their postings. */
export interface Gathered {
  length: number
  /** Index in PASSAGE_KINDS. */
  kind: number
  /** Index of the passage's section in the index's section list. */
  section: number
  /** Index of its parent section plus one (0: none). */
  parent: number
  /** term → [pos, start, len]* */
  parts: Map<number, number[]>
  /** term → [pos, span, start, len]*; absent while none (most passages have none, and a query gathers hundreds). */
  joins?: Map<number, number[]>
}

const PART = 3
const JOIN = 4
const NO_OFFSETS = new Int32Array(0)
const NO_JOINS: ReadonlyMap<number, number[]> = new Map()

/**
 * Adds `pos` unless it ends the list already. At module level: a closure made in tokensOf per passage
 * cost 5% of a query's CPU once bundled with esbuild's keepNames (a `__name` call per closure made).
 */
function add(list: number[], pos: number): void {
  if (list[list.length - 1] !== pos) list.push(pos)
}

/**
 * A PassageTokens holding only the query's terms: enough for scoring and phrases and, with `offsets`,
 * for marks. Without offsets `terms` is a sparse object (positions of other terms read as undefined,
 * which matches no term), so scoring a candidate costs its matches, not its length.
 */
export function tokensOf(g: Gathered, offsets = false): PassageTokens {
  const n = g.length
  const terms = offsets ? new Int32Array(n).fill(-1) : ({} as unknown as Int32Array)
  const starts = offsets ? new Int32Array(n) : NO_OFFSETS
  const ends = offsets ? new Int32Array(n) : NO_OFFSETS
  const positions = new Map<number, number[]>()
  const joinsAt = new Map<number, [number, number][]>()
  for (const [t, occ] of g.parts) {
    const list: number[] = []
    for (let i = 0; i < occ.length; i += PART) {
      const pos = occ[i]!
      // Marks need only the text; its fields (past it) count for ranking only.
      if (offsets && pos >= n) break
      terms[pos] = t
      if (offsets) {
        starts[pos] = occ[i + 1]!
        ends[pos] = occ[i + 1]! + occ[i + 2]!
      }
      add(list, pos)
    }
    if (list.length > 0) positions.set(t, list)
  }
  for (const [t, occ] of g.joins ?? NO_JOINS) {
    let list = positions.get(t)
    if (!list) positions.set(t, (list = []))
    for (let i = 0; i < occ.length; i += JOIN) {
      const pos = occ[i]!
      if (offsets && pos >= n) break
      const span = occ[i + 1]!
      if (offsets) {
        starts[pos] = occ[i + 2]!
        ends[pos + span - 1] = occ[i + 2]! + occ[i + 3]!
      }
      let at = joinsAt.get(pos)
      if (!at) joinsAt.set(pos, (at = []))
      at.push([span, t])
      add(list, pos)
    }
  }
  for (const list of positions.values()) list.sort((a, b) => a - b)
  for (const list of joinsAt.values()) if (list.length > 1) list.sort((a, b) => a[0] - b[0])
  return { terms, starts, ends, joinsAt, positions, length: n }
}

/**
 * `count` occurrence records from `list[i]`, parts ([pos, start, length]) or joins ([pos, span, start,
 * length]), their positions and starts summed from deltas.
 */
function occurrences(list: Int32Array, i: number, count: number, stride: typeof PART | typeof JOIN): number[] {
  const out: number[] = []
  let pos = 0
  let start = 0
  for (let k = 0; k < count; k++, i += stride) {
    pos += list[i]!
    start += list[i + stride - 2]!
    if (stride === JOIN) out.push(pos, list[i + 1]!, start, list[i + 3]!)
    else out.push(pos, start, list[i + 2]!)
  }
  return out
}

/** Records term `id`'s occurrences in passage `o` from its postings record at `at`. */
export function gatherAt(gathered: Map<number, Gathered>, id: number, o: number, list: Int32Array, at: number): void {
  let g = gathered.get(o)
  if (!g) {
    const sectionKind = list[at + 2]!
    g = {
      length: list[at + 1]!,
      kind: sectionKind % 8,
      section: Math.floor(sectionKind / 8),
      parent: list[at + 3]!,
      parts: new Map(),
    }
    gathered.set(o, g)
  }
  const parts = list[at + 4]!
  const joins = list[at + 5]!
  if (parts > 0) g.parts.set(id, occurrences(list, at + 6, parts, PART))
  if (joins > 0) (g.joins ??= new Map()).set(id, occurrences(list, at + 6 + PART * parts, joins, JOIN))
}

/** Walks postings (ordinal deltas restart at `base`), calling `visit` with each passage's record offset. */
export function walk(list: Int32Array, visit: (ordinal: number, at: number) => void): void {
  let ordinal = 0
  for (let i = 0; i < list.length;) {
    ordinal += list[i]!
    visit(ordinal, i)
    i += 6 + PART * list[i + 4]! + JOIN * list[i + 5]!
  }
}

/** Each planned term's postings: its head, then the tail tiers the plan reads of it. */
export async function readPostings(
  reads: Map<number, TermRead>,
  pieces: IndexPieces,
): Promise<Map<number, Int32Array[]>> {
  const lists = new Map<number, Int32Array[]>()
  await Promise.all(
    [...reads].map(async ([id, { term, tiers }]) => {
      lists.set(id, [pieces.head(term), ...(await pieces.tails(tiers))])
    }),
  )
  return lists
}
