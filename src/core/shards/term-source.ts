/**
 * @module The FlexSearch adapter's TermSource over the term shards of a build: a term's whole postings
 * (head and every tail chunk) in resolution slots. The build reads its own pieces back through it
 * (src/build/self-check.ts); a query reads through the engine's own source, which bounds tails.
 */
import type { Slots, TermSource } from '../flexsearch-kv/index.ts'
import { decodeNumbers, shardOf, shardStarts, type ShardMeta, type TermShard } from './format.ts'
import { termShardAt } from '../storage/keys.ts'
import { slotsOf } from './retrieval.ts'

export class ShardTermSource implements TermSource {
  private readonly shards = new Map<number, Promise<Map<string, TermShard['rows'][number]>>>()
  private readonly starts: string[]

  constructor(
    private readonly meta: ShardMeta,
    private readonly read: (name: string) => Promise<string>,
  ) {
    this.starts = shardStarts(meta.terms)
  }

  private shard(i: number): Promise<Map<string, TermShard['rows'][number]>> {
    let shard = this.shards.get(i)
    if (!shard) {
      const name = termShardAt(this.meta.terms.names, i)
      shard = name
        ? this.read(name).then((text) => new Map((JSON.parse(text) as TermShard).rows.map((row) => [row[0], row])))
        : Promise.resolve(new Map())
      this.shards.set(i, shard)
    }
    return shard
  }

  async slots(term: string): Promise<Slots | undefined> {
    if (this.starts.length === 0) return undefined
    const row = (await this.shard(shardOf(this.starts, term))).get(term)
    if (!row) return undefined
    const tails = await Promise.all((row[4] ?? []).map(async ([name]) => decodeNumbers(await this.read(name))))
    return slotsOf([decodeNumbers(row[3]), ...tails], this.meta.avgLength)
  }

  async has(id: number): Promise<boolean> {
    return Number.isInteger(id) && id >= 0 && id < this.meta.counts.passages
  }
}
