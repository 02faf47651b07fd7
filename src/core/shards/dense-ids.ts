/**
 * @module Passage ordinals renumbered 0, 1, 2… for FlexSearch, in the order a query's slots first list
 * them. FlexSearch tracks ids in plain objects keyed by id (`check[id]` in its intersect and union); V8
 * keeps such an object as a fast array for small dense keys but as a hash table for ordinals scattered
 * up to the index's passage count, which made FlexSearch's AND/OR 4-5x slower at 100 MB, the most CPU
 * of the slowest queries. Answers are unchanged: FlexSearch orders results by slot and by the order it
 * meets ids, never by their value.
 *
 * The ordinal → id table is an open-addressing hash sized to the query, not an array of one slot per
 * passage: a fresh isolate's first query at 100 MB wrote a few thousand ids across a new 1 MB array,
 * and the memory's first touch cost ~3 ms of its CPU (page faults, measured in a worker thread here),
 * where a query's own table is 128 KB and the warm-up leaves one behind for it.
 */

/** Tables kept for the next queries: one a query in flight, so concurrent queries never share one. */
const SPARE = 2
/**
 * Slots a new table starts with (a power of two; 128 KB): 8,192 ids before it grows, where a two-word
 * query at 100 MB numbers 1,500-3,500 and a stopword 6,000. Clearing a table touches all of it, so the
 * tables the warm-up gives back are in memory before the first request's query takes one.
 */
const INITIAL_SLOTS = 16384
/**
 * The largest table kept for the next query (slots; 512 KB): 32,768 ids, five times a stopword's at
 * 100 MB. A larger one is dropped once its query ends.
 */
const MAX_KEPT_SLOTS = 65536
/** Fibonacci hashing: ordinals near each other land far apart. */
const GOLDEN = 0x9e3779b1

/** Slot s holds a key (ordinal + 1, 0: empty) at 2s and its id at 2s + 1: one array, cleared in one pass. */
type Table = Int32Array

const spare: Table[] = []

const newTable = (slots: number): Table => new Int32Array(2 * slots)

export class DenseIds {
  /** The ordinal of each dense id, by id. */
  private readonly ordinals: number[] = []

  /**
   * Null once released: a retrieval that fails part-way may still have units numbering passages, and a
   * write into a table another query has taken would map its ids to wrong passages for the isolate's life.
   */
  private table: Table | null
  /** Slots - 1, and the shift that takes a hash to a slot. */
  private mask = 0
  private shift = 0

  private constructor(table: Table) {
    this.table = table
    this.sized(table)
  }

  /** Heap the tables kept between queries take at most (1 MB), whatever index they numbered. */
  static readonly keptBytes = SPARE * MAX_KEPT_SLOTS * 2 * Int32Array.BYTES_PER_ELEMENT

  /** Heap the tables kept between queries take now. */
  static heldBytes(): number {
    return spare.reduce((bytes, table) => bytes + table.byteLength, 0)
  }

  /** Numbering for one query. */
  static take(): DenseIds {
    return new DenseIds(spare.pop() ?? newTable(INITIAL_SLOTS))
  }

  readonly idOf = (ordinal: number): number => {
    const table = this.live()
    const key = ordinal + 1
    const slot = this.slotOf(table, key)
    if (table[2 * slot] === key) return table[2 * slot + 1]!
    const id = this.ordinals.length
    this.ordinals.push(ordinal)
    table[2 * slot] = key
    table[2 * slot + 1] = id
    if (4 * this.ordinals.length > table.length) this.grow()
    return id
  }

  readonly ordinalOf = (id: number): number => this.ordinals[id]!

  /** Whether `ordinal` has an id already. */
  readonly known = (ordinal: number): boolean => {
    const table = this.live()
    return table[2 * this.slotOf(table, ordinal + 1)] === ordinal + 1
  }

  /** Ids given so far. */
  get size(): number {
    return this.ordinals.length
  }

  /** Clears what this query wrote and keeps the table for the next query, unless it grew past keeping. */
  release(): void {
    const table = this.table
    if (!table) return
    this.table = null
    this.ordinals.length = 0
    if (spare.length >= SPARE || table.length > 2 * MAX_KEPT_SLOTS) return
    table.fill(0)
    spare.push(table)
  }

  private live(): Table {
    if (!this.table) throw new Error('DenseIds: numbering asked for after the query gave its table back')
    return this.table
  }

  private sized(table: Table): void {
    this.mask = table.length / 2 - 1
    this.shift = Math.clz32(this.mask)
  }

  /**
   * The slot that holds `key`, or the empty slot where it goes (linear probing). The step runs on every
   * call, the first from the slot before the hash's: the warm-up's small tables never collide, and a
   * step V8 had never seen run deoptimized the numbering at a fresh isolate's first collision, which
   * then ran interpreted until TurboFan compiled it again (the first query at 100 MB, "tide january").
   */
  private slotOf(table: Table, key: number): number {
    let slot = (Math.imul(key, GOLDEN) >>> this.shift) - 1
    do slot = (slot + 1) & this.mask
    while (table[2 * slot] !== 0 && table[2 * slot] !== key)
    return slot
  }

  /** Twice the slots, every id placed again. */
  private grow(): void {
    const table = (this.table = newTable(this.table!.length))
    this.sized(table)
    this.ordinals.forEach((ordinal, id) => {
      const slot = this.slotOf(table, ordinal + 1)
      table[2 * slot] = ordinal + 1
      table[2 * slot + 1] = id
    })
  }
}
