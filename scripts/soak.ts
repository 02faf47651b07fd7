/**
 * `npm run soak [-- --seconds 60 --connections 50 --swap-seconds 120]`: load and soak against a local
 * `wrangler dev` (started here, on loopback, with its own seeded KV folder; never anything remote).
 *
 * Phase 1 (load): autocannon over a mix of search, suggest and lookups with realistic queries
 * (tests/relevance/queries.json) and 5% hostile requests. Every answer is checked: the status fits its
 * request class (2xx/304 for good, 4xx for hostile), never a 5xx or a timeout, and the body agrees
 * with `x-index-version` (healthz's version, every search hit's text).
 * Phase 2 (swap): a second build (the corpus with a marker word appended to the lead) is seeded into
 * the same KV folder while the load runs, then the first one again; every answer must be consistent
 * with its own version: a search for the marker finds it iff the header names build B.
 * Both builds are made here, in a temp folder. Throughout, the isolate's heap is sampled over the DevTools
 * protocol (`wrangler dev --inspector-port`, Runtime.getHeapUsage): its peak must stay <= 64 MB.
 * Exits non-zero on any 5xx, timeout, wrong status class, version mismatch or a heap past the floor.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import { buildCorpus } from '../tools/build/build-corpus.ts'
import { sampleIsolateHeap, type IsolateHeap } from '../tools/bench/isolate-heap.ts'
import { freePort, seedLocal, startDevServer, type DevServer } from '../tools/dev-server/harness.ts'
import { buildMarked, buildVersion, load, untilLive } from '../tools/soak/load.ts'
import { MARKER_REQUEST, SLUG, goodRequests, randomClient } from '../tools/soak/requests.ts'
import { SUMMARY_HEAD, details, newTally, summary } from '../tools/soak/tally.ts'

const OPTIONS = {
  seconds: { type: 'string', default: '60' },
  connections: { type: 'string', default: '50' },
  'swap-seconds': { type: 'string' },
  target: { type: 'string' },
  'inspector-port': { type: 'string' },
} as const
/** The isolate's heap floor: half of the 128 MB a Workers isolate has. */
const HEAP_FLOOR_MB = 64
const CORPUS = 'index/corpus'

/** Only loopback: this script never loads anything but a server on this machine. */
function assertLoopback(origin: string): void {
  const host = new URL(origin).hostname.replace(/^\[|\]$/g, '')
  if (!['127.0.0.1', 'localhost', '::1'].includes(host)) {
    console.error(`wylb soak: refusing to load ${origin}: only 127.0.0.1 / localhost targets are allowed`)
    process.exit(2)
  }
}

function heapLine(heap: IsolateHeap): string {
  const verdict = heap.peakUsedMB <= HEAP_FLOOR_MB ? 'within' : 'PAST'
  const peak =
    `peak used ${heap.peakUsedMB} MB (${verdict} the ${HEAP_FLOOR_MB} MB floor), ` +
    `peak reserved ${heap.peakTotalMB} MB`
  return `isolate heap: ${peak}, ${heap.endMB} MB once the load is over; ${heap.samples} samples (${heap.lost} lost)`
}

function printTable(rows: string[][]): void {
  const all = [SUMMARY_HEAD, ...rows]
  const widths = SUMMARY_HEAD.map((_, i) => Math.max(...all.map((r) => (r[i] ?? '').length)))
  for (const [i, r] of all.entries()) {
    console.log(r.map((c, j) => c.padEnd(widths[j]!)).join('  '))
    if (i === 0) console.log(widths.map((w) => '-'.repeat(w)).join('  '))
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

interface SoakOptions {
  seconds: number
  connections: number
  /** An upper bound: phase 2 stops once build B went live and build A came back, or after this long. */
  swapSeconds: number
  inspectorPort?: number
}

/** Runs both phases against a fresh `wrangler dev`; true when everything held. */
async function soak(work: string, { seconds, connections, swapSeconds, inspectorPort: port }: SoakOptions) {
  const judged = JSON.parse(await readFile('tests/relevance/queries.json', 'utf8')) as { q: string }[]
  const good = goodRequests(judged.map((x) => x.q))

  let server: DevServer | undefined
  try {
    const buildA = join(work, 'build-a')
    const [, b] = await Promise.all([buildCorpus(CORPUS, buildA), buildMarked(CORPUS, work)])
    const inspectorPort = port ?? (await freePort())
    server = await startDevServer({ build: buildA, inspectorPort })
    assertLoopback(server.origin)
    const a = await buildVersion(buildA)
    console.log(
      `wylb soak: wrangler dev at ${server.origin} (inspector ${inspectorPort}); ` +
        `build A ${a}, build B ${b.version}; ${connections} connections`,
    )

    // Warm up: the first requests load the index into the isolate.
    for (const path of ['/healthz', '/v1/search?q=garak', `/v1/articles/${SLUG}`]) {
      await fetch(server.origin + path, { headers: { 'cf-connecting-ip': randomClient() } })
    }

    const sampler = await sampleIsolateHeap(inspectorPort)
    console.log(`phase 1: ${seconds} s of mixed load (5% hostile)…`)
    const t1 = newTally()
    const phase1 = { seconds, connections, pool: good, hostileShare: 0.05, tally: t1, versions: { a } }
    const r1 = await load(server.origin, phase1).done

    console.log(`phase 2: load while build B is seeded, then build A again (at most ${swapSeconds} s)…`)
    const t2 = newTally()
    const pool = [...good, ...Array.from({ length: 40 }, () => MARKER_REQUEST)]
    const started2 = Date.now()
    const versions = { a, b: b.version }
    const running = load(server.origin, {
      seconds: swapSeconds,
      connections,
      pool,
      hostileShare: 0.05,
      tally: t2,
      versions,
    })
    const { origin, persistTo } = server
    const say = (what: string) => console.log(`  ${((Date.now() - started2) / 1000).toFixed(1)} s: ${what}`)
    const swaps = (async () => {
      await sleep(3_000)
      await seedLocal(persistTo, b.dir)
      say('seeded build B')
      const sawB = await untilLive(origin, b.version, 15_000)
      say(sawB ? 'build B is live' : 'build B did not go live within 15 s')
      await sleep(5_000)
      await seedLocal(persistTo, buildA)
      say('seeded build A again')
      const sawA = await untilLive(origin, a, 15_000)
      say(sawA ? 'build A is live again' : 'build A did not come back within 15 s')
      await sleep(3_000)
      running.stop()
    })()
    const [r2] = await Promise.all([running.done, swaps])
    console.log(`  phase 2 ran ${((Date.now() - started2) / 1000).toFixed(1)} s`)
    const heap = await sampler.stop()

    const s1 = summary('load', r1, t1)
    const s2 = summary('swap', r2, t2)
    console.log()
    printTable([s1.row, s2.row])
    console.log()
    console.log(heapLine(heap))
    for (const line of [...details('load', t1), ...details('swap', t2)]) console.log(line)
    const sawB = (t2.versions.get(b.version) ?? 0) > 0
    const sawAAfter = (t2.versions.get(a) ?? 0) > 0
    if (!sawB) console.log('swap: build B was never served: the swap was not observed')
    const heapHeld = heap.samples > 0 && heap.peakUsedMB <= HEAP_FLOOR_MB
    return !s1.failed && !s2.failed && sawB && sawAAfter && heapHeld
  } finally {
    await server?.stop()
  }
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: OPTIONS })
  if (values.target) assertLoopback(values.target)
  // The Worker re-reads the live pointer every POINTER_TTL_SECONDS; the swap phase wants it seen fast.
  // wrangler dev passes the process environment on to the Worker as vars with this flag.
  process.env.CLOUDFLARE_INCLUDE_PROCESS_ENV = 'true'
  process.env.POINTER_TTL_SECONDS = '1'

  const work = await mkdtemp(join(tmpdir(), 'wylb-soak-'))
  let passed = false
  try {
    passed = await soak(work, {
      seconds: Math.max(1, Number(values.seconds) || 60),
      connections: Math.max(1, Number(values.connections) || 50),
      swapSeconds: Math.max(30, Number(values['swap-seconds'] ?? 120)),
      ...(values['inspector-port'] ? { inspectorPort: Number(values['inspector-port']) } : {}),
    })
    console.log(passed ? '\nwylb soak: PASS' : '\nwylb soak: FAIL')
  } catch (error) {
    console.error('wylb soak:', error)
  } finally {
    await rm(work, { recursive: true, force: true })
  }
  process.exit(passed ? 0 : 1)
}

await main()
