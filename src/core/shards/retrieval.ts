/**
 * @module Retrieval: which passages a query's units may match, answered by FlexSearch. A query mounts
 * a FlexSearch `Index` on the read-only KV adapter (src/core/flexsearch-kv), whose terms come from
 * the term shards this query reads: a unit is the OR of its alternatives (the word, its completions,
 * typo candidates, a phrase's rarest word), and the passages matching every required unit are their
 * AND. Ranking (BM25 with proximity and phrases) then scores only those passages.
 */
import { Index, type Resolver } from 'flexsearch'
import { KvStorage, type Slots, type TermSource } from '../flexsearch-kv/index.ts'
import { tfNorm } from '../search/score.ts'
import { DenseIds } from './dense-ids.ts'
import { recordLength } from './format.ts'

/** FlexSearch's resolution: slot 0 holds a term's passages of highest impact (BM25's tf factor). */
export const SLOTS = 9
/** The most a tf factor reaches (k1 + 1 with k1 = 1.2): the top of the slot scale. */
const MAX_IMPACT = 2.2

/** A term's postings as the engine decoded them: each passage's record starts at a delta ordinal. */
export type Postings = Int32Array[]

/** A postings list's passage ordinals grouped by slot (in reading order within each), and where each slot ends. */
interface SlotOrder {
  avgLength: number
  ordinals: Int32Array
  ends: Int32Array
}

/**
 * Each list's slot order, kept while the list lives (a cached head or tail tier): a query then maps the
 * list's ordinals to its ids slot by slot, into arrays of their final size, where it walked the records,
 * scored each and grew nine arrays, query after query.
 */
const slotOrders = new WeakMap<Int32Array, SlotOrder>()

function slotOrder(list: Int32Array, avgLength: number): SlotOrder {
  const known = slotOrders.get(list)
  if (known?.avgLength === avgLength) return known
  let count = 0
  for (let i = 0; i < list.length; i += recordLength(list, i)) count++
  const slotOf = new Uint8Array(count)
  const ordinalOf = new Int32Array(count)
  const ends = new Int32Array(SLOTS)
  let ordinal = 0
  for (let i = 0, r = 0; i < list.length; i += recordLength(list, i), r++) {
    ordinal += list[i]!
    const impact = tfNorm(list[i + 4]! + list[i + 5]!, list[i + 1]!, avgLength) / MAX_IMPACT
    const slot = Math.min(SLOTS - 1, Math.max(0, Math.floor((1 - impact) * SLOTS)))
    slotOf[r] = slot
    ordinalOf[r] = ordinal
    ends[slot]!++
  }
  for (let s = 1; s < SLOTS; s++) ends[s]! += ends[s - 1]!
  const ordinals = new Int32Array(count)
  const filled = new Int32Array(SLOTS)
  for (let s = 1; s < SLOTS; s++) filled[s] = ends[s - 1]!
  for (let r = 0; r < count; r++) ordinals[filled[slotOf[r]!]!++] = ordinalOf[r]!
  const order = { avgLength, ordinals, ends }
  slotOrders.set(list, order)
  return order
}

/** Heap bytes `list`'s slot order takes (made now when it is not yet), for the piece cache that holds the list. */
export function slotOrderBytes(list: Int32Array, avgLength: number): number {
  const { ordinals, ends } = slotOrder(list, avgLength)
  return ordinals.byteLength + ends.byteLength + SLOT_ORDER_BYTES
}

/** A slot order's object and its two arrays' headers. */
const SLOT_ORDER_BYTES = 200

/**
 * Slots of a term's postings by impact (BM25's tf factor, from each record's passage length and
 * occurrences). `idOf` names a passage to FlexSearch (its ordinal unless the caller renumbers).
 * `limit` > 0: only the first `limit` passages in slot order, each in its slot (a frequent word's
 * thousands are named to FlexSearch only when it merges them with other terms).
 */
export function slotsOf(lists: Postings, avgLength: number, idOf = (ordinal: number) => ordinal, limit = 0): Slots {
  const orders = lists.map((list) => slotOrder(list, avgLength))
  const slots: Slots = []
  let left = limit > 0 ? limit : Infinity
  for (let s = 0; s < SLOTS && left > 0; s++) {
    let size = 0
    for (const { ends } of orders) size += ends[s]! - (s > 0 ? ends[s - 1]! : 0)
    const slot = new Array<number>(Math.min(size, left))
    let j = 0
    for (const { ordinals, ends } of orders)
      for (let k = s > 0 ? ends[s - 1]! : 0; k < ends[s]! && j < slot.length; k++) slot[j++] = idOf(ordinals[k]!)
    left -= slot.length
    slots.push(slot)
  }
  return slots
}

/** What one query's retrieval reads: a term's postings (head, and tail when the query reads tails). */
export interface QueryTerms {
  postings(term: string): Promise<Postings | undefined>
  passages: number
  avgLength: number
}

/** The adapter's source over one query's terms: slots computed once per term from its postings. */
class QueryTermSource implements TermSource {
  private readonly cache = new Map<string, Promise<Slots | undefined>>()

  constructor(
    private readonly terms: QueryTerms,
    private readonly ids: DenseIds,
  ) {}

  slots(term: string, limit = 0): Promise<Slots | undefined> {
    // A read of the first passages only is a lone term's (a query of one word): made once, never merged.
    if (limit > 0)
      return this.terms
        .postings(term)
        .then((lists) => (lists ? slotsOf(lists, this.terms.avgLength, this.ids.idOf, limit) : undefined))
    let slots = this.cache.get(term)
    if (!slots) {
      slots = this.terms
        .postings(term)
        .then((lists) => (lists ? slotsOf(lists, this.terms.avgLength, this.ids.idOf) : undefined))
      this.cache.set(term, slots)
    }
    return slots
  }

  async has(id: number): Promise<boolean> {
    return Number.isInteger(id) && id >= 0 && id < this.ids.size
  }
}

/** Terms arrive analyzed (src/core/search/normalize.ts did it), so FlexSearch's encoder only splits. */
const encode = (text: string): string[] => text.split(' ').filter((t) => t.length > 0)

type Found = Resolver | number[]

/** Candidate passages in FlexSearch's order, and whether it listed more than were asked for. */
export interface Candidates {
  ordinals: Set<number>
  more: boolean
}

/** The query's FlexSearch index, mounted on the KV adapter. */
export class Retrieval {
  private constructor(
    private readonly index: Index,
    private readonly ids: DenseIds,
  ) {}

  static async open(terms: QueryTerms): Promise<Retrieval> {
    const ids = DenseIds.take(terms.passages)
    const index = new Index({ tokenize: 'strict', encode, resolution: SLOTS, cache: false })
    await index.mount(new KvStorage(new QueryTermSource(terms, ids)) as never)
    return new Retrieval(index, ids)
  }

  /** Gives back what the query borrowed; the Retrieval answers no more after. */
  close(): void {
    this.ids.release()
  }

  /**
   * The first `limit` passages FlexSearch lists, best impact slot first: only those are resolved and
   * mapped back, not a frequent word's tens of thousands (arrays and a Set that large are allocated in
   * V8's large-object space, old generation, which brought on its mark-compact pauses).
   */
  private async first(found: Found, limit: number): Promise<Candidates> {
    const ids = Array.isArray(found) ? found : ((await found.resolve({ limit: limit + 1 })) as number[])
    return {
      ordinals: new Set(ids.slice(0, limit).map(this.ids.ordinalOf)),
      more: ids.length > limit,
    }
  }

  /**
   * One unit: the passages holding any of its terms. `limit`: only the first so many are resolved, so a
   * lone term is read paged (FlexSearch's storage contract), where merged terms need all their passages.
   */
  private async any(terms: string[], limit = 0): Promise<Found> {
    const [first, ...rest] = terms
    if (first === undefined) return []
    const paged = rest.length === 0 && limit > 0 ? { limit } : {}
    const found = (await this.index.search({ query: first, resolve: false, ...paged })) as unknown as Resolver
    return rest.length === 0
      ? found
      : ((await found.or(...rest.map((query) => ({ index: this.index, query })))) as unknown as Found)
  }

  /** The first `limit` passages holding any term of `terms`. */
  async union(terms: string[], limit: number): Promise<Candidates> {
    return this.first(await this.any([...new Set(terms)], limit + 1), limit)
  }

  /** The first `limit` passages holding a term of every unit (each unit a list of alternative terms). */
  async intersection(units: string[][], limit: number): Promise<Candidates> {
    const found = await Promise.all(units.map((terms) => this.any([...new Set(terms)])))
    const resolvers = found.filter((f): f is Resolver => !Array.isArray(f))
    if (resolvers.length < found.length || resolvers.length === 0) return { ordinals: new Set(), more: false }
    const [first, ...rest] = resolvers
    const all = rest.length === 0 ? first! : ((await first!.and(...(rest as never[]))) as unknown as Found)
    return this.first(all, limit)
  }
}
