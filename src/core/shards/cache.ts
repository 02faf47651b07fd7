/**
 * @module The per-isolate piece cache: parsed pieces, least recently used first out, bounded by an
 * estimate of their size in bytes (not by count: a term shard and a doc block differ a hundredfold).
 * Concurrent requests for one piece share one fetch (with joinOrLoad's way out); a failed fetch is forgotten.
 */

import { DEFAULT_PATIENCE_MS, joinOrLoad } from '../shared-load.ts'

/**
 * Heap bytes charged per character of a piece's JSON once parsed whole (typo pieces, the sections list,
 * catalog pages, article models), from what parsed term shards (1.8) and doc blocks (1.4) measured on a
 * 10 MB corpus, V8 heap after GC. Those two are now views over their text that tell their own size
 * (src/core/shards/piece-views.ts); decoded postings are charged their bytes.
 */
export const HEAP_PER_CHAR = 2

/** A cached value that tells its own heap bytes. */
interface Sized {
  readonly heapBytes: number
}

function heapBytes(value: unknown, text: string, perChar: number): number {
  if (ArrayBuffer.isView(value)) return value.byteLength
  const sized = (value as Partial<Sized> | null)?.heapBytes
  return typeof sized === 'number' ? sized : text.length * perChar
}

export interface CacheStats {
  entries: number
  bytes: number
  budget: number
  hits: number
  misses: number
  /** Pieces fetched and characters fetched since the engine opened. */
  fetched: number
  fetchedBytes: number
}

export class PieceCache {
  private readonly map = new Map<string, { value: unknown; bytes: number }>()
  private readonly inflight = new Map<string, Promise<unknown>>()
  private used = 0
  /** Heap kept beside the pieces, by what keeps it, which the budget leaves room for. */
  private readonly reserved = new Map<string, number>()
  private reservedBytes = 0
  hits = 0
  misses = 0
  fetched = 0
  fetchedBytes = 0

  /** @param patienceMs how long a read of a piece another read is fetching waits for it (joinOrLoad) */
  constructor(
    private readonly fetch: (name: string) => Promise<string>,
    readonly budget: number,
    private readonly fetchMany?: (names: string[]) => Promise<Map<string, string>>,
    private readonly patienceMs = DEFAULT_PATIENCE_MS,
  ) {}

  /**
   * The parsed piece `name`, fetched and parsed with `parse` on a miss.
   * @param perChar heap bytes its parsed value costs per character of its text (a typo piece's index costs more)
   */
  get<T>(name: string, parse: (text: string) => T, perChar = HEAP_PER_CHAR): Promise<T> {
    const hit = this.map.get(name)
    if (hit) {
      this.hits++
      this.map.delete(name)
      this.map.set(name, hit)
      return Promise.resolve(hit.value as T)
    }
    const pending = this.inflight.get(name) as Promise<T> | undefined
    if (pending) return joinOrLoad(pending, () => this.load(name, parse, perChar), this.patienceMs)
    this.misses++
    const p = this.load(name, parse, perChar)
    this.inflight.set(name, p)
    const done = () => this.inflight.get(name) === p && this.inflight.delete(name)
    p.then(done, done)
    return p
  }

  /**
   * Several pieces at once: the cached ones from memory, the others in one `fetchMany` call when the
   * cache has one (KV reads up to 100 keys in one operation), else one fetch each.
   */
  async getAll<T>(
    names: string[],
    parse: (name: string) => (text: string) => T,
    perChar = HEAP_PER_CHAR,
  ): Promise<T[]> {
    const missing = [...new Set(names.filter((n) => !this.map.has(n) && !this.inflight.has(n)))]
    if (this.fetchMany && missing.length > 1) {
      const batch = this.fetchMany(missing)
      for (const name of missing) {
        this.misses++
        const p = batch.then((texts) => {
          const text = texts.get(name)
          if (text === undefined) throw new Error(`piece "${name}" was not returned`)
          return this.accept(name, text, parse(name), perChar)
        })
        this.inflight.set(name, p)
        const done = () => this.inflight.get(name) === p && this.inflight.delete(name)
        p.then(done, done)
      }
    }
    return Promise.all(names.map((n) => this.get(n, parse(n), perChar)))
  }

  private async load<T>(name: string, parse: (text: string) => T, perChar: number): Promise<T> {
    return this.accept(name, await this.fetch(name), parse, perChar)
  }

  private accept<T>(name: string, text: string, parse: (text: string) => T, perChar: number): T {
    this.fetched++
    this.fetchedBytes += text.length
    const value = parse(text)
    this.put(name, value, heapBytes(value, text, perChar))
    return value
  }

  /**
   * Adds `bytes` to what the cached piece `name` costs: for what is derived from it later and lives as
   * long as it does (a term's decoded head). Nothing happens when the piece has left the cache.
   */
  charge(name: string, bytes: number): void {
    const entry = this.map.get(name)
    if (entry) this.put(name, entry.value, entry.bytes + bytes)
  }

  /**
   * Counts `bytes` that `holder` keeps outside the cache as long as the engines over it live (the passage
   * numbering tables) against the budget; the largest figure a holder reserved counts.
   */
  reserve(holder: string, bytes: number): void {
    this.reserved.set(holder, Math.max(bytes, this.reserved.get(holder) ?? 0))
    this.reservedBytes = 0
    for (const b of this.reserved.values()) this.reservedBytes += b
    this.evictToBudget()
  }

  private put(name: string, value: unknown, bytes: number): void {
    const old = this.map.get(name)
    if (old) this.used -= old.bytes
    this.map.set(name, { value, bytes })
    this.used += bytes
    this.evictToBudget()
  }

  private evictToBudget(): void {
    while (this.used + this.reservedBytes > this.budget && this.map.size > 1) {
      const [oldest, entry] = this.map.entries().next().value as [string, { bytes: number }]
      this.map.delete(oldest)
      this.used -= entry.bytes
    }
  }

  stats(): CacheStats {
    return {
      entries: this.map.size,
      bytes: this.used,
      budget: this.budget,
      hits: this.hits,
      misses: this.misses,
      fetched: this.fetched,
      fetchedBytes: this.fetchedBytes,
    }
  }
}
