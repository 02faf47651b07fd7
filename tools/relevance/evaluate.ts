/**
 * @module The relevance harness shared by `npm run eval`, `npm run bench` and the relevance test:
 * load the corpus, build our engine and two peers (MiniSearch, Orama) over the same passages, run
 * the judged queries, compute hit@3 and MRR@10, and time per-query search in-process.
 */
import { readFile } from 'node:fs/promises'
import MiniSearch from 'minisearch'
import { create, insertMultiple, search as oramaSearch, type AnyOrama } from '@orama/orama'
import type { Article } from '../../src/core/model.ts'
import { answerField } from '../../src/core/search/field-answer.ts'
import { buildShards } from '../../src/core/shards/build.ts'
import { openShardedSearch } from '../../src/core/engine/engine.ts'
import { DEFAULT_CORPUS, loadCorpus, readSynonyms, type Corpus } from '../corpus/load.ts'

export const JUDGED_QUERIES = 'tests/relevance/queries.json'
/** Judged queries over the default article among real-style articles (MULTI_EXPORT). */
export const MULTI_QUERIES = 'tests/relevance/multi-queries.json'
/** A MediaWiki export of articles beside the default one: titles, redirects, infoboxes, categories. */
export const MULTI_EXPORT = 'tests/relevance/wiki-export.xml'

export interface Judged {
  q: string
  expect: string
  why: string
}

/** A search engine under evaluation: the passage ids it ranks for `q`, best first (at most `k`). */
export interface Adapter {
  name: string
  search(q: string, k: number): string[] | Promise<string[]>
}

export interface Score {
  name: string
  hitAt3: number
  mrrAt10: number
  misses: { q: string; expect: string; got: string[] }[]
}

export async function loadJudged(path = JUDGED_QUERIES): Promise<Judged[]> {
  return JSON.parse(await readFile(path, 'utf8')) as Judged[]
}

export function passagesOf(articles: Article[]): { id: string; text: string }[] {
  return articles.flatMap((a) => a.sections.flatMap((s) => s.passages.map((p) => ({ id: p.id, text: p.text }))))
}

/** A build's pieces held in memory, as KV would hold them, and a reader over them as the engine reads KV. */
export async function piecesInMemory(
  articles: Article[],
  aliases: Record<string, string> = {},
  synonyms: string[][] = [],
): Promise<{ pieces: Map<string, string>; metaName: string; read: (name: string) => Promise<string>; bytes: number }> {
  const pieces = new Map<string, string>()
  const { metaName } = await buildShards(articles, aliases, (name, value) => void pieces.set(name, value), { synonyms })
  const read = async (name: string): Promise<string> =>
    pieces.get(name) ?? Promise.reject(new Error(`no piece ${name}`))
  const bytes = [...pieces.values()].reduce((n, v) => n + Buffer.byteLength(v, 'utf8'), 0)
  return { pieces, metaName, read, bytes }
}

/** The one engine over its pieces held in memory (as KV would hold them). */
export async function ourAdapter(
  articles: Article[],
  aliases: Record<string, string> = {},
  synonyms: string[][] = [],
): Promise<Adapter & { bytes: number }> {
  const { metaName, read, bytes } = await piecesInMemory(articles, aliases, synonyms)
  const engine = await openShardedSearch(read, metaName)
  const models = new Map(articles.map((a) => [a.slug, a]))
  return {
    name: 'wylb',
    bytes,
    // As a page shows it: the field answer's passage first, then the ranked passages.
    search: async (q, k) => {
      try {
        const { results } = await engine.search({ q, limit: k, offset: 0 })
        const ids = results.map((h) => h.id)
        const answer = await answerField(
          q,
          engine,
          async (slug) => models.get(slug),
          results.map((h) => h.article.slug),
        )
        return answer ? [answer.passage, ...ids.filter((id) => id !== answer.passage)].slice(0, k) : ids
      } catch {
        return []
      }
    },
  }
}

export function miniSearchAdapter(articles: Article[]): Adapter {
  const ms = new MiniSearch<{ id: string; text: string }>({
    fields: ['text'],
    searchOptions: { prefix: true, fuzzy: 0.2 },
  })
  ms.addAll(passagesOf(articles))
  return {
    name: 'MiniSearch',
    search: (q, k) =>
      ms
        .search(q)
        .slice(0, k)
        .map((r) => String(r.id)),
  }
}

export async function oramaAdapter(articles: Article[]): Promise<Adapter> {
  const db: AnyOrama = create({ schema: { pid: 'string', text: 'string' } as const })
  await insertMultiple(
    db,
    passagesOf(articles).map((p) => ({ pid: p.id, text: p.text })),
  )
  return {
    name: 'Orama',
    search: (q, k) => {
      const res = oramaSearch(db, { term: q, properties: ['text'], tolerance: 1, limit: k })
      if (res instanceof Promise) throw new Error('Orama search answered asynchronously')
      return res.hits.map((h) => String((h.document as unknown as { pid: string }).pid))
    },
  }
}

/** Our engine and both peers over the corpus in `dir`. */
export async function allAdapters(
  dir = DEFAULT_CORPUS,
): Promise<{ adapters: Adapter[]; ours: Adapter & { bytes: number } }> {
  return adaptersOver(await loadCorpus(dir), await readSynonyms(dir))
}

/** The default article and the articles (and redirects) of MULTI_EXPORT. */
export async function multiCorpus(): Promise<Corpus> {
  const [own, other] = await Promise.all([loadCorpus(DEFAULT_CORPUS), loadCorpus(MULTI_EXPORT)])
  return {
    articles: [...own.articles, ...other.articles],
    aliases: other.aliases,
    skipped: [...own.skipped, ...other.skipped],
  }
}

/** Our engine and both peers over a corpus. */
export async function adaptersOver(
  corpus: Corpus,
  synonyms: string[][],
): Promise<{ adapters: Adapter[]; ours: Adapter & { bytes: number } }> {
  const ours = await ourAdapter(corpus.articles, corpus.aliases, synonyms)
  return { ours, adapters: [ours, miniSearchAdapter(corpus.articles), await oramaAdapter(corpus.articles)] }
}

export async function evaluate(adapter: Adapter, judged: Judged[]): Promise<Score> {
  let hits = 0
  let rr = 0
  const misses: Score['misses'] = []
  for (const j of judged) {
    const got = await adapter.search(j.q, 10)
    const rank = got.indexOf(j.expect)
    if (rank >= 0 && rank < 3) hits++
    else misses.push({ q: j.q, expect: j.expect, got: got.slice(0, 3) })
    if (rank >= 0) rr += 1 / (rank + 1)
  }
  const n = Math.max(1, judged.length)
  return { name: adapter.name, hitAt3: hits / n, mrrAt10: rr / n, misses }
}

export interface Timing {
  name: string
  /** Microseconds per query. */
  meanUs: number
  p50Us: number
  p95Us: number
}

/** Times every query `rounds` times per engine (after one warm-up round), in-process. */
export async function timeQueries(adapters: Adapter[], queries: string[], rounds = 20): Promise<Timing[]> {
  const timings: Timing[] = []
  for (const a of adapters) {
    for (const q of queries) await a.search(q, 10)
    const samples: number[] = []
    for (let r = 0; r < rounds; r++) {
      for (const q of queries) {
        const t = performance.now()
        await a.search(q, 10)
        samples.push((performance.now() - t) * 1000)
      }
    }
    samples.sort((x, y) => x - y)
    const at = (f: number): number => samples[Math.min(samples.length - 1, Math.floor(f * samples.length))] ?? 0
    timings.push({
      name: a.name,
      meanUs: samples.reduce((s, v) => s + v, 0) / Math.max(1, samples.length),
      p50Us: at(0.5),
      p95Us: at(0.95),
    })
  }
  return timings
}
