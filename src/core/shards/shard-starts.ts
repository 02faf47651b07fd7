/**
 * @module Where each term shard starts, as a query reads it from the meta (ShardMeta.terms): a stretch at a
 * time. Each start is packed as the prefix it shares with the one before plus the rest, so it can be unpacked
 * from the last start before it that shares nothing (a restart: 35 of 2,841 at 100 MB). A query looks up a
 * few shards; unpacking every start when an engine opened took a fresh isolate's first query ~1.3 ms of
 * code not yet compiled.
 */
import { shardOf, unpackStarts, type ShardMeta } from './format.ts'

/** A packed start that shares nothing with the one before: its digit is 0 (see packShardStarts). */
const RESTART = / (?=A)/

export class ShardStarts {
  /** How many shards there are. */
  readonly length: number
  /** Each stretch's packed text (it begins with a restart), its first start and its first shard's index. */
  private readonly packed: string[]
  private readonly firsts: string[] = []
  private readonly offsets: number[] = []
  private readonly unpacked = new Map<number, string[]>()

  constructor(terms: Pick<ShardMeta['terms'], 'first' | 'names'>) {
    this.packed = terms.names.length === 0 ? [] : terms.first.split(RESTART)
    let count = 0
    for (const text of this.packed) {
      const end = text.indexOf(' ')
      this.firsts.push(text.slice(1, end < 0 ? text.length : end))
      this.offsets.push(count)
      // Starts hold no space (packShardStarts refuses them): a stretch's count is its separators plus one.
      let starts = 1
      for (let at = text.indexOf(' '); at >= 0; at = text.indexOf(' ', at + 1)) starts++
      count += starts
    }
    this.length = count
  }

  /** The start of shard `i` (undefined past the last). */
  at(i: number): string | undefined {
    if (i < 0 || i >= this.length) return undefined
    const k = shardOf(this.offsets, i)
    return this.stretch(k)[i - this.offsets[k]!]
  }

  /** The shard a term or prefix sorts into: the last whose start is at most `key` (or the first). */
  shardOf(key: string): number {
    if (this.length === 0 || key < this.firsts[0]!) return 0
    const k = shardOf(this.firsts, key)
    return this.offsets[k]! + shardOf(this.stretch(k), key)
  }

  /** Whether the vocabulary entries starting with `prefix` may cross from one shard into the next. */
  crosses(prefix: string): boolean {
    return this.at(this.shardOf(prefix) + 1)?.startsWith(prefix) ?? false
  }

  private stretch(k: number): string[] {
    let starts = this.unpacked.get(k)
    if (!starts) this.unpacked.set(k, (starts = unpackStarts(this.packed[k]!)))
    return starts
  }
}
