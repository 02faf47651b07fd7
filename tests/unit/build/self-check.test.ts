/**
 * The build reads its pieces back through the FlexSearch KV adapter before anything points at them,
 * and refuses a build whose stored pieces would not search as the index they were written from.
 */
import { beforeAll, describe, expect, it } from 'vitest'
import { buildIndexTo, type KvEntry } from '../../../src/build/kv-entries.ts'
import { SelfCheckError } from '../../../src/build/self-check.ts'
import type { Article } from '../../../src/core/model.ts'
import type { TermShard } from '../../../src/core/shards/format.ts'
import { loadCorpus } from '../../../scripts/lib/corpus.ts'

let articles: Article[]
beforeAll(async () => {
  articles = (await loadCorpus('index/corpus')).articles
})

/** Builds, reading pieces back through `alter` (the identity: what was written). */
async function build(alter: (name: string, value: string) => string = (_, value) => value) {
  const written = new Map<string, string>()
  return buildIndexTo(articles, (e: KvEntry) => void written.set(e.key, e.value), {
    builtAt: new Date(0),
    shards: { termShard: 4096, headBytes: 300, bigTerm: 200 },
    readBack: async (name) => alter(name, written.get(name)!),
  })
}

const isTermShard = (value: string) => value.startsWith('{"rows":')

describe('the build self-check', () => {
  it('passes on pieces read back as written, with terms of every band, a phrase and a typo', async () => {
    const { check } = await build()
    expect(check!.queries.length).toBeGreaterThanOrEqual(8)
    expect(check!.queries.some((q) => /^".+ .+ .+"$/.test(q))).toBe(true)
  })

  it('fails naming the query when a stored term shard lost its postings', async () => {
    const emptied = (name: string, value: string) => {
      if (!isTermShard(value)) return value
      const shard = JSON.parse(value) as TermShard
      return JSON.stringify({ ...shard, rows: shard.rows.map(([term, id, df]) => [term, id, df, '']) })
    }
    await expect(build(emptied)).rejects.toThrow(SelfCheckError)
    await expect(build(emptied)).rejects.toThrow(
      /self-check failed on the query "[^"]+": the stored pieces give 0 passages/,
    )
  })

  it('fails when a frequent term lost a tail chunk', async () => {
    const tailless = (name: string, value: string) => {
      if (!isTermShard(value)) return value
      const shard = JSON.parse(value) as TermShard
      return JSON.stringify({
        ...shard,
        rows: shard.rows.map((row) => (row[4] ? [...row.slice(0, 4), row[4].slice(1)] : row)),
      })
    }
    await expect(build(tailless)).rejects.toThrow(
      /self-check failed on the query "[^"]+": the stored pieces give \d+ passages/,
    )
  })
})
