/**
 * @module A Workers isolate, emulated: the sharded engine runs on a worker thread whose V8 heap is capped as
 * an isolate's is (128 MB), reading its pieces from a Map on the main thread that stands in for KV (a
 * piece enters the thread's heap only when read, as a KV value enters the isolate's). The thread serves
 * random queries (tools/bench/query-mix.ts) and reports its peak heap, the engine's CPU time per
 * query (wall time minus time waiting for KV) and whether it ran out of memory (ERR_WORKER_OUT_OF_MEMORY).
 */
import type { Worker } from 'node:worker_threads'
import { tsxWorker } from '../process/tsx-worker.ts'
import type { QueryKind } from './query-mix.ts'
import { mean, percentile, round } from './stats.ts'

/** The V8 heap of a Workers isolate. */
export const ISOLATE_HEAP_MB = 128

export interface IsolateJob {
  /** The sharded index's meta piece (the manifest's `search.key`). */
  metaKey: string
  /** Vocabulary for the query mix, most frequent first. */
  words: string[]
  seed: number
  /** Random queries served by one engine (the first one is the fresh isolate's). */
  queries: number
  /** Then this many queries, each on a new engine with empty caches (the meta read and parsed again). */
  coldQueries: number
  /** A forced GC, then a heap sample, every this many queries (and at the end). */
  gcEvery: number
  /** A guard: the warm queries stop after this long (the heap figures say how many ran). */
  seconds?: number
  /** The engine's piece cache budget; the engine's default when absent. */
  cacheBytes?: number
}

/** What the thread sends: KV reads, progress, and its figures at the end. */
export type FromIsolate =
  | { type: 'get'; id: number; names: string[] }
  | { type: 'progress'; heap: HeapFigures }
  | { type: 'done'; heap: HeapFigures; times: QueryTimes; failed: number; firstError?: string }

export interface HeapFigures {
  /** V8's heap limit inside the thread (MB): the isolate's, when the cap took. */
  limitMB: number
  /** Heap used once the engine's modules are loaded, before the engine opens (MB, after a GC). */
  baselineMB: number
  /** Highest heap used sampled after any query, garbage included (MB). */
  peakMB: number
  /** Highest heap used sampled right after a forced GC: what the engine holds live (MB). */
  peakLiveMB: number
  queries: number
}

/** Engine CPU time per query (ms) on one clock. */
export interface Clocked {
  /**
   * The isolate's start: the query path warmed over the built-in index, as the Worker's entry module does
   * (src/core/engine/warm-up.ts), under the startup limit rather than a request's.
   */
  startup: number
  /** The fresh isolate's first query, the meta's read and parse included. */
  first: number
  warm: number[]
  cold: number[]
}

/**
 * `wall`: wall time inside the thread less the time it waited for KV (inflated when the machine is busy);
 * `thread`: the thread's own time on a CPU, where the kernel tells it (Linux).
 */
export interface QueryTimes {
  wall: Clocked
  thread?: Clocked
  /** Each query's kind, in the order served (the first, the warm ones, the cold ones). */
  kinds: QueryKind[]
}

export interface CpuFigures {
  n: number
  /** The mean, which a coarse clock's rounding does not bias. */
  meanMs: number
  p50Ms: number
  p99Ms: number
  maxMs: number
}

export interface ClockFigures {
  startupMs: number
  firstMs: number
  warm?: CpuFigures
  cold?: CpuFigures
}

export interface IsolateFigures {
  crashed: boolean
  /** Why the thread stopped early (out of memory, an exception), when it did. */
  error?: string
  heap: HeapFigures
  /** Queries that threw (a query of stopwords only, say); the first one's message. */
  failed: number
  firstError?: string
  /**
   * Engine CPU per query on each clock (absent when the thread stopped early), and `cpu`: per query the
   * smaller of the two, since the thread cannot have been on a CPU longer than the wall time (the thread
   * clock's figure can be a scheduler tick, ~4 ms, too high; the wall clock's, a time slice elsewhere).
   */
  cpu?: { wall: ClockFigures; thread?: ClockFigures; cpu?: ClockFigures }
  /** Warm queries' CPU by kind of query (on \`cpu\`, else \`wall\`): which kinds make the tail. */
  warmByKind?: Partial<Record<QueryKind, CpuFigures>>
}

const cpu = (xs: number[]): CpuFigures | undefined =>
  xs.length === 0
    ? undefined
    : {
        n: xs.length,
        meanMs: round(mean(xs), 3),
        p50Ms: round(percentile(xs, 0.5), 3),
        p99Ms: round(percentile(xs, 0.99), 3),
        maxMs: round(Math.max(...xs), 3),
      }

const clockFigures = (c: Clocked): ClockFigures => ({
  startupMs: round(c.startup, 3),
  firstMs: round(c.first, 3),
  warm: cpu(c.warm),
  cold: cpu(c.cold),
})

/** `warm` figures split by the kind of each query (`kinds` holds the first query's kind, then the warm ones'). */
function byKind(warm: number[], kinds: QueryKind[]): Partial<Record<QueryKind, CpuFigures>> {
  const groups = new Map<QueryKind, number[]>()
  warm.forEach((ms, i) => {
    const kind = kinds[i + 1]!
    const group = groups.get(kind) ?? []
    group.push(ms)
    groups.set(kind, group)
  })
  return Object.fromEntries([...groups].map(([kind, xs]) => [kind, cpu(xs)]))
}

/** Per query, the smaller of two clocks' figures. */
const lesser = (a: Clocked, b: Clocked): Clocked => ({
  startup: Math.min(a.startup, b.startup),
  first: Math.min(a.first, b.first),
  warm: a.warm.map((ms, i) => Math.min(ms, b.warm[i]!)),
  cold: a.cold.map((ms, i) => Math.min(ms, b.cold[i]!)),
})

const NO_HEAP: HeapFigures = { limitMB: NaN, baselineMB: NaN, peakMB: NaN, peakLiveMB: NaN, queries: 0 }

/**
 * The young generation beside the capped old one: small, as in an isolate (Node 24's default young
 * generation alone is 192 MB, which would double the heap the bench means to cap).
 */
const YOUNG_GENERATION_MB = 16

/** Starts the thread on `isolate-worker.ts`. */
function startIsolate(job: IsolateJob, heapMb: number): Worker {
  return tsxWorker(new URL('./isolate-worker.ts', import.meta.url).href, {
    workerData: { isolate: job },
    resourceLimits: { maxOldGenerationSizeMb: heapMb, maxYoungGenerationSizeMb: YOUNG_GENERATION_MB },
  })
}

/**
 * Runs `job` in an emulated isolate over `kv` (key → value) and resolves with its figures; a thread that ran
 * out of memory or threw resolves too, with `crashed` and the last heap it reported.
 * @param heapMb the thread's old-generation cap; default an isolate's 128 MB
 */
export function runIsolate(
  kv: ReadonlyMap<string, string>,
  job: IsolateJob,
  heapMb = ISOLATE_HEAP_MB,
): Promise<IsolateFigures> {
  const worker = startIsolate(job, heapMb)
  let heap = NO_HEAP
  let result: IsolateFigures | undefined
  let error: string | undefined
  worker.on('message', (m: FromIsolate) => {
    if (m.type === 'get') worker.postMessage({ id: m.id, values: m.names.map((n) => kv.get(n) ?? null) })
    else if (m.type === 'progress') heap = m.heap
    else {
      const { wall, thread } = m.times
      const best = thread ? lesser(wall, thread) : wall
      const both = thread ? { thread: clockFigures(thread), cpu: clockFigures(best) } : {}
      const clocks = { wall: clockFigures(wall), ...both }
      const warmByKind = byKind(best.warm, m.times.kinds)
      result = { crashed: false, heap: m.heap, failed: m.failed, firstError: m.firstError, cpu: clocks, warmByKind }
      void worker.terminate()
    }
  })
  worker.on('error', (e: Error & { code?: string }) => {
    error = e.code === 'ERR_WORKER_OUT_OF_MEMORY' ? `${e.code}: ${e.message}` : String(e)
  })
  return new Promise((resolve) => {
    worker.on('exit', (code) => {
      if (result) return resolve(result)
      resolve({ crashed: true, error: error ?? `the isolate thread exited with code ${code}`, heap, failed: 0 })
    })
  })
}
