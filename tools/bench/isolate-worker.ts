/**
 * @module The inside of an emulated isolate (tools/bench/isolate.ts): opens the sharded engine over KV
 * reads answered by the main thread, serves the job's queries, samples the heap after each one (and after a
 * forced GC every `gcEvery`), and times each query's CPU twice: as wall time less the time spent waiting for KV,
 * and, where Linux tells it (/proc/thread-self/schedstat), as the time the thread was on a CPU, which time
 * slices given to other processes of a shared machine do not inflate.
 */
import { openSync, readSync } from 'node:fs'
import { getHeapStatistics, setFlagsFromString } from 'node:v8'
import { runInNewContext } from 'node:vm'
import { parentPort, workerData, type MessagePort } from 'node:worker_threads'
import { openShardedSearch, type ShardedSearch } from '../../src/core/engine/engine.ts'
import { warmUp, type WarmUpIndex } from '../../src/core/engine/warm-up.ts'
import warmUpIndex from '../../src/core/engine/warm-up-index.json' with { type: 'json' }
import type { Clocked, FromIsolate, HeapFigures, IsolateJob, QueryTimes } from './isolate.ts'
import { queryMix } from './query-mix.ts'

const MB = 2 ** 20

/** The GC, exposed for this thread when node was not started with --expose-gc. */
function forcedGc(): () => void {
  const exposed = (globalThis as { gc?: () => void }).gc
  if (exposed) return exposed
  setFlagsFromString('--expose-gc')
  return runInNewContext('gc') as () => void
}

/** The thread's heap used, in MB to a tenth. */
const heapUsedMB = (): number => Math.round((getHeapStatistics().used_heap_size / MB) * 10) / 10

/** This thread's time on a CPU (ms), when the kernel tells it: schedstat's first field is in nanoseconds. */
function threadClock(): (() => number) | undefined {
  let fd: number
  try {
    fd = openSync('/proc/thread-self/schedstat', 'r')
  } catch {
    return undefined
  }
  const buffer = Buffer.alloc(128)
  return () => Number(buffer.toString('latin1', 0, readSync(fd, buffer, 0, buffer.length, 0)).split(' ')[0]) / 1e6
}

/** KV reads sent to the main thread; `waited` sums the time at least one read was in flight. */
class RemoteKv {
  waited = 0
  private id = 0
  private inFlight = 0
  private since = 0
  private readonly pending = new Map<number, (values: (string | null)[]) => void>()

  constructor(private readonly port: MessagePort) {
    port.on('message', (m: { id: number; values: (string | null)[] }) => {
      if (--this.inFlight === 0) this.waited += performance.now() - this.since
      this.pending.get(m.id)?.(m.values)
      this.pending.delete(m.id)
    })
  }

  readonly fetchPiece = async (name: string): Promise<string> => (await this.fetchMany([name])).get(name)!

  readonly fetchMany = async (names: string[]): Promise<Map<string, string>> => {
    if (this.inFlight++ === 0) this.since = performance.now()
    const id = this.id++
    const values = await new Promise<(string | null)[]>((resolve) => {
      this.pending.set(id, resolve)
      this.port.postMessage({ type: 'get', id, names } satisfies FromIsolate)
    })
    return new Map(names.map((name, i) => [name, values[i] ?? missing(name)]))
  }
}

const missing = (name: string): never => {
  throw new Error(`no key ${name} in the KV stand-in`)
}

/** Peak heap over samples after queries, and over samples after a forced GC. */
class HeapWatch {
  readonly figures: HeapFigures

  constructor(private readonly gc: () => void) {
    gc()
    const baseline = heapUsedMB()
    const limitMB = getHeapStatistics().heap_size_limit / MB
    this.figures = {
      limitMB: Math.round(limitMB),
      baselineMB: baseline,
      peakMB: baseline,
      peakLiveMB: baseline,
      queries: 0,
    }
  }

  afterQuery(): void {
    this.figures.queries++
    this.figures.peakMB = Math.max(this.figures.peakMB, heapUsedMB())
  }

  afterGc(): HeapFigures {
    this.gc()
    this.figures.peakLiveMB = Math.max(this.figures.peakLiveMB, heapUsedMB())
    return { ...this.figures }
  }
}

/**
 * How long the thread waits, once its modules are loaded, before it serves: tsx (which runs this TypeScript)
 * connects to its CLI's socket and, once connected, sends it a message per module loaded. That flush landed
 * inside the first query's time in 3 of 8 profiled isolates (5-14 ms of profile); a Worker's bundle has no
 * loader, and on Workers the modules load at the isolate's startup, outside any request.
 */
const LOADER_SETTLE_MS = 100

async function serve(job: IsolateJob, port: MessagePort): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve, LOADER_SETTLE_MS))
  const kv = new RemoteKv(port)
  const thread = threadClock()
  const clocked = (): Clocked => ({ startup: NaN, first: NaN, warm: [], cold: [] })
  const times: QueryTimes = { wall: clocked(), ...(thread ? { thread: clocked() } : {}), kinds: [] }
  // The isolate's start, as the Worker's entry module makes it.
  const startCpu = thread?.()
  const startWall = performance.now()
  await warmUp(warmUpIndex as WarmUpIndex)
  times.wall.startup = performance.now() - startWall
  if (times.thread) times.thread.startup = thread!() - startCpu!
  const watch = new HeapWatch(forcedGc())
  const next = queryMix(job.words, job.seed)
  let failed = 0
  let firstError: string | undefined
  const open = (): Promise<ShardedSearch> =>
    openShardedSearch(kv.fetchPiece, job.metaKey, { fetchMany: kv.fetchMany, cacheBytes: job.cacheBytes })
  const search = async (engine: ShardedSearch): Promise<void> => {
    const { kind, q } = next()
    times.kinds.push(kind)
    try {
      await engine.search({ q, limit: 10, offset: 0 })
    } catch (error) {
      failed++
      firstError ??= (error as Error).message
    }
  }
  /** Times `run` on both clocks into `record`, then samples the heap. */
  const timed = async (run: () => Promise<void>, record: (clock: Clocked, ms: number) => void): Promise<void> => {
    const waited = kv.waited
    const cpu = thread?.()
    const start = performance.now()
    await run()
    record(times.wall, performance.now() - start - (kv.waited - waited))
    if (times.thread) record(times.thread, thread!() - cpu!)
    watch.afterQuery()
  }

  let engine: ShardedSearch | undefined
  await timed(
    async () => search((engine = await open())),
    (clock, ms) => (clock.first = ms),
  )
  const stop = performance.now() + (job.seconds ?? Infinity) * 1000
  for (let i = 1; i < job.queries && performance.now() < stop; i++) {
    await timed(
      () => search(engine!),
      (clock, ms) => clock.warm.push(ms),
    )
    if (i % job.gcEvery === 0) port.postMessage({ type: 'progress', heap: watch.afterGc() } satisfies FromIsolate)
  }
  engine = undefined
  for (let i = 0; i < job.coldQueries; i++)
    await timed(
      async () => search(await open()),
      (clock, ms) => clock.cold.push(ms),
    )
  port.postMessage({ type: 'done', heap: watch.afterGc(), times, failed, firstError } satisfies FromIsolate)
}

const job = (workerData as { isolate?: IsolateJob } | null)?.isolate
if (parentPort && job) await serve(job, parentPort)
