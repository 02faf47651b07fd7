/**
 * @module Reading postings: where the query's terms occur in each candidate passage (their postings
 * records, left encoded), and those occurrences as the PassageTokens that scoring, phrases and snippet
 * marks read. A record is [ordinal delta, length, section * 8 + kind, parent section + 1, parts,
 * joins], then its parts [pos, start, length] and joins [pos, span, start, length], positions and
 * starts as deltas (src/core/shards/postings-builder.ts writes them).
 */
import type { PassageTokens } from '../search/passage-tokens.ts'
import type { IndexPieces } from './pieces.ts'
import type { TermRead } from './plan.ts'

/** One term's postings record of a passage: its occurrences, decoded only when tokens are asked for. */
interface TermRecord {
  term: number
  list: Int32Array
  /** Where the record starts in `list`. */
  at: number
}

/**
 * Occurrences of the query's terms in one passage, gathered from their postings. The records stay
 * encoded: a query gathers hundreds of passages, and decoding each term's occurrences into arrays and
 * maps per passage made the most of a query's garbage that outlived the young generation (at 100 MB,
 * 0.2 of the 0.6 MB a query had promoted), which brought on V8's mark-compact pauses.
 */
export interface Gathered {
  length: number
  /** Index in PASSAGE_KINDS. */
  kind: number
  /** Index of the passage's section in the index's section list. */
  section: number
  /** Index of its parent section plus one (0: none). */
  parent: number
  /** The query's terms' records, in the order gathered. */
  records: TermRecord[]
}

const PART = 3
const JOIN = 4
const NO_OFFSETS = new Int32Array(0)

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
 * which matches no term), so scoring a candidate costs its matches, not its length. Parts are read
 * first, every term's, then joins; positions and starts are summed from their deltas.
 */
export function tokensOf(g: Gathered, offsets = false): PassageTokens {
  const n = g.length
  const terms = offsets ? new Int32Array(n).fill(-1) : ({} as unknown as Int32Array)
  const starts = offsets ? new Int32Array(n) : NO_OFFSETS
  const ends = offsets ? new Int32Array(n) : NO_OFFSETS
  const positions = new Map<number, number[]>()
  const joinsAt = new Map<number, [number, number][]>()
  for (const { term, list, at } of g.records) {
    const places: number[] = []
    let pos = 0
    let start = 0
    for (let k = 0, i = at + 6; k < list[at + 4]!; k++, i += PART) {
      pos += list[i]!
      start += list[i + 1]!
      // Marks need only the text; its fields (past it) count for ranking only.
      if (offsets && pos >= n) break
      terms[pos] = term
      if (offsets) {
        starts[pos] = start
        ends[pos] = start + list[i + 2]!
      }
      add(places, pos)
    }
    if (places.length > 0) positions.set(term, places)
  }
  for (const { term, list, at } of g.records) {
    const joins = list[at + 5]!
    if (joins === 0) continue
    let places = positions.get(term)
    if (!places) positions.set(term, (places = []))
    let pos = 0
    let start = 0
    for (let k = 0, i = at + 6 + PART * list[at + 4]!; k < joins; k++, i += JOIN) {
      pos += list[i]!
      start += list[i + 2]!
      if (offsets && pos >= n) break
      const span = list[i + 1]!
      if (offsets) {
        starts[pos] = start
        ends[pos + span - 1] = start + list[i + 3]!
      }
      let joined = joinsAt.get(pos)
      if (!joined) joinsAt.set(pos, (joined = []))
      joined.push([span, term])
      add(places, pos)
    }
  }
  for (const list of positions.values()) list.sort((a, b) => a - b)
  for (const list of joinsAt.values()) if (list.length > 1) list.sort((a, b) => a[0] - b[0])
  return { terms, starts, ends, joinsAt, positions, length: n }
}

/** Records that term `id` occurs in passage `o`, its postings record at `at` in `list`. */
export function gatherAt(gathered: Map<number, Gathered>, id: number, o: number, list: Int32Array, at: number): void {
  let g = gathered.get(o)
  if (!g) {
    const sectionKind = list[at + 2]!
    g = {
      length: list[at + 1]!,
      kind: sectionKind % 8,
      section: Math.floor(sectionKind / 8),
      parent: list[at + 3]!,
      records: [],
    }
    gathered.set(o, g)
  }
  g.records.push({ term: id, list, at })
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
