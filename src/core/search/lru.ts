/**
 * @module A small bounded LRU map. The engine lives for the whole isolate and sees the same words
 * again and again (search as you type, popular queries), so per-word work (typo candidates, prefix
 * ranges, expansions) is memoized — bounded, because the words users type are unbounded.
 */
export class Lru<K, V> {
  private readonly map = new Map<K, V>()
  private readonly weights = new Map<K, number>()
  private weight = 0

  /**
   * At most `max` entries; with `weigh`, also at most `maxWeight` in all (an isolate's caches are
   * bounded in bytes, whatever their entries hold).
   */
  constructor(
    private readonly max: number,
    private readonly weigh?: (value: V) => number,
    private readonly maxWeight = Infinity,
  ) {}

  get(key: K): V | undefined {
    const v = this.map.get(key)
    // Refreshing costs a delete and an insert, so it is only done once eviction draws near, by count or by weight.
    if (v !== undefined && (this.map.size >= this.max >> 1 || this.weight >= this.maxWeight / 2)) {
      // Map keeps insertion order: re-inserting marks the entry most recently used.
      this.map.delete(key)
      this.map.set(key, v)
    }
    return v
  }

  set(key: K, value: V): void {
    this.delete(key)
    const w = this.weigh?.(value) ?? 0
    if (w > this.maxWeight) return
    this.map.set(key, value)
    if (this.weigh) {
      this.weights.set(key, w)
      this.weight += w
    }
    while (this.map.size > this.max || this.weight > this.maxWeight) this.delete(this.map.keys().next().value as K)
  }

  private delete(key: K): void {
    if (!this.map.delete(key)) return
    this.weight -= this.weights.get(key) ?? 0
    this.weights.delete(key)
  }

  get size(): number {
    return this.map.size
  }
}
