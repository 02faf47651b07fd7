/**
 * @module Every term's postings as the shard build gathers them: flat Int32 blocks cut from a few
 * large pages, appended to per term, so a 100 MB corpus costs no allocation per passage or per term
 * (and little for the garbage collector to scan).
 */
import { grown } from '../grown.ts'
import { END as END_EVENT, JOIN as JOIN_EVENT, PART as PART_EVENT } from './analysis.ts'

/** Fields of a term's slot in PostingsBuilder.slots. */
const STAMP = 0
const FIRST_PART = 1
const LAST_PART = 2
const PARTS = 3
const FIRST_JOIN = 4
const LAST_JOIN = 5
const JOINS = 6
const LAST_ORDINAL = 7
const DF = 8
const HEAD_PAGE = 9
const HEAD_AT = 10
const TAIL_PAGE = 11
const TAIL_AT = 12
const TAIL_FREE = 13
/** Where the last block's numbers end in its page: records are written there without reading its head. */
const TAIL_END = 14
const SLOT = 16
/** Numbers of a part occurrence ([pos, start, length, next]) and of a join ([pos, span, start, length, next]). */
const PART = 4
const JOIN = 5
/** Numbers a page of blocks holds. */
const PAGE = 1 << 20
/** A block: the next block of its term (page, offset) and its size, then that many numbers. */
const BLOCK_HEAD = 3
/** Blocks of a term double from the first size up to the last, so few are chained and little is left empty. */
const FIRST_BLOCK = 16
const MAX_BLOCK = 1 << 16

/**
 * The current passage's occurrences of one sort, parts or joins (PART or JOIN numbers each, the last
 * linking the same term's next occurrence): each term's chain starts, ends and counts in its slot, at
 * the fields `first`, `last` and `size`.
 */
class OccurrenceChains {
  numbers: Int32Array<ArrayBuffer>
  count = 0

  constructor(
    private readonly stride: number,
    private readonly first: number,
    private readonly last: number,
    private readonly size: number,
  ) {
    this.numbers = new Int32Array(stride * 256)
  }

  /**
   * Adds an occurrence of the term at `slot` after its last one: its numbers `a`, `b`, `c` and, in
   * joins, `d`.
   */
  add(slots: Int32Array, slot: number, a: number, b: number, c: number, d = 0): void {
    const at = this.count++
    const { stride } = this
    if ((at + 1) * stride > this.numbers.length) this.numbers = grown(this.numbers, (at + 1) * stride)
    const n = this.numbers
    const o = at * stride
    n[o] = a
    n[o + 1] = b
    n[o + 2] = c
    if (stride === JOIN) n[o + 3] = d
    if (slots[slot + this.size] === 0) slots[slot + this.first] = at
    else n[slots[slot + this.last]! * stride + stride - 1] = at
    slots[slot + this.last] = at
    slots[slot + this.size]! += 1
  }
}

/**
 * Every term's postings, gathered without an allocation per passage or per term: a passage's
 * occurrences go to scratch lists chained by term; at its end, each term it holds gets its record
 * appended to its chain of blocks, cut from a few large pages.
 */
export class PostingsBuilder {
  /** Per term, SLOT numbers: the passage (stamp) that last touched it, its occurrences in that passage, its blocks. */
  private slots = new Int32Array(SLOT * 1024)
  private termCount = 0
  // Slots start at 0: no passage yet.
  private stamp = 1
  /** Terms the current passage touched, in first-touch order. */
  private touched = new Int32Array(256)
  private touchedCount = 0
  private readonly parts = new OccurrenceChains(PART, FIRST_PART, LAST_PART, PARTS)
  private readonly joins = new OccurrenceChains(JOIN, FIRST_JOIN, LAST_JOIN, JOINS)
  /** A record being written. */
  private record = new Int32Array(256)
  private pages: Int32Array[] = [new Int32Array(PAGE)]
  private used = 0
  private scratch = new Int32Array(1024)

  addTerm(): void {
    const slot = this.termCount++ * SLOT
    if (slot + SLOT > this.slots.length) this.slots = grown(this.slots, slot + SLOT)
    this.slots[slot + HEAD_PAGE] = -1
  }

  /** Passages that hold term t. */
  df(t: number): number {
    return this.slots[t * SLOT + DF]!
  }

  part(t: number, pos: number, start: number, length: number): void {
    const slot = this.touch(t)
    this.parts.add(this.slots, slot, pos, start, length)
  }

  join(t: number, pos: number, span: number, start: number, length: number): void {
    const slot = this.touch(t)
    this.joins.add(this.slots, slot, pos, span, start, length)
  }

  /**
   * Ends passage `ordinal`: each term it holds gets the record [ordinal delta, length, secKind, parent,
   * parts, joins], then its parts [pos, start, length] and joins [pos, span, start, length], positions
   * and starts as deltas.
   */
  endPassage(ordinal: number, length: number, secKind: number, par: number): void {
    for (let i = 0; i < this.touchedCount; i++) this.append(this.touched[i]!, ordinal, length, secKind, par)
    this.stamp++
    this.touchedCount = 0
    this.parts.count = 0
    this.joins.count = 0
  }

  /** Applies analysis events (./analysis.ts) in order. */
  replay(events: Int32Array): void {
    for (let i = 0; i < events.length;) {
      const tag = events[i]!
      if (tag === PART_EVENT) {
        this.part(events[i + 1]!, events[i + 2]!, events[i + 3]!, events[i + 4]!)
        i += 5
      } else if (tag === JOIN_EVENT) {
        this.join(events[i + 1]!, events[i + 2]!, events[i + 3]!, events[i + 4]!, events[i + 5]!)
        i += 6
      } else if (tag === END_EVENT) {
        this.endPassage(events[i + 1]!, events[i + 2]!, events[i + 3]!, events[i + 4]!)
        i += 5
      } else throw new Error(`wylb build: no analysis event ${tag}`)
    }
  }

  /** Term t's postings, its blocks copied into scratch: valid until the next call. */
  list(t: number): Int32Array {
    const s = this.slots
    const slot = t * SLOT
    let n = 0
    for (let page = s[slot + HEAD_PAGE]!, at = s[slot + HEAD_AT]!; page >= 0;) {
      const block = this.pages[page]!
      const last = page === s[slot + TAIL_PAGE] && at === s[slot + TAIL_AT]
      const size = block[at + 2]! - (last ? s[slot + TAIL_FREE]! : 0)
      if (n + size > this.scratch.length) this.scratch = grown(this.scratch, n + size)
      this.scratch.set(block.subarray(at + BLOCK_HEAD, at + BLOCK_HEAD + size), n)
      n += size
      if (last) break
      page = block[at]!
      at = block[at + 1]!
    }
    return this.scratch.subarray(0, n)
  }

  /** Lets the pages go, once every list was taken. */
  clear(): void {
    this.pages = []
  }

  /** Appends the current passage's record for term t (see endPassage). */
  private append(t: number, ordinal: number, length: number, secKind: number, par: number): void {
    const s = this.slots
    const slot = t * SLOT
    const size = 6 + 3 * s[slot + PARTS]! + 4 * s[slot + JOINS]!
    const free = s[slot + TAIL_FREE]!
    if (free >= size) {
      // Nearly always: the record fits in the term's last block, written there directly.
      const block = this.pages[s[slot + TAIL_PAGE]!]!
      this.write(block, s[slot + TAIL_END]! - free, slot, ordinal, length, secKind, par)
      s[slot + TAIL_FREE] = free - size
    } else {
      if (size > this.record.length) this.record = grown(this.record, size)
      this.write(this.record, 0, slot, ordinal, length, secKind, par)
      this.store(slot, this.record, size)
    }
    s[slot + LAST_ORDINAL] = ordinal
    s[slot + DF]! += 1
  }

  /** Writes the term's record for the current passage into `out` from `n`. */
  private write(
    out: Int32Array,
    n: number,
    slot: number,
    ordinal: number,
    length: number,
    secKind: number,
    par: number,
  ): void {
    const s = this.slots
    const nParts = s[slot + PARTS]!
    const nJoins = s[slot + JOINS]!
    out[n++] = ordinal - s[slot + LAST_ORDINAL]!
    out[n++] = length
    out[n++] = secKind
    out[n++] = par
    out[n++] = nParts
    out[n++] = nJoins
    let prevPos = 0
    let prevStart = 0
    const p = this.parts.numbers
    for (let k = 0, o = s[slot + FIRST_PART]!; k < nParts; k++, o = p[o * PART + 3]!) {
      const pos = p[o * PART]!
      const start = p[o * PART + 1]!
      out[n++] = pos - prevPos
      out[n++] = start - prevStart
      out[n++] = p[o * PART + 2]!
      prevPos = pos
      prevStart = start
    }
    prevPos = 0
    prevStart = 0
    const j = this.joins.numbers
    for (let k = 0, o = s[slot + FIRST_JOIN]!; k < nJoins; k++, o = j[o * JOIN + 4]!) {
      const pos = j[o * JOIN]!
      const start = j[o * JOIN + 2]!
      out[n++] = pos - prevPos
      out[n++] = j[o * JOIN + 1]!
      out[n++] = start - prevStart
      out[n++] = j[o * JOIN + 3]!
      prevPos = pos
      prevStart = start
    }
  }

  /** Copies `size` numbers of `values` to the end of the term's blocks, chaining a new block when its last is full. */
  private store(slot: number, values: Int32Array, size: number): void {
    const s = this.slots
    let from = 0
    while (from < size) {
      if (s[slot + TAIL_FREE] === 0) this.chainBlock(slot)
      const block = this.pages[s[slot + TAIL_PAGE]!]!
      const free = s[slot + TAIL_FREE]!
      const n = Math.min(free, size - from)
      const at = s[slot + TAIL_END]! - free
      for (let k = 0; k < n; k++) block[at + k] = values[from + k]!
      s[slot + TAIL_FREE] = free - n
      from += n
    }
  }

  /** Gives the term a new last block, twice its last one's size. */
  private chainBlock(slot: number): void {
    const s = this.slots
    const first = s[slot + HEAD_PAGE]! < 0
    const size = first
      ? FIRST_BLOCK
      : Math.min(MAX_BLOCK, this.pages[s[slot + TAIL_PAGE]!]![s[slot + TAIL_AT]! + 2]! * 2)
    let page = this.pages[this.pages.length - 1]!
    if (this.used + BLOCK_HEAD + size > page.length) {
      this.pages.push((page = new Int32Array(PAGE)))
      this.used = 0
    }
    const p = this.pages.length - 1
    const at = this.used
    this.used += BLOCK_HEAD + size
    page[at + 2] = size
    if (first) {
      s[slot + HEAD_PAGE] = p
      s[slot + HEAD_AT] = at
    } else {
      const tail = this.pages[s[slot + TAIL_PAGE]!]!
      tail[s[slot + TAIL_AT]!] = p
      tail[s[slot + TAIL_AT]! + 1] = at
    }
    s[slot + TAIL_PAGE] = p
    s[slot + TAIL_AT] = at
    s[slot + TAIL_FREE] = size
    s[slot + TAIL_END] = at + BLOCK_HEAD + size
  }

  /** Term t's slot, opened for this passage on its first occurrence in it. */
  private touch(t: number): number {
    const slot = t * SLOT
    const s = this.slots
    if (s[slot + STAMP] !== this.stamp) {
      s[slot + STAMP] = this.stamp
      s[slot + PARTS] = 0
      s[slot + JOINS] = 0
      if (this.touchedCount === this.touched.length) this.touched = grown(this.touched, this.touchedCount + 1)
      this.touched[this.touchedCount++] = t
    }
    return slot
  }
}
