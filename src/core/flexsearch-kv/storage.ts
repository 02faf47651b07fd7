/**
 * @module A read-only FlexSearch 0.8 storage adapter over a key-value store (Workers KV, or anything
 * that hands back pieces by name). It implements FlexSearch's storage interface (`src/db/interface.js`
 * in the package) the way its Redis and SQLite adapters do, so a mounted `Index` answers `search()` and
 * its resolvers (`and`, `or`, `not`) through `get()`, reading only the terms a query names. Where the
 * terms live is the `TermSource`'s business: one read of a term-range piece usually serves many terms.
 */

/** A term's ids in FlexSearch's resolution slots: slot 0 holds the best-scored ids. */
export type Slots = number[][]

/** Where the adapter finds a term's slots. */
export interface TermSource {
  /**
   * The term's slots, or undefined when the index does not hold it. `limit` > 0: the read wants only the
   * first `limit` ids in slot order, so the source may leave out the rest (the adapter pages what it gives).
   */
  slots(term: string, limit?: number): Promise<Slots | undefined>
  /** A context pair's slots (FlexSearch's `context` option); sources without contexts leave it out. */
  context?(keyword: string, term: string): Promise<Slots | undefined>
  /** Whether an id is indexed. */
  has(id: number): Promise<boolean>
  /** What the source has read so far, for `info()`. */
  info?(): Record<string, number>
}

/** The part of FlexSearch's `Index` the adapter mounts on. */
export interface Mountable {
  db?: unknown
  resolution: number
}

/** The adapter refuses writes: the index is built and committed elsewhere (see commit.ts). */
export class ReadOnlyError extends Error {
  constructor(method: string) {
    super(`flexsearch-kv: ${method}() on a read-only store; build the index and commit it with a BatchStorage`)
    this.name = 'ReadOnlyError'
  }
}

const EMPTY: Slots = []

/** Ids of `slots` in slot order, `offset` skipped and at most `limit` kept (0: all). */
export function flatten(slots: Slots, limit = 0, offset = 0): number[] {
  return page(slots, limit, offset).flatMap((slot) => slot ?? [])
}

/**
 * The slots of `slots` holding its ids in slot order from `offset`, at most `limit` of them (0: all),
 * each id kept in the slot it was in: how an unresolved read is paged (SQLite's adapter puts LIMIT and OFFSET on it).
 */
export function page(slots: Slots, limit = 0, offset = 0): Slots {
  if (limit <= 0 && offset <= 0) return slots
  const out: Slots = []
  let skip = offset
  let left = limit > 0 ? limit : Infinity
  for (let s = 0; s < slots.length && left > 0; s++) {
    const slot = slots[s] ?? []
    const part = skip > 0 || slot.length > left ? slot.slice(skip, skip + left) : slot
    skip = Math.max(0, skip - slot.length)
    left -= part.length
    out.push(part)
  }
  return out
}

export class KvStorage {
  resolution = 9
  private gets = 0

  constructor(private readonly source: TermSource) {}

  /** Called by `Index.mount(storage)`. */
  mount(index: Mountable): Promise<this> {
    index.db = this
    this.resolution = index.resolution
    return this.open()
  }

  async open(): Promise<this> {
    return this
  }

  async close(): Promise<this> {
    return this
  }

  /**
   * FlexSearch's read: a term's slots (`resolve` false: FlexSearch intersects them itself) or its ids
   * in slot order, either paged by `limit`/`offset`. `enrich` pairs each id with a document; this store
   * holds none, so documents are null.
   */
  async get(
    key: string,
    ctx?: string,
    limit = 0,
    offset = 0,
    resolve = true,
    enrich = false,
  ): Promise<Slots | number[] | { id: number; doc: null }[]> {
    this.gets++
    const wanted = limit > 0 ? limit + offset : 0
    const slots = (ctx ? await this.source.context?.(ctx, key) : await this.source.slots(key, wanted)) ?? EMPTY
    if (!resolve) return page(slots, limit, offset)
    const ids = flatten(slots, limit, offset)
    return enrich ? this.enrich(ids) : ids
  }

  enrich(ids: number[]): { id: number; doc: null }[] {
    return ids.map((id) => ({ id, doc: null }))
  }

  has(id: number): Promise<boolean> {
    return this.source.has(id)
  }

  info(): Record<string, number> {
    return { gets: this.gets, ...this.source.info?.() }
  }

  commit(): Promise<never> {
    return Promise.reject(new ReadOnlyError('commit'))
  }

  remove(): Promise<never> {
    return Promise.reject(new ReadOnlyError('remove'))
  }

  clear(): Promise<never> {
    return Promise.reject(new ReadOnlyError('clear'))
  }

  destroy(): Promise<never> {
    return Promise.reject(new ReadOnlyError('destroy'))
  }
}
