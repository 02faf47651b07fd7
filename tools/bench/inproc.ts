/**
 * @module The in-process half of `npm run bench`: per-query time of our engine against MiniSearch
 * and Orama, the index's build and load time (against JSON.parse of the same bytes) and the heap
 * the loaded engine holds. Everything is measured as medians over rounds on a noisy machine.
 */
import type { Article } from '../../src/core/model.ts'
import { buildSearchIndex, loadSearchIndex, type SearchEngine } from '../oracle/index.ts'
import {
  evaluate,
  miniSearchAdapter,
  oramaAdapter,
  timeQueries,
  type Adapter,
  type Judged,
} from '../relevance/evaluate.ts'
import { median, ratio, round } from './stats.ts'

export interface EngineFigures {
  name: string
  hitAt3: number
  mrrAt10: number
  meanUs: number
  p50Us: number
  p95Us: number
  /** Peer time / our time (> 1: we are faster), by mean and by p50. */
  speedupMean?: number
  speedupP50?: number
}

/** Our engine as an Adapter (the same as tools/relevance/evaluate.ts builds, but over pieces we already have). */
function adapterOf(engine: SearchEngine): Adapter {
  return {
    name: 'wylb',
    search: (q, k) => {
      try {
        return engine.search({ q, limit: k, offset: 0 }).results.map((h) => h.id)
      } catch {
        return []
      }
    },
  }
}

/**
 * `passes` calls of timeQueries (each: a warm-up round, then `rounds` rounds of every query) after a
 * discarded one, the engines' order alternating between passes so drift hits them alike; each
 * figure is the median over passes.
 */
export async function queryTimes(
  adapters: Adapter[],
  judged: Judged[],
  rounds: number,
  passes: number,
): Promise<EngineFigures[]> {
  const qs = judged.map((j) => j.q)
  const runs = new Map<string, { meanUs: number[]; p50Us: number[]; p95Us: number[] }>()
  // A discarded pass first: one warm-up round is not enough for the JIT on a loaded machine.
  await timeQueries(adapters, qs, Math.max(2, rounds >> 2))
  for (let p = 0; p < passes; p++) {
    const order = p % 2 === 0 ? adapters : [...adapters].reverse()
    for (const t of await timeQueries(order, qs, rounds)) {
      const r = runs.get(t.name) ?? { meanUs: [], p50Us: [], p95Us: [] }
      r.meanUs.push(t.meanUs)
      r.p50Us.push(t.p50Us)
      r.p95Us.push(t.p95Us)
      runs.set(t.name, r)
    }
  }
  const scores = await Promise.all(adapters.map((a) => evaluate(a, judged)))
  const out = adapters.map((a, i): EngineFigures => {
    const r = runs.get(a.name)!
    const s = scores[i]!
    return {
      name: a.name,
      hitAt3: round(s.hitAt3, 3),
      mrrAt10: round(s.mrrAt10, 3),
      meanUs: round(median(r.meanUs), 1),
      p50Us: round(median(r.p50Us), 1),
      p95Us: round(median(r.p95Us), 1),
    }
  })
  const ours = out[0]!
  for (const e of out.slice(1)) {
    e.speedupMean = ratio(e.meanUs, ours.meanUs)
    e.speedupP50 = ratio(e.p50Us, ours.p50Us)
  }
  return out
}

export interface IndexFigures {
  pieces: number
  totalBytes: number
  buildMs: number
  loadMs: number
  jsonParseMs: number
  /** loadSearchIndex time / JSON.parse time of the same pieces. */
  loadVsParse: number
  heapBeforeBytes: number
  heapAfterLoadBytes: number
  heapAfterQueriesBytes: number
  /** Whether the heap figures were taken after a forced GC (node --expose-gc). */
  gc: boolean
}

const gc = (): void => (globalThis as { gc?: () => void }).gc?.()

/** Build (median of `buildRounds`), load and JSON.parse (medians of `rounds`), then heap. */
export async function indexFigures(articles: Article[], judged: Judged[], rounds: number, buildRounds: number) {
  const builds: number[] = []
  let pieces: Record<string, string> = {}
  for (let i = 0; i < buildRounds; i++) {
    const t = performance.now()
    pieces = await buildSearchIndex(articles)
    builds.push(performance.now() - t)
  }
  const values = Object.values(pieces)
  const totalBytes = values.reduce((n, v) => n + Buffer.byteLength(v, 'utf8'), 0)
  const loads: number[] = []
  const parses: number[] = []
  let sink = 0
  // Warm both paths once, then alternate them so drift hits them alike.
  for (let i = 0; i <= rounds; i++) {
    let t = performance.now()
    const engine = await loadSearchIndex(pieces)
    const load = performance.now() - t
    sink += engine.facets.kinds.length
    t = performance.now()
    for (const v of values) sink += JSON.parse(v) === null ? 0 : 1
    const parse = performance.now() - t
    if (i > 0) {
      loads.push(load)
      parses.push(parse)
    }
  }
  // Heap: the pieces are already in memory (as they are in the isolate, read from KV).
  gc()
  const heapBeforeBytes = process.memoryUsage().heapUsed
  const engine = await loadSearchIndex(pieces)
  gc()
  const heapAfterLoadBytes = process.memoryUsage().heapUsed
  for (const j of judged) engine.search({ q: j.q, limit: 10, offset: 0 })
  gc()
  const heapAfterQueriesBytes = process.memoryUsage().heapUsed
  sink += engine.facets.articles.length
  const loadMs = median(loads)
  const jsonParseMs = median(parses)
  const figures: IndexFigures = {
    pieces: values.length,
    totalBytes,
    buildMs: round(median(builds), 1),
    loadMs: round(loadMs, 3),
    jsonParseMs: round(jsonParseMs, 3),
    loadVsParse: ratio(loadMs, jsonParseMs),
    heapBeforeBytes,
    heapAfterLoadBytes,
    heapAfterQueriesBytes,
    gc: typeof (globalThis as { gc?: unknown }).gc === 'function',
  }
  return { figures, sink }
}

/** Our engine (built here) and both peers over the same passages. */
export async function benchAdapters(articles: Article[]): Promise<Adapter[]> {
  const engine = await loadSearchIndex(await buildSearchIndex(articles))
  return [adapterOf(engine), miniSearchAdapter(articles), await oramaAdapter(articles)]
}
