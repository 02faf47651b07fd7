/**
 * @module Passage ordinals renumbered 0, 1, 2… for FlexSearch, in the order a query's slots first list
 * them. FlexSearch tracks ids in plain objects keyed by id (`check[id]` in its intersect and union); V8
 * keeps such an object as a fast array for small dense keys but as a hash table for ordinals scattered
 * up to the index's passage count, which made FlexSearch's AND/OR 4-5x slower at 100 MB, the most CPU
 * of the slowest queries. Answers are unchanged: FlexSearch orders results by slot and by the order it
 * meets ids, never by their value.
 */

/** Tables kept for the next queries: one a query in flight, so concurrent queries never share one. */
const SPARE = 2
const spare: Int32Array[] = []

export class DenseIds {
  /** The ordinal of each dense id, by id. */
  private readonly ordinals: number[] = []

  /**
   * Dense id + 1 by ordinal (0: none yet), zeroed again on release so a table serves query after query.
   * Null once released: a retrieval that fails part-way may still have units numbering passages, and a
   * write into a table another query has taken would map its ids to wrong passages for the isolate's life.
   */
  private table: Int32Array | null

  private constructor(table: Int32Array) {
    this.table = table
  }

  /** Heap the tables kept between queries take over an index of `passages` passages. */
  static keptBytes(passages: number): number {
    return SPARE * passages * Int32Array.BYTES_PER_ELEMENT
  }

  /** Heap the tables kept between queries take now. */
  static heldBytes(): number {
    return spare.reduce((bytes, table) => bytes + table.byteLength, 0)
  }

  /** Numbering for one query over an index of `passages` passages. */
  static take(passages: number): DenseIds {
    // A kept table of another size numbered an earlier version's index: too short for this one, or longer
    // than the piece cache leaves room for (keptBytes). Kept, the short ones filled the spares for good.
    for (let k = spare.length - 1; k >= 0; k--) if (spare[k]!.length !== passages) spare.splice(k, 1)
    return new DenseIds(spare.pop() ?? new Int32Array(passages))
  }

  readonly idOf = (ordinal: number): number => {
    const table = this.table
    if (!table) throw new Error('DenseIds: numbering asked for after the query gave its table back')
    const id = table[ordinal]!
    if (id > 0) return id - 1
    this.ordinals.push(ordinal)
    table[ordinal] = this.ordinals.length
    return this.ordinals.length - 1
  }

  readonly ordinalOf = (id: number): number => this.ordinals[id]!

  /** Whether `ordinal` has an id already. */
  readonly known = (ordinal: number): boolean => {
    const table = this.table
    if (!table) throw new Error('DenseIds: numbering asked for after the query gave its table back')
    return table[ordinal]! > 0
  }

  /** Ids given so far. */
  get size(): number {
    return this.ordinals.length
  }

  /** Zeroes what this query wrote and keeps the table for the next query. */
  release(): void {
    const table = this.table
    if (!table) return
    this.table = null
    for (const o of this.ordinals) table[o] = 0
    this.ordinals.length = 0
    if (spare.length < SPARE) spare.push(table)
  }
}
