/**
 * @module Reading postings: where the query's terms occur in each candidate passage (their postings
 * records, left encoded), and those occurrences as the PassageTokens that scoring, phrases and snippet
 * marks read. A record is [ordinal delta, length, section * 8 + kind, parent section + 1, parts,
 * joins], then its parts [pos, start, length] and joins [pos, span, start, length], positions and
 * starts as deltas (src/core/shards/postings-builder.ts writes them).
 */
import type { PassageTokens } from '../search/passage-tokens.ts'
import { recordLength } from '../shards/format.ts'
import type { IndexPieces } from './pieces.ts'
import type { TermRead } from './plan.ts'

const PART = 3
const JOIN = 4
const NO_OFFSETS = new Int32Array(0)
/** The joins of a passage without any, or read for positions only (shared: readers only look up). */
const NO_JOINS = new Map<number, [number, number][]>()

/**
 * What a PassageTokens is read for: its terms' positions (scoring a query without phrases or compounds),
 * phrases too (terms and joins by position), or snippet marks (offsets as well).
 */
export type TokensFor = 'positions' | 'phrases' | 'marks'

/**
 * Adds `pos` unless it ends the list already. At module level: a closure made in tokens() per passage
 * cost 5% of a query's CPU once bundled with esbuild's keepNames (a `__name` call per closure made).
 */
function add(list: number[], pos: number): void {
  if (list[list.length - 1] !== pos) list.push(pos)
}

const byNumber = (a: number, b: number): number => a - b
const bySpan = (a: [number, number], b: [number, number]): number => a[0] - b[0]

/**
 * Sorts `list` unless it is sorted already, as a term's part positions are (deltas from the build): a
 * sort copies the array and calls its comparator at each step even then, passage after passage.
 */
function ascending(list: number[]): void {
  for (let i = 1; i < list.length; i++)
    if (list[i]! < list[i - 1]!) {
      list.sort(byNumber)
      return
    }
}

/**
 * Occurrences of the query's terms in the passages a query scores, gathered from their postings, in
 * flat arrays: a passage is an index into them, its term records a chain through them. The records
 * stay encoded, and nothing is allocated per passage: a query gathers hundreds of passages, and an
 * object per passage and per record (then decoded occurrences in arrays and maps) made the most of a
 * query's garbage that outlived the young generation, which brought on V8's mark-compact pauses.
 */
export class Gathering {
  /** Passage index by ordinal. */
  private readonly index = new Map<number, number>()
  /** By passage index: its length in parts, kind, section, parent, and its first and last record. */
  private readonly lengths: number[] = []
  private readonly kinds: number[] = []
  private readonly sections: number[] = []
  private readonly parents: number[] = []
  private readonly firsts: number[] = []
  private readonly lasts: number[] = []
  /** By record: its term, its postings list (an index in `lists`), where it starts there, the next record. */
  private readonly terms: number[] = []
  private readonly listOf: number[] = []
  private readonly ats: number[] = []
  private readonly nexts: number[] = []
  private readonly lists: Int32Array[] = []

  /**
   * The sparse `terms` of tokens() without offsets, one object for every passage: a passage's field
   * positions (from 2^20 on) turned a new object's elements into a dictionary, passage after passage.
   * Its tokens are read and dropped before the next passage's are made (rank.ts), so the positions the
   * last passage set (all among its `positions`) are cleared and the object handed out again.
   */
  private readonly sparseTerms = {} as unknown as Int32Array
  private lastPositions: Map<number, number[]> | undefined

  private reusedTerms(): Int32Array {
    const terms = this.sparseTerms as unknown as Record<number, number | undefined>
    for (const list of this.lastPositions?.values() ?? []) for (const pos of list) terms[pos] = undefined
    return this.sparseTerms
  }

  /** Forgets every passage gathered. */
  clear(): void {
    this.index.clear()
    for (const a of [this.lengths, this.kinds, this.sections, this.parents, this.firsts, this.lasts]) a.length = 0
    for (const a of [this.terms, this.listOf, this.ats, this.nexts]) a.length = 0
    this.lists.length = 0
  }

  /** Walks one term's postings list, gathering the records of the passages in `pool`. */
  gather(term: number, list: Int32Array, pool: Set<number>): void {
    const l = this.lists.push(list) - 1
    let ordinal = 0
    for (let at = 0; at < list.length; at += recordLength(list, at)) {
      ordinal += list[at]!
      if (pool.has(ordinal)) this.add(term, ordinal, l, at)
    }
  }

  private add(term: number, ordinal: number, l: number, at: number): void {
    const list = this.lists[l]!
    const r = this.terms.push(term) - 1
    this.listOf.push(l)
    this.ats.push(at)
    this.nexts.push(-1)
    let i = this.index.get(ordinal)
    if (i === undefined) {
      i = this.lengths.push(list[at + 1]!) - 1
      this.index.set(ordinal, i)
      const sectionKind = list[at + 2]!
      this.kinds.push(sectionKind % 8)
      this.sections.push(Math.floor(sectionKind / 8))
      this.parents.push(list[at + 3]!)
      this.firsts.push(r)
      this.lasts.push(r)
    } else {
      this.nexts[this.lasts[i]!] = r
      this.lasts[i] = r
    }
  }

  /** The index of passage `ordinal` (-1: not gathered). */
  at(ordinal: number): number {
    return this.index.get(ordinal) ?? -1
  }

  /** Index in PASSAGE_KINDS. */
  kind(i: number): number {
    return this.kinds[i]!
  }

  /** Index of the passage's section in the index's section list. */
  section(i: number): number {
    return this.sections[i]!
  }

  /** Index of its parent section plus one (0: none). */
  parent(i: number): number {
    return this.parents[i]!
  }

  /**
   * A PassageTokens holding only the query's terms, as much of it as `use` reads. For phrases without
   * offsets `terms` is a sparse object, one reused passage after passage (positions of other terms read
   * as undefined, which matches no term), so scoring a candidate costs its matches, not its length; for
   * positions only, `terms` and `joinsAt` are empty (writing every position into an object was most of a
   * candidate's cost). Parts are read first, every term's in the order gathered, then joins; positions
   * and starts are summed from deltas.
   */
  tokens(i: number, use: TokensFor): PassageTokens {
    const n = this.lengths[i]!
    const offsets = use === 'marks'
    const sequences = use !== 'positions'
    const terms = offsets ? new Int32Array(n).fill(-1) : sequences ? this.reusedTerms() : NO_OFFSETS
    const starts = offsets ? new Int32Array(n) : NO_OFFSETS
    const ends = offsets ? new Int32Array(n) : NO_OFFSETS
    const positions = new Map<number, number[]>()
    // Made only for a passage with joins: most have none, and a Map each was garbage hundreds of times a query.
    let joinsAt: Map<number, [number, number][]> | undefined
    for (let r = this.firsts[i]!; r >= 0; r = this.nexts[r]!) {
      const term = this.terms[r]!
      const list = this.lists[this.listOf[r]!]!
      const at = this.ats[r]!
      const places: number[] = []
      let pos = 0
      let start = 0
      for (let k = 0, j = at + 6; k < list[at + 4]!; k++, j += PART) {
        pos += list[j]!
        start += list[j + 1]!
        // Marks need only the text; its fields (past it) count for ranking only.
        if (offsets && pos >= n) break
        if (sequences) terms[pos] = term
        if (offsets) {
          starts[pos] = start
          ends[pos] = start + list[j + 2]!
        }
        add(places, pos)
      }
      if (places.length > 0) positions.set(term, places)
    }
    for (let r = this.firsts[i]!; r >= 0; r = this.nexts[r]!) {
      const term = this.terms[r]!
      const list = this.lists[this.listOf[r]!]!
      const at = this.ats[r]!
      const joins = list[at + 5]!
      if (joins === 0) continue
      let places = positions.get(term)
      if (!places) positions.set(term, (places = []))
      let pos = 0
      let start = 0
      for (let k = 0, j = at + 6 + PART * list[at + 4]!; k < joins; k++, j += JOIN) {
        pos += list[j]!
        start += list[j + 2]!
        if (offsets && pos >= n) break
        const span = list[j + 1]!
        if (offsets) {
          starts[pos] = start
          ends[pos + span - 1] = start + list[j + 3]!
        }
        if (sequences) {
          joinsAt ??= new Map()
          let joined = joinsAt.get(pos)
          if (!joined) joinsAt.set(pos, (joined = []))
          joined.push([span, term])
        }
        add(places, pos)
      }
    }
    for (const list of positions.values()) ascending(list)
    if (use === 'phrases') this.lastPositions = positions
    if (!joinsAt) return { terms, starts, ends, joinsAt: NO_JOINS, positions, length: n }
    for (const list of joinsAt.values()) if (list.length > 1) list.sort(bySpan)
    return { terms, starts, ends, joinsAt, positions, length: n }
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
