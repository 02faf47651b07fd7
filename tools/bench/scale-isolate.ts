/**
 * @module The isolate floors of `npm run bench -- --mb …` (scripts/bench-scale.ts), at each corpus size: the
 * sharded engine in an emulated isolate (tools/bench/isolate.ts) serves 10,000 random queries, then
 * queries on new engines with empty caches; a few more fresh isolates serve one query each. Floors: no
 * crash and peak heap <= 64 MB at every size; engine CPU p99 <= 10 ms per query, warm and cold.
 */
import { runIsolate, type ClockFigures, type CpuFigures, type HeapFigures, type IsolateFigures } from './isolate.ts'
import type { QueryKind } from './query-mix.ts'
import { round } from './stats.ts'

export const HEAP_FLOOR_MB = 64
export const CPU_P99_FLOOR_MS = 10

export interface IsolateRun {
  queries: number
  coldQueries: number
  /** Fresh isolates that each serve one query (the first query's CPU: meta parse included). */
  freshIsolates: number
  seconds: number
}

/** Engine CPU per query on one clock: warm isolate, new engines, and each fresh isolate's first query. */
export interface ScaleCpu {
  /** In a warm isolate (the cache filling as queries come). */
  warm?: CpuFigures
  /** On a new engine each (empty caches, the meta read and parsed again; the JIT warm). */
  cold?: CpuFigures
  /** Each fresh isolate's start: the query path warmed over the built-in index (src/core/engine/warm-up.ts), ms. */
  startupMs: number[]
  /** The first query of each fresh isolate, after its start (the meta read and parsed, the JIT fresh), ms. */
  firstMs: number[]
}

export interface IsolateScale {
  crashed: boolean
  error?: string
  heap: HeapFigures
  failedQueries: number
  /**
   * `wall`: wall time less KV waits; `thread`: the thread's time on a CPU (Linux); `cpu`: per query the smaller
   * of the two, which the floors use when present.
   */
  cpu: { wall: ScaleCpu; thread?: ScaleCpu; cpu?: ScaleCpu }
  /** Warm queries' CPU by kind of query, on the floors' clock. */
  warmByKind?: Partial<Record<QueryKind, CpuFigures>>
  floors: { heap: boolean; warmCpu: boolean; coldCpu: boolean }
}

type Clock = 'wall' | 'thread' | 'cpu'

/** Runs the isolate floors over one build: `kv` holds its entries, `metaKey` names the sharded index's meta. */
export async function isolateScale(
  kv: ReadonlyMap<string, string>,
  metaKey: string,
  words: string[],
  run: IsolateRun,
): Promise<IsolateScale> {
  const { queries, coldQueries, seconds } = run
  const main = await runIsolate(kv, { metaKey, words, seed: 7, queries, coldQueries, gcEvery: 100, seconds })
  const firsts: IsolateFigures[] = [main]
  for (let i = 1; i < run.freshIsolates && !firsts.some((f) => f.crashed); i++) {
    firsts.push(await runIsolate(kv, { metaKey, words, seed: 100 + i, queries: 1, coldQueries: 0, gcEvery: 1 }))
  }
  const scaleCpu = (clock: Clock): ScaleCpu | undefined => {
    const figures = main.cpu?.[clock]
    if (!figures) return undefined
    const each = (pick: (c: ClockFigures) => number) =>
      firsts.flatMap((f) => (f.cpu?.[clock] ? [pick(f.cpu[clock])] : []))
    return {
      warm: figures.warm,
      cold: figures.cold,
      startupMs: each((c) => c.startupMs),
      firstMs: each((c) => c.firstMs),
    }
  }
  const cpu = {
    wall: scaleCpu('wall') ?? { startupMs: [], firstMs: [] },
    thread: scaleCpu('thread'),
    cpu: scaleCpu('cpu'),
  }
  const crash = firsts.find((f) => f.crashed)
  const floorClock = cpu.cpu ?? cpu.wall
  const coldP99 = Math.max(floorClock.cold?.p99Ms ?? NaN, ...floorClock.firstMs)
  return {
    crashed: crash !== undefined,
    ...(crash?.error ? { error: crash.error } : {}),
    heap: main.heap,
    failedQueries: main.failed,
    cpu,
    warmByKind: main.warmByKind,
    floors: {
      heap: !crash && Math.max(main.heap.peakMB, main.heap.peakLiveMB) <= HEAP_FLOOR_MB,
      warmCpu: (floorClock.warm?.p99Ms ?? Infinity) <= CPU_P99_FLOOR_MS,
      coldCpu: coldP99 <= CPU_P99_FLOOR_MS,
    },
  }
}

const ok = (pass: boolean): string => (pass ? 'met' : '**missed**')
const figures = (c?: CpuFigures): string => (c ? `${c.meanMs} / ${c.p50Ms} / ${c.p99Ms} / ${c.maxMs}` : '–')
const firsts = (ms: number[]): string => (ms.length ? `${round(Math.max(...ms), 1)} (max of ${ms.length})` : '–')

/** The Markdown section of the scale report: a heap row and a CPU row per size. */
export function isolateSection(rows: { mb: number; isolate: IsolateScale }[]): string {
  const heapLine = ({ mb, isolate: r }: { mb: number; isolate: IsolateScale }): string => {
    const h = r.heap
    const crashed = r.crashed ? `**crashed**: ${r.error ?? '?'}` : 'no'
    const cells = [`${mb} MB`, crashed, h.queries, `${h.baselineMB} MB`, `${h.peakMB} MB`, `${h.peakLiveMB} MB`]
    return `| ${cells.join(' | ')} | ${ok(r.floors.heap)} |`
  }
  const cpuLines = ({ mb, isolate: r }: { mb: number; isolate: IsolateScale }): string[] =>
    (['cpu', 'thread', 'wall'] as const).flatMap((clock) => {
      const c = r.cpu[clock]
      if (!c) return []
      const floorClock = r.cpu.cpu ? 'cpu' : 'wall'
      const floors =
        clock === floorClock ? `${ok(r.floors.warmCpu)} / ${ok(r.floors.coldCpu)}` : "(not the floors' clock)"
      const runs = `${figures(c.warm)} (${c.warm?.n ?? 0}) | ${figures(c.cold)} (${c.cold?.n ?? 0})`
      return [`| ${mb} MB | ${clock} | ${runs} | ${firsts(c.startupMs)} | ${firsts(c.firstMs)} | ${floors} |`]
    })
  const kindLine = ({ mb, isolate: r }: { mb: number; isolate: IsolateScale }): string => {
    const kinds = Object.entries(r.warmByKind ?? {}).map(([kind, c]) => `${kind} ${c.p99Ms} (${c.n})`)
    return `- ${mb} MB: ${kinds.join(', ')}`
  }
  return `### In an isolate-sized heap

The sharded engine on a worker thread with V8's old generation capped at 128 MB (a Workers isolate's heap),
its pieces read from a Map on the main thread standing in for KV. Random queries: words, two words, three or
four words, typos, prefixes, a last word typed halfway, quoted phrases (tools/bench/query-mix.ts).
Heap: V8's used heap in the thread, sampled after every query (garbage included) and after a forced GC
every 100 (live); the baseline is the thread with the engine's modules loaded. Floors: no crash, peak heap <= ${HEAP_FLOOR_MB} MB.

| corpus | crashed | queries | baseline | peak heap | peak live heap | heap floor |
|---|---|---|---|---|---|---|
${rows.map(heapLine).join('\n')}

Engine CPU per query, mean / p50 / p99 / max in ms (queries): in the warm isolate; on a new engine each (empty
caches, the meta read and parsed again); and the first query of each fresh isolate, after its start, which warms
the query path over a built-in index as the Worker's entry module does (src/core/engine/warm-up.ts; a start runs
under Workers' startup limit, 1 s, not a request's CPU time). Clocks: \`thread\` is
the thread's own time on a CPU (/proc/thread-self/schedstat, updated at scheduler ticks and switches, so a figure
can be ~4 ms off), \`wall\` is wall time less KV waits (inflated when other processes hold the CPUs), \`cpu\` is per
query the smaller of the two (a thread is never on a CPU longer than the wall time). Floor: p99 <=
${CPU_P99_FLOOR_MS} ms, warm and cold, on the \`cpu\` clock where there is one.

| corpus | clock | warm | new engine | fresh isolate's start | its first query | floors (warm / cold) |
|---|---|---|---|---|---|---|
${rows.flatMap(cpuLines).join('\n')}

Warm p99 by kind of query, ms on the floors' clock (queries):

${rows.map(kindLine).join('\n')}
`
}
