/**
 * @module Retrieval: which passages a query's units may match, answered by FlexSearch. A query mounts
 * a FlexSearch `Index` on the read-only KV adapter (src/core/flexsearch-kv), whose terms come from
 * the term shards this query reads: a unit is the OR of its alternatives (the word, its completions,
 * typo candidates, a phrase's rarest word), and the passages matching every required unit are their
 * AND. Ranking (BM25 with proximity and phrases) then scores only those passages.
 */
import { Index, type Resolver } from 'flexsearch'
import { KvStorage, type Slots, type TermSource } from '../flexsearch-kv/index.ts'
import { DenseIds } from './dense-ids.ts'
import { recordLength } from './format.ts'
import { recordImpact } from './impact.ts'

/** FlexSearch's resolution: slot 0 holds a term's passages of highest impact (./impact.ts). */
export const SLOTS = 9
/**
 * The top of the slot scale: the most a tf factor reaches (k1 + 1 with k1 = 1.2). A passage whose
 * field weighs more (the word in an article's title: 5) is in slot 0 whatever its text.
 */
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

/** Each record's slot and ordinal as slotOrder reads them, kept for the next list (grown to the longest). */
let slotScratch = new Uint8Array(0)
let ordinalScratch = new Int32Array(0)

function slotOrder(list: Int32Array, avgLength: number): SlotOrder {
  const known = slotOrders.get(list)
  if (known?.avgLength === avgLength) return known
  // A record is at least its six fields long: more records than that cannot fit in the list.
  const most = Math.ceil(list.length / 6)
  if (slotScratch.length < most) {
    slotScratch = new Uint8Array(most)
    ordinalScratch = new Int32Array(most)
  }
  const slotOf = slotScratch
  const ordinalOf = ordinalScratch
  const ends = new Int32Array(SLOTS)
  let ordinal = 0
  let count = 0
  for (let i = 0; i < list.length; i += recordLength(list, i), count++) {
    ordinal += list[i]!
    const impact = recordImpact(list, i, avgLength) / MAX_IMPACT
    const slot = Math.min(SLOTS - 1, Math.max(0, Math.floor((1 - impact) * SLOTS)))
    slotOf[count] = slot
    ordinalOf[count] = ordinal
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

/**
 * The fewest numbers a postings record takes: its six fields and one occurrence (a part, three numbers;
 * a join takes four).
 */
const MIN_RECORD = 9

/**
 * Heap bytes `list`'s slot order takes at most, for the piece cache that holds the list: charged when
 * the list is decoded, made only when a query first hands the list's slots to FlexSearch (a prefix's
 * completions past the first are often only gathered).
 */
export function slotOrderBytes(list: Int32Array): number {
  const records = Math.floor(list.length / MIN_RECORD)
  return (records + SLOTS) * Int32Array.BYTES_PER_ELEMENT + SLOT_ORDER_BYTES
}

/** A slot order's object and its two arrays' headers. */
const SLOT_ORDER_BYTES = 200

/**
 * Slots of a term's postings by impact (BM25's tf factor, from each record's passage length and
 * occurrences). `idOf` names a passage to FlexSearch (its ordinal unless the caller renumbers).
 * `limit` > 0: only the first `limit` passages in slot order, each in its slot (a frequent word's
 * thousands are named to FlexSearch only when it merges them with other terms). `within`: only the
 * passages it keeps, each in its slot.
 */
export function slotsOf(
  lists: Postings,
  avgLength: number,
  idOf = (ordinal: number) => ordinal,
  limit = 0,
  within?: (ordinal: number) => boolean,
): Slots {
  const orders = lists.map((list) => slotOrder(list, avgLength))
  const slots: Slots = []
  if (within) {
    for (let s = 0; s < SLOTS; s++) {
      const slot: number[] = []
      for (const { ordinals, ends } of orders)
        for (let k = s > 0 ? ends[s - 1]! : 0; k < ends[s]!; k++)
          if (within(ordinals[k]!)) slot.push(idOf(ordinals[k]!))
      slots.push(slot)
    }
    return slots
  }
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
  avgLength: number
}

/**
 * The adapter's source over one query's terms: slots computed once per term from its postings. A source
 * `within` the passages numbered so far lists only those (see Retrieval.intersection).
 */
class QueryTermSource implements TermSource {
  private readonly cache = new Map<string, Promise<Slots | undefined>>()

  constructor(
    private readonly terms: QueryTerms,
    private readonly ids: DenseIds,
    private readonly within = false,
  ) {}

  slots(term: string, limit = 0): Promise<Slots | undefined> {
    // A read of the first passages only is a lone term's (a query of one word): made once, never merged.
    if (limit > 0)
      return this.terms
        .postings(term)
        .then((lists) => (lists ? slotsOf(lists, this.terms.avgLength, this.ids.idOf, limit) : undefined))
    let slots = this.cache.get(term)
    if (!slots) {
      const within = this.within ? this.ids.known : undefined
      slots = this.terms
        .postings(term)
        .then((lists) => (lists ? slotsOf(lists, this.terms.avgLength, this.ids.idOf, 0, within) : undefined))
      this.cache.set(term, slots)
    }
    return slots
  }

  /** How many passages the term lists (its slots' ids), without making its slots. */
  async count(term: string): Promise<number> {
    const lists = await this.terms.postings(term)
    let count = 0
    for (const list of lists ?? []) count += slotOrder(list, this.terms.avgLength).ordinals.length
    return count
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

async function mounted(source: QueryTermSource): Promise<Index> {
  const index = new Index({ tokenize: 'strict', encode, resolution: SLOTS, cache: false })
  await index.mount(new KvStorage(source) as never)
  return index
}

/** The query's FlexSearch index, mounted on the KV adapter. */
export class Retrieval {
  private constructor(
    private readonly index: Index,
    private readonly ids: DenseIds,
    private readonly source: QueryTermSource,
    private readonly terms: QueryTerms,
  ) {}

  static async open(terms: QueryTerms): Promise<Retrieval> {
    const ids = DenseIds.take()
    const source = new QueryTermSource(terms, ids)
    return new Retrieval(await mounted(source), ids, source, terms)
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
  private async any(terms: string[], limit = 0, index = this.index): Promise<Found> {
    const [first, ...rest] = terms
    if (first === undefined) return []
    const paged = rest.length === 0 && limit > 0 ? { limit } : {}
    const found = (await index.search({ query: first, resolve: false, ...paged })) as unknown as Resolver
    return rest.length === 0
      ? found
      : ((await found.or(...rest.map((query) => ({ index, query })))) as unknown as Found)
  }

  /** How many passages the units' terms list, counted with repeats, without making their slots. */
  async listed(units: string[][]): Promise<number> {
    let listed = 0
    for (const terms of units) listed += await this.size([...new Set(terms)])
    return listed
  }

  /** How many passages a unit's terms list, counted with repeats. */
  private async size(terms: string[]): Promise<number> {
    let size = 0
    for (const term of terms) size += await this.source.count(term)
    return size
  }

  /**
   * The first `limit` passages holding any term of `terms`. FlexSearch's union (`or`: `union` in its
   * intersect.js) takes the first term's passages first and puts each in its slot divided by the number
   * of terms, so with SLOTS terms or more all of them in the best slot, ahead of every other term's; the
   * page is cut from the best slot on. When the first term's passages alone fill the page, no other
   * term's can reach it: FlexSearch then reads the first term alone (a prefix's 48 completions had
   * their slots made and merged, tens of thousands of passages, for none of them to be listed).
   */
  async union(terms: string[], limit: number): Promise<Candidates> {
    const distinct = [...new Set(terms)]
    const alone = distinct.length >= SLOTS && (await this.source.count(distinct[0]!)) > limit
    return this.first(await this.any(alone ? distinct.slice(0, 1) : distinct, limit + 1), limit)
  }

  /**
   * The first `limit` passages holding a term of every unit (each unit a list of alternative terms).
   * The unit listing the fewest passages is read whole and numbered first; the others are read within
   * its passages only, the only ones their AND can list: a word typed halfway beside another had its 48
   * completions' tens of thousands of passages numbered and merged for the few the other word holds.
   * FlexSearch's union and intersection place each passage by its own slots and the order it meets
   * them, never by the passages left out, so they list the same passages in the same order.
   */
  async intersection(units: string[][], limit: number): Promise<Candidates> {
    const distinct = units.map((terms) => [...new Set(terms)])
    if (distinct.length < 2) return this.and(await Promise.all(distinct.map((terms) => this.any(terms))), limit)
    const sizes = await Promise.all(distinct.map((terms) => this.size(terms)))
    const smallest = sizes.indexOf(Math.min(...sizes))
    const base = await this.any(distinct[smallest]!)
    // Its own source per intersection: what it lists depends on the passages numbered when it reads.
    const within = await mounted(new QueryTermSource(this.terms, this.ids, true))
    const found = await Promise.all(distinct.map((terms, i) => (i === smallest ? base : this.any(terms, 0, within))))
    return this.and(found, limit)
  }

  /**
   * The first `limit` passages holding a term of the most units, for a query no passage matches whole:
   * FlexSearch's AND with `suggest` (its intersect.js counts the units listing each passage, then lists
   * the passages counted most first). Every unit is read whole, as a union would read them; a union's
   * first passages are its first terms' best slots, and left out the passages holding three words of
   * four ("routine destroyed emissary make" at 100 MB: 1 of 1).
   */
  async mostOf(units: string[][], limit: number): Promise<Candidates> {
    const found = await Promise.all(units.map((terms) => this.any([...new Set(terms)])))
    const [first, ...rest] = found.filter((f): f is Resolver => !Array.isArray(f))
    if (!first) return { ordinals: new Set(), more: false }
    if (rest.length === 0) return this.first(first, limit)
    // FlexSearch cuts at `limit` most counted first, but resolves by slot, where a passage of more units
    // has its slot divided by their number: a first `limit` of `limit` + 1 resolved could leave one of
    // them out for a passage of one unit. So exactly `limit` are asked, and as many says there may be more.
    const all = (await first.and(...(rest as never[]), { suggest: true, limit })) as unknown as Resolver
    const ids = (await all.resolve({ limit })) as number[]
    return { ordinals: new Set(ids.map(this.ids.ordinalOf)), more: ids.length >= limit }
  }

  /** The first `limit` passages FlexSearch's AND of the units found lists. */
  private async and(found: Found[], limit: number): Promise<Candidates> {
    const resolvers = found.filter((f): f is Resolver => !Array.isArray(f))
    if (resolvers.length < found.length || resolvers.length === 0) return { ordinals: new Set(), more: false }
    const [first, ...rest] = resolvers
    const all = rest.length === 0 ? first! : ((await first!.and(...(rest as never[]))) as unknown as Found)
    return this.first(all, limit)
  }
}
