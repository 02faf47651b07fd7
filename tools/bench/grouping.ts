/**
 * @module What `group=article` costs, in-process: the one engine over the default article among
 * real-style articles (the multi-article judged set), each judged query answered plain (facets
 * included, as every answer carries them) and grouped by article, interleaved, medians of passes.
 */
import { buildShards } from '../../src/core/shards/build.ts'
import { openShardedSearch } from '../../src/core/engine/engine.ts'
import type { SearchRequest } from '../../src/core/search/types.ts'
import { readSynonyms } from '../corpus/load.ts'
import { MULTI_EXPORT, MULTI_QUERIES, loadJudged, multiCorpus } from '../relevance/evaluate.ts'
import { median, ratio, round } from './stats.ts'

export interface GroupingFigures {
  queries: number
  articles: number
  /** Mean µs per query, plain (with facets) and with group=article. */
  plainUs: number
  groupedUs: number
  /** groupedUs / plainUs: the floor is 1.5. */
  ratio: number
}

export async function groupingFigures(rounds: number, passes: number): Promise<GroupingFigures> {
  const corpus = await multiCorpus()
  const pieces = new Map<string, string>()
  const { metaName } = await buildShards(
    corpus.articles,
    corpus.aliases,
    (name, value) => void pieces.set(name, value),
    {
      synonyms: await readSynonyms(MULTI_EXPORT),
    },
  )
  const engine = await openShardedSearch(async (name) => pieces.get(name)!, metaName)
  const queries = (await loadJudged(MULTI_QUERIES)).map((j) => j.q)
  const time = async (req: (q: string) => SearchRequest): Promise<number> => {
    const started = performance.now()
    for (let r = 0; r < rounds; r++) for (const q of queries) await engine.search(req(q))
    return ((performance.now() - started) * 1000) / (rounds * queries.length)
  }
  const plain = (q: string): SearchRequest => ({ q, limit: 10, offset: 0 })
  const grouped = (q: string): SearchRequest => ({ q, limit: 10, offset: 0, group: 'article' })
  await time(plain)
  await time(grouped)
  const runs = { plain: [] as number[], grouped: [] as number[] }
  for (let p = 0; p < passes; p++) {
    // Alternating which goes first, so drift hits both alike.
    if (p % 2 === 0) {
      runs.plain.push(await time(plain))
      runs.grouped.push(await time(grouped))
    } else {
      runs.grouped.push(await time(grouped))
      runs.plain.push(await time(plain))
    }
  }
  const plainUs = median(runs.plain)
  const groupedUs = median(runs.grouped)
  return {
    queries: queries.length,
    articles: corpus.articles.length,
    plainUs: round(plainUs, 1),
    groupedUs: round(groupedUs, 1),
    ratio: ratio(groupedUs, plainUs),
  }
}
