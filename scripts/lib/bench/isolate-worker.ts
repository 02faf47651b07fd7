/**
 * @module The inside of an emulated isolate (scripts/lib/bench/isolate.ts): opens the sharded engine over KV
 * reads answered by the main thread, serves the job's queries, samples the heap after each one (and after a
 * forced GC every `gcEvery`), and times each query's CPU as wall time less the time spent waiting for KV.
 */
import { getHeapStatistics, setFlagsFromString } from 'node:v8'
import { runInNewContext } from 'node:vm'
import { parentPort, workerData, type MessagePort } from 'node:worker_threads'
import { openShardedSearch, type ShardedSearch } from '../../../src/core/shards/engine.ts'
import type { FromIsolate, HeapFigures, IsolateJob, QueryTimes } from './isolate.ts'
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
    this.figures = { limitMB: Math.round(limitMB), baselineMB: baseline, peakMB: baseline, peakLiveMB: baseline, queries: 0 }
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

async function serve(job: IsolateJob, port: MessagePort): Promise<void> {
  const kv = new RemoteKv(port)
  const watch = new HeapWatch(forcedGc())
  const next = queryMix(job.words, job.seed)
  const times: QueryTimes = { first: NaN, warm: [], cold: [] }
  let failed = 0
  let firstError: string | undefined
  const open = (): Promise<ShardedSearch> => openShardedSearch(kv.fetchPiece, job.metaKey, { fetchMany: kv.fetchMany, cacheBytes: job.cacheBytes })
  const search = async (engine: ShardedSearch): Promise<void> => {
    try {
      await engine.search({ q: next().q, limit: 10, offset: 0 })
    } catch (error) {
      failed++
      firstError ??= (error as Error).message
    }
  }
  /** CPU of `run`: wall time less KV waits; the heap sampled after it. */
  const timed = async (run: () => Promise<void>): Promise<number> => {
    const waited = kv.waited
    const start = performance.now()
    await run()
    const ms = performance.now() - start - (kv.waited - waited)
    watch.afterQuery()
    return ms
  }

  let engine: ShardedSearch | undefined
  times.first = await timed(async () => search((engine = await open())))
  for (let i = 1; i < job.queries; i++) {
    times.warm.push(await timed(() => search(engine!)))
    if (i % job.gcEvery === 0) port.postMessage({ type: 'progress', heap: watch.afterGc() } satisfies FromIsolate)
  }
  engine = undefined
  for (let i = 0; i < job.coldQueries; i++) times.cold.push(await timed(async () => search(await open())))
  port.postMessage({ type: 'done', heap: watch.afterGc(), times, failed, firstError } satisfies FromIsolate)
}

const job = (workerData as { isolate?: IsolateJob } | null)?.isolate
if (parentPort && job) await serve(job, parentPort)
