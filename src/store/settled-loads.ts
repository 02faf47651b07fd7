/**
 * @module Loads kept once settled, by key, bounded in bytes: an isolate lives for many requests, and a
 * crawl of every article of a large wiki would otherwise keep every model it read (100 MB of text at
 * 100 MB) in a heap of 128 MB. Least recently used out first.
 */
import { Lru } from '../core/search/lru.ts'

/** Entries kept at most, whatever their bytes: a bound on the Map itself. */
const MAX_ENTRIES = 4096

export class SettledLoads<T> {
  private readonly lru: Lru<string, { promise: Promise<T>; bytes: number }>

  /** @param weigh heap bytes a settled value holds (an estimate, as the piece cache's) */
  constructor(
    maxBytes: number,
    private readonly weigh: (value: T) => number,
  ) {
    this.lru = new Lru(MAX_ENTRIES, (entry) => entry.bytes, maxBytes)
  }

  get(key: string): Promise<T> | undefined {
    return this.lru.get(key)?.promise
  }

  has(key: string): boolean {
    return this.lru.get(key) !== undefined
  }

  /** Keeps a settled load, weighed by its value; one heavier than the whole budget is not kept. */
  set(key: string, promise: Promise<T>, value: T): void {
    this.lru.set(key, { promise, bytes: this.weigh(value) })
  }
}
