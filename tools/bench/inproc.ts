/**
 * @module The in-process half of `npm run bench`: per-query time of the engine the Worker runs (over
 * its pieces held in memory, as a warm isolate holds them) against MiniSearch and Orama, the index's
 * build and open time and the heap the engine holds. Everything is measured as medians over rounds
 * on a noisy machine.
 */
import { openShardedSearch } from '../../src/core/engine/engine.ts'
import type { Corpus } from '../corpus/load.ts'
import { evaluate, piecesInMemory, timeQueries, type Adapter, type Judged } from '../relevance/evaluate.ts'
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
  /** Opening the engine over its pieces: the pointer's meta read and parsed, as a new isolate does. */
  openMs: number
  heapBeforeBytes: number
  heapAfterOpenBytes: number
  heapAfterQueriesBytes: number
  /** Whether the heap figures were taken after a forced GC (node --expose-gc). */
  gc: boolean
}

/** Two passes: one full GC can leave garbage that a weak callback or a finalizer frees only on the next. */
const gc = (): void => {
  const collect = (globalThis as { gc?: () => void }).gc
  collect?.()
  collect?.()
}

/** Build (median of `buildRounds`) and open (median of `rounds`) the engine the Worker runs, then its heap. */
export async function indexFigures(
  corpus: Corpus,
  synonyms: string[][],
  judged: Judged[],
  rounds: number,
  buildRounds: number,
) {
  // scripts/bench.ts passes only positive counts; a direct caller's 0 would leave no build to open.
  if (!(buildRounds > 0)) throw new Error(`wylb bench: indexFigures needs a positive buildRounds, got ${buildRounds}`)
  const builds: number[] = []
  let built: Awaited<ReturnType<typeof piecesInMemory>> | undefined
  for (let i = 0; i < buildRounds; i++) {
    const t = performance.now()
    built = await piecesInMemory(corpus.articles, corpus.aliases, synonyms)
    builds.push(performance.now() - t)
  }
  const { pieces, metaName, read, bytes: totalBytes } = built!
  const opens: number[] = []
  // One discarded open warms the path.
  for (let i = 0; i <= rounds; i++) {
    const t = performance.now()
    await openShardedSearch(read, metaName)
    if (i > 0) opens.push(performance.now() - t)
  }
  // Heap: the pieces are already in memory (as KV holds them), so only what the engine holds counts.
  gc()
  const heapBeforeBytes = process.memoryUsage().heapUsed
  const engine = await openShardedSearch(read, metaName)
  gc()
  const heapAfterOpenBytes = process.memoryUsage().heapUsed
  for (const j of judged) await engine.search({ q: j.q, limit: 10, offset: 0 })
  gc()
  const heapAfterQueriesBytes = process.memoryUsage().heapUsed
  const figures: IndexFigures = {
    pieces: pieces.size,
    totalBytes,
    buildMs: round(median(builds), 1),
    openMs: round(median(opens), 3),
    heapBeforeBytes,
    heapAfterOpenBytes,
    heapAfterQueriesBytes,
    gc: typeof (globalThis as { gc?: unknown }).gc === 'function',
  }
  return { figures }
}
