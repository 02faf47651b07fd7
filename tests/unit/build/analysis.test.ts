/**
 * The sharded build in two halves: the analysis (which a Node build runs on a worker thread) and the
 * gathering. However the analysis is cut into batches, and whichever thread runs it, the build stores
 * the same keys and values as one that analyzes its articles inline.
 */
import { describe, expect, it } from 'vitest'
import { buildIndexTo, type KvEntry } from '../../../src/build/kv-entries.ts'
import type { Article } from '../../../src/core/model.ts'
import { analyze } from '../../../src/core/shards/analysis.ts'
import { DEFAULTS, type ShardSource } from '../../../src/core/shards/build.ts'
import { analyzeInWorker } from '../../../scripts/lib/analysis-worker.ts'
import { loadCorpus } from '../../../scripts/lib/corpus.ts'
import { smallCorpus } from '../shards/fixture.ts'

const SMALL = { termShard: 4096, docBlock: 2048, typoHead: 64, catalogPage: 1024 }

async function entriesOf(
  source: ShardSource,
  aliases: Record<string, string> = {},
  shards = SMALL,
): Promise<KvEntry[]> {
  const entries: KvEntry[] = []
  await buildIndexTo(source, (e) => void entries.push(e), { builtAt: new Date(0), aliases, shards })
  return entries
}

describe('the analysis half of the build', () => {
  it('gives the same build in batches of any size', async () => {
    const articles: Article[] = await smallCorpus(0.3)
    const inline = await entriesOf(articles)
    for (const batch of [1, 7, 500]) {
      expect(await entriesOf({ analyzed: analyze(articles, SMALL.docBlock, batch) })).toEqual(inline)
    }
  }, 60_000)

  it('gives the same build on a worker thread, a corpus folder or an export with its aliases', async () => {
    for (const corpus of ['index/corpus', 'tests/unit/import/fixtures/episode-export.xml']) {
      const { articles, aliases } = await loadCorpus(corpus)
      const worker = await analyzeInWorker([corpus], DEFAULTS.docBlock)
      expect(worker.count).toBe(articles.length)
      expect(worker.aliases).toEqual(aliases)
      const threaded = await entriesOf(worker, worker.aliases, DEFAULTS)
      expect(threaded).toEqual(await entriesOf(articles, aliases, DEFAULTS))
      expect(worker.textBytes()).toBe(
        articles.reduce(
          (n, a) =>
            n + a.sections.reduce((m, s) => m + s.passages.reduce((k, p) => k + Buffer.byteLength(p.text), 0), 0),
          0,
        ),
      )
    }
  }, 60_000)

  it('fails the build when the thread fails', async () => {
    await expect(analyzeInWorker(['tests/unit/build/no-such-corpus'], DEFAULTS.docBlock)).rejects.toThrow(
      /no corpus at/,
    )
  })
})
