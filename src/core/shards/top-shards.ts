/**
 * @module The term shards of a crossing prefix's top completions, as the meta lists them
 * (ShardMeta.terms.topShards). A last word typed halfway ("sisko ca") ranks its completions' postings,
 * which lie in the shards of their terms; the prefix's own shard names those completions, so without
 * this list their shards are read a round trip after it. With it they are read beside the query's words.
 */
import { CAP } from '../search/expand.ts'
import { IndexFormatError } from '../search/types.ts'
import { byFrequency } from '../search/vocab.ts'
import { decodeNumbers, encodeNumbers, shardOf, unzigzag, zigzag, type ShardVocabEntry } from './format.ts'
import type { ShardStarts } from './shard-starts.ts'

/**
 * Shards listed for a prefix: the engine adds at most MAX_PREFIX_SHARDS (2) of them to a query's reads, the
 * first ones its words do not read already; two more leave room for the shards of those words.
 */
export const TOP_SHARDS = 4

/**
 * The meta's list, from the build's crossing tops (by shard, then prefix): for each crossing prefix, the
 * shards of the terms of its top completions in the order the engine takes them (`completionsWithin` in
 * src/core/engine/plan.ts: most frequent first, the prefix's own entry aside, among the CAP.prefix + 1 it
 * keeps), each once, at most TOP_SHARDS. A prefix spanning two shards whose list is those two, in either
 * order, is left out (3,899 of 4,753 at 100 MB: the list is 5.3 KB, not 24 KB); the engine takes them for it,
 * which is the same when it may add two shards or reads the prefix's own already.
 *
 * Packed as numbers (encodeNumbers), per listed prefix: its shard less the previous listed one's, its
 * length (it is a prefix of the next shard's start), how many shards, and each as a signed offset from the
 * prefix's shard (`zigzag`).
 */
export function packTopShards(
  first: readonly string[],
  tops: ReadonlyMap<number, Record<string, ShardVocabEntry[]>>,
): string {
  const numbers: number[] = []
  let previous = 0
  for (const g of [...tops.keys()].sort((a, b) => a - b)) {
    const prefixes = Object.keys(tops.get(g)!).sort((a, b) => a.length - b.length)
    for (const prefix of prefixes) {
      const shards = shardOffsets(first, g, prefix, tops.get(g)![prefix]!)
      const spansTwo = !first[g + 2]?.startsWith(prefix)
      if (spansTwo && shards.length === 2 && shards.includes(0) && shards.includes(1)) continue
      numbers.push(g - previous, prefix.length, shards.length, ...shards.map(zigzag))
      previous = g
    }
  }
  return encodeNumbers(numbers)
}

/** The shards (offsets from `g`) of the completions the engine keeps of a prefix, in the order it adds them. */
function shardOffsets(first: readonly string[], g: number, prefix: string, entries: ShardVocabEntry[]): number[] {
  const shards: number[] = []
  for (const [key, , , , , term] of [...entries].sort(byFrequency).slice(0, CAP.prefix + 1)) {
    const shard = shardOf(first, term) - g
    if (key !== prefix && !shards.includes(shard)) shards.push(shard)
    if (shards.length === TOP_SHARDS) break
  }
  return shards
}

/**
 * The meta's list, as a query reads it: decoded when the first crossing prefix is met, and searched in
 * place (a Map of its records cost a new engine ~0.7 ms at 100 MB; a scan of its ~3,400 numbers, µs).
 */
export class TopShards {
  private numbers: Int32Array | undefined

  constructor(
    private readonly packed: string | undefined,
    private readonly starts: ShardStarts,
  ) {}

  /**
   * The shards of `prefix`'s top completions, in the order the engine adds them (at most TOP_SHARDS), when
   * its completions cross from its shard into the next; undefined when they do not.
   */
  of(prefix: string): number[] | undefined {
    if (!this.starts.crosses(prefix)) return undefined
    const g = this.starts.shardOf(prefix)
    const listed = this.listed(g, prefix.length)
    if (listed) return listed
    if (this.starts.at(g + 2)?.startsWith(prefix)) throw corrupt()
    return [g, g + 1]
  }

  /** The shards listed for the prefix of `length` characters that crosses from `shard`, if listed. */
  private listed(shard: number, length: number): number[] | undefined {
    if (typeof this.packed !== 'string') throw corrupt()
    const numbers = (this.numbers ??= decodeNumbers(this.packed))
    let g = 0
    for (let at = 0; at < numbers.length;) {
      g += numbers[at]!
      const count = numbers[at + 2]
      if (count === undefined || count > TOP_SHARDS || at + 3 + count > numbers.length) throw corrupt()
      if (g > shard) return undefined
      if (g === shard && numbers[at + 1] === length) {
        const shards: number[] = []
        for (let k = at + 3; k < at + 3 + count; k++) {
          const i = g + unzigzag(numbers[k]!)
          if (i < 0 || i >= this.starts.length) throw corrupt()
          shards.push(i)
        }
        return shards
      }
      at += 3 + count
    }
    return undefined
  }
}

const corrupt = () => new IndexFormatError("search index meta has a corrupt list of completions' shards")
