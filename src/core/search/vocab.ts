/**
 * @module The surface vocabulary (folded words, parts and joins with frequencies and display
 * forms): exact, prefix and typo lookups, all bounded.
 */
import { Lru } from './lru.ts'
import { editDistance, letterMask, maskBound } from './typo.ts'

/** One vocabulary entry: folded surface key, its term's id, frequency, display form ('' = key), suggestable (1/0). */
export type VocabEntry = [key: string, term: number, freq: number, display: string, suggest: 0 | 1]

/** Words longer than this are never typo-corrected (a bound on work). */
const MAX_TYPO_LEN = 40
/** Distinct (word, tolerance) lookups remembered per isolate. */
const CACHE = 2048

export interface Candidate {
  entry: VocabEntry
  distance: number
}

export class Vocabulary {
  /** Sorted by key (as built). */
  readonly entries: VocabEntry[]
  private readonly byKey = new Map<string, VocabEntry>()
  /** Entries by key length, with their letter masks alongside (the typo scan's prefilter). */
  private readonly byLength = new Map<number, { entries: VocabEntry[]; masks: number[] }>()
  private readonly nearCache = new Lru<string, Candidate[]>(CACHE)
  private readonly prefixCache = new Lru<string, VocabEntry[]>(CACHE)

  constructor(entries: VocabEntry[]) {
    this.entries = entries
    for (const e of entries) {
      this.byKey.set(e[0], e)
      const l = e[0].length
      let bucket = this.byLength.get(l)
      if (!bucket) this.byLength.set(l, (bucket = { entries: [], masks: [] }))
      bucket.entries.push(e)
      bucket.masks.push(letterMask(e[0]))
    }
  }

  get(key: string): VocabEntry | undefined {
    return this.byKey.get(key)
  }

  // prefixed() and near() answer from per-isolate caches: callers must not modify the arrays.

  /** Entries whose key starts with `prefix` (itself included), most frequent first, at most `cap`. */
  prefixed(prefix: string, cap: number, onlySuggestable = false): VocabEntry[] {
    const id = `${cap}:${onlySuggestable ? 1 : 0}:${prefix}`
    let out = this.prefixCache.get(id)
    if (!out) this.prefixCache.set(id, (out = this.scanPrefixed(prefix, cap, onlySuggestable)))
    return out
  }

  private scanPrefixed(prefix: string, cap: number, onlySuggestable: boolean): VocabEntry[] {
    const list = this.entries
    const lo = firstAtOrAfter(list, prefix)
    const out: VocabEntry[] = []
    for (let i = lo; i < list.length; i++) {
      const e = list[i]!
      if (!e[0].startsWith(prefix)) break
      if (onlySuggestable && e[4] !== 1) continue
      out.push(e)
    }
    out.sort(byFrequency)
    return out.slice(0, cap)
  }

  /** Entries within `max` edits of `key` (not equal), nearest then most frequent first, at most `cap`. */
  near(key: string, max: number, cap: number): Candidate[] {
    if (max <= 0 || key.length > MAX_TYPO_LEN) return []
    const id = `${max}:${cap}:${key}`
    let out = this.nearCache.get(id)
    if (!out) this.nearCache.set(id, (out = this.scanNear(key, max, cap)))
    return out
  }

  private scanNear(key: string, max: number, cap: number): Candidate[] {
    const out: Candidate[] = []
    const mask = letterMask(key)
    for (let l = key.length - max; l <= key.length + max; l++) {
      const bucket = this.byLength.get(l)
      if (!bucket) continue
      const { entries, masks } = bucket
      for (let i = 0; i < entries.length; i++) {
        if (maskBound(mask, masks[i]!) > max) continue
        const e = entries[i]!
        if (e[0] === key) continue
        const d = editDistance(key, e[0], max)
        if (d <= max) out.push({ entry: e, distance: d })
      }
    }
    out.sort((a, b) => a.distance - b.distance || b.entry[2] - a.entry[2] || (a.entry[0] < b.entry[0] ? -1 : 1))
    return out.slice(0, cap)
  }
}

/** Keys in code point order, as the vocabulary sorts them. */
export function compareKeys(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0
}

/** The order of `prefixed`: most frequent first, then by key. */
export function byFrequency(
  a: readonly [string, unknown, number, ...unknown[]],
  b: readonly [string, unknown, number, ...unknown[]],
): number {
  return b[2] - a[2] || compareKeys(a[0], b[0])
}

/** The index of the first entry whose key (`entry[0]`) is at or after `key` in a list sorted by key. */
export function firstAtOrAfter(sorted: readonly (readonly [string, ...unknown[]])[], key: string): number {
  return firstKeyAtOrAfter(sorted.length, (i) => sorted[i]![0], key)
}

/** The first of `length` keys (`keyAt(i)`, sorted in code unit order) at or after `key`; `length` when none. */
export function firstKeyAtOrAfter(length: number, keyAt: (i: number) => string, key: string): number {
  let lo = 0
  let hi = length
  while (lo < hi) {
    const mid = (lo + hi) >> 1
    if (keyAt(mid) < key) lo = mid + 1
    else hi = mid
  }
  return lo
}
