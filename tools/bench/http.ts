/**
 * @module The HTTP half of `npm run bench`: requests/s of `/v1/search` against the trivial
 * `/healthz` of the same Worker under `wrangler dev`, with autocannon, runs interleaved
 * (trivial, cached search, trivial, uncached search, ...) so the machine's drift cancels out.
 *
 * Cached: the judged queries in rotation with the default page (limit 10, offset 0): after the
 * first lap every answer comes from the answer cache (isolate memory, and the Cache API for the sharded
 * engine). Uncached: the same real queries, each request with a (limit, offset) pair no earlier request
 * used — limit 1..50, offset 1..20 (offset 0 is left to the cached mix) — so every request misses the cache
 * and runs the engine,
 * while no word is added to the query. The counter runs on across rounds; past 58 000 requests
 * (judged queries × 50 × 20) keys would repeat, which the figures report. Half new: every other request a
 * judged query (cached), the others random queries never sent before (tools/bench/query-mix.ts: words,
 * typos, prefixes, phrases, all unique strings), so half the answers are computed; floor: >= 0.9 of /healthz.
 *
 * The Worker serves a build of the corpus made here (bench/tmp/http-build).
 */
import autocannon from 'autocannon'
import { readFileSync, readdirSync } from 'node:fs'
import { startDevServer } from '../dev-server/harness.ts'
import { queryMix, unseenQueries } from './query-mix.ts'
import { buildCorpus } from '../build/build-corpus.ts'
import { mean, median, ratio, round } from './stats.ts'

export interface HttpOptions {
  connections: number
  durationS: number
  rounds: number
  queries: string[]
  /** Vocabulary of the never-seen queries, most frequent first. */
  words: string[]
}

export interface RunFigures {
  reqPerS: number
  p50Ms: number
  p99Ms: number
  requests: number
  non2xx: number
  errors: number
  /** CPU ms a request cost each process of wrangler dev (where /proc tells; absent in older results). */
  cpuMsPerRequest?: DevServerCpu
}

/**
 * The processes of `wrangler dev`: wrangler's Node process (which also relays the Worker's logs), the
 * workerd that listens on the port and proxies each request, and the workerd that runs the Worker beside
 * miniflare's KV, Cache API and rate-limit services. Each request crosses all three; only the last runs
 * on a real deployment, where the others' costs do not exist.
 */
export interface DevServerCpu {
  wrangler: number
  proxy: number
  runtime: number
}

export interface HttpFigures {
  connections: number
  durationS: number
  rounds: number
  trivial: RunFigures[]
  cached: RunFigures[]
  uncached: RunFigures[]
  halfNew: RunFigures[]
  /** The uncached mix with group=article (absent in results saved before it was measured). */
  grouped?: RunFigures[]
  /** Median req/s of each mix, and search/trivial ratios (trivial: the median of all its runs). */
  summary: {
    trivial: number
    cached: number
    uncached: number
    halfNew: number
    cachedRatio: number
    uncachedRatio: number
    halfNewRatio: number
    grouped?: number
    groupedRatio?: number
  }
  uncachedKeys: { used: number; distinct: number; repeated: boolean }
  /** Queries of the half-new mix never sent before. */
  newQueries: number
}

const LIMITS = 50
const OFFSETS = 20

let client = 0
/**
 * The Worker rate-limits per `cf-connecting-ip` (600 a minute), which wrangler dev sets to
 * 127.0.0.1 for every request: the bench speaks for many clients (a rotating 10.x.y.z, as at the
 * edge), on every route alike, so the limiter still runs but never refuses.
 */
const nextClient = (): string => {
  const i = client++ & 0xffff
  return `10.77.${i >> 8}.${i & 255}`
}

/** Linux counts process CPU time in ticks of 1/100 s (USER_HZ). */
const TICK_MS = 10

/** CPU ms used so far by each process of the dev server on `port`, from /proc; undefined where there is none. */
function devServerCpu(port: string): DevServerCpu | undefined {
  const processes: { cmd: string; group: string; ms: number }[] = []
  try {
    for (const pid of readdirSync('/proc')) {
      if (!/^\d+$/.test(pid)) continue
      try {
        const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
        // Fields after the command name: state, ppid, pgrp, ... utime (12th), stime (13th).
        const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
        const ms = (Number(fields[11]) + Number(fields[12])) * TICK_MS
        processes.push({ cmd: readFileSync(`/proc/${pid}/cmdline`, 'utf8'), group: fields[2]!, ms })
      } catch {
        // the process ended while being read
      }
    }
  } catch {
    return undefined
  }
  // The harness starts wrangler in a process group of its own, which its workerd processes join.
  const wrangler = processes.find((p) => p.cmd.includes(`dev\0--port\0${port}\0`))
  if (!wrangler) return undefined
  const cpu: DevServerCpu = { wrangler: 0, proxy: 0, runtime: 0 }
  for (const p of processes) {
    if (p.group !== wrangler.group) continue
    const role = !p.cmd.includes('workerd') ? 'wrangler' : p.cmd.includes(`127.0.0.1:${port}\0`) ? 'proxy' : 'runtime'
    cpu[role] += p.ms
  }
  return cpu
}

function cpuPerRequest(before: DevServerCpu | undefined, after: DevServerCpu | undefined, requests: number) {
  if (!before || !after || requests === 0) return undefined
  const per = (role: keyof DevServerCpu) => round((after[role] - before[role]) / requests, 2)
  return { wrangler: per('wrangler'), proxy: per('proxy'), runtime: per('runtime') }
}

/** One autocannon run of `next()` paths against `origin`, with what each process of the dev server spent on it. */
async function run(origin: string, connections: number, durationS: number, next: () => string): Promise<RunFigures> {
  const port = new URL(origin).port
  const before = devServerCpu(port)
  const figures = await load(origin, connections, durationS, next)
  const cpuMsPerRequest = cpuPerRequest(before, devServerCpu(port), figures.requests)
  return cpuMsPerRequest ? { ...figures, cpuMsPerRequest } : figures
}

function load(origin: string, connections: number, durationS: number, next: () => string): Promise<RunFigures> {
  return new Promise((resolve, reject) => {
    autocannon(
      {
        url: origin,
        connections,
        duration: durationS,
        requests: [
          {
            method: 'GET',
            setupRequest: (req) => ({
              ...req,
              path: next(),
              headers: { ...req.headers, 'cf-connecting-ip': nextClient() },
            }),
          },
        ],
      },
      (err, r) => {
        if (err) return reject(err)
        resolve({
          reqPerS: round(r.requests.average, 1),
          p50Ms: r.latency.p50,
          p99Ms: r.latency.p99,
          requests: r.requests.total,
          non2xx: r.non2xx,
          errors: r.errors + r.timeouts,
        })
      },
    )
  })
}

/** The build of the default corpus the Worker serves during the HTTP runs. */
const BUILD = 'bench/tmp/http-build'

/** Both routes must answer 200 before anything is measured (a 503 is fast and would flatter). */
async function check(origin: string, paths: string[]): Promise<void> {
  for (const path of paths) {
    const res = await fetch(origin + path)
    await res.arrayBuffer()
    if (res.status !== 200) throw new Error(`GET ${path} answered ${res.status}; is the build seeded and current?`)
  }
}

export async function httpFigures(o: HttpOptions, log: (line: string) => void): Promise<HttpFigures> {
  const qs = o.queries.map((q) => encodeURIComponent(q))
  let cachedAt = 0
  let uncachedAt = 0
  const trivialPath = () => '/healthz'
  const cachedPath = () => `/v1/search?q=${qs[cachedAt++ % qs.length]}`
  const uncachedPath = () => {
    const i = uncachedAt++
    const limit = 1 + (Math.floor(i / qs.length) % LIMITS)
    const offset = 1 + (Math.floor(i / (qs.length * LIMITS)) % OFFSETS)
    return `/v1/search?q=${qs[i % qs.length]}&limit=${limit}&offset=${offset}`
  }
  // The same sequence of (limit, offset) pairs, grouped: keys no other mix uses, so cache misses too.
  let groupedAt = 0
  const groupedPath = () => {
    const i = groupedAt++
    const limit = 1 + (Math.floor(i / qs.length) % LIMITS)
    const offset = 1 + (Math.floor(i / (qs.length * LIMITS)) % OFFSETS)
    return `/v1/search?q=${qs[i % qs.length]}&limit=${limit}&offset=${offset}&group=article`
  }
  const unseen = unseenQueries(queryMix(o.words, 11), queryMix(o.words, 12))
  let halfAt = 0
  const halfNewPath = () => (halfAt++ % 2 === 0 ? cachedPath() : `/v1/search?q=${encodeURIComponent(unseen().q)}`)
  log(`building the corpus into ${BUILD}…`)
  await buildCorpus('index/corpus', BUILD)
  log('starting wrangler dev (seeded local KV)…')
  const server = await startDevServer({ build: BUILD })
  try {
    // Warm-up: load the index into the isolate and fill the cache for the cached mix.
    await check(server.origin, ['/healthz', ...qs.map((q) => `/v1/search?q=${q}`)])
    log(`  ${server.origin} answers; warming up…`)
    await run(server.origin, o.connections, Math.min(3, o.durationS), trivialPath)
    const out = {
      trivial: [] as RunFigures[],
      cached: [] as RunFigures[],
      uncached: [] as RunFigures[],
      halfNew: [] as RunFigures[],
      grouped: [] as RunFigures[],
    }
    const mixes = [
      ['trivial', trivialPath],
      ['cached', cachedPath],
      ['trivial', trivialPath],
      ['uncached', uncachedPath],
      ['trivial', trivialPath],
      ['halfNew', halfNewPath],
      ['grouped', groupedPath],
    ] as const
    for (let r = 0; r < o.rounds; r++) {
      for (const [name, next] of mixes) {
        const f = await run(server.origin, o.connections, o.durationS, next)
        out[name].push(f)
        const failures = f.non2xx || f.errors ? `  (${f.non2xx} non-2xx, ${f.errors} errors)` : ''
        const rate = `${f.reqPerS.toFixed(0).padStart(6)} req/s`
        const c = f.cpuMsPerRequest
        const cpu = c ? `  CPU ms/request: Worker's workerd ${c.runtime}, proxy ${c.proxy}, wrangler ${c.wrangler}` : ''
        log(`  round ${r + 1} ${name.padEnd(8)} ${rate}  p50 ${f.p50Ms} ms  p99 ${f.p99Ms} ms${failures}${cpu}`)
      }
    }
    const med = (xs: RunFigures[]) => round(median(xs.map((x) => x.reqPerS)), 1)
    const trivial = med(out.trivial)
    const distinct = qs.length * LIMITS * OFFSETS
    return {
      connections: o.connections,
      durationS: o.durationS,
      rounds: o.rounds,
      ...out,
      summary: {
        trivial,
        cached: med(out.cached),
        uncached: med(out.uncached),
        halfNew: med(out.halfNew),
        cachedRatio: ratio(med(out.cached), trivial),
        uncachedRatio: ratio(med(out.uncached), trivial),
        halfNewRatio: ratio(med(out.halfNew), trivial),
        grouped: med(out.grouped),
        groupedRatio: ratio(med(out.grouped), trivial),
      },
      uncachedKeys: { used: uncachedAt, distinct, repeated: uncachedAt > distinct },
      newQueries: Math.floor(halfAt / 2),
    }
  } finally {
    await server.stop()
  }
}

/** Mean of p50/p99 over runs, for the summary table. */
export function latency(xs: RunFigures[]): { p50Ms: number; p99Ms: number } {
  return { p50Ms: round(mean(xs.map((x) => x.p50Ms)), 1), p99Ms: round(mean(xs.map((x) => x.p99Ms)), 1) }
}
