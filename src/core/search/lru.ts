/**
 * @module A small bounded LRU map. The engine lives for the whole isolate and sees the same words
 * again and again (search as you type, popular queries), so per-word work (typo candidates, prefix
 * ranges, expansions) is memoized — bounded, because the words users type are unbounded.
 */
export class Lru<K, V> {
  private readonly map = new Map<K, V>()

  constructor(private readonly max: number) {}

  get(key: K): V | undefined {
    const v = this.map.get(key)
    // Refreshing costs a delete and an insert, so it is only done once eviction draws near.
    if (v !== undefined && this.map.size >= this.max >> 1) {
      // Map keeps insertion order: re-inserting marks the entry most recently used.
      this.map.delete(key)
      this.map.set(key, v)
    }
    return v
  }

  set(key: K, value: V): void {
    this.map.delete(key)
    this.map.set(key, value)
    if (this.map.size > this.max) this.map.delete(this.map.keys().next().value as K)
  }

  get size(): number {
    return this.map.size
  }
}
