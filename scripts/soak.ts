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
import { cp, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import autocannon from 'autocannon'
import { freePort, seedLocal, startDevServer, type DevServer } from '../tools/dev-server/harness.ts'
import { sampleIsolateHeap, type IsolateHeap } from '../tools/bench/isolate-heap.ts'
import { buildCorpus } from '../tools/bench/build-corpus.ts'

const { values } = parseArgs({
  options: {
    seconds: { type: 'string', default: '60' },
    connections: { type: 'string', default: '50' },
    'swap-seconds': { type: 'string' },
    target: { type: 'string' },
    'inspector-port': { type: 'string' },
  },
})
const SECONDS = Math.max(1, Number(values.seconds) || 60)
const CONNECTIONS = Math.max(1, Number(values.connections) || 50)
/** An upper bound: phase 2 stops once build B went live and build A came back, or after this long. */
const SWAP_SECONDS = Math.max(30, Number(values['swap-seconds'] ?? 120))
const MARKER = 'Swapsentinel'
/** The isolate's heap floor: half of the 128 MB a Workers isolate has. */
const HEAP_FLOOR_MB = 64
const SLUG = 'what-you-leave-behind'

/** Only loopback: this script never loads anything but a server on this machine. */
function assertLoopback(origin: string): void {
  const host = new URL(origin).hostname.replace(/^\[|\]$/g, '')
  if (!['127.0.0.1', 'localhost', '::1'].includes(host)) {
    console.error(`wylb soak: refusing to load ${origin}: only 127.0.0.1 / localhost targets are allowed`)
    process.exit(2)
  }
}
if (values.target) assertLoopback(values.target)

type Kind = 'good' | 'hostile' | 'marker'
interface Req {
  kind: Kind
  path: string
  headers?: Record<string, string>
}

const queries = (JSON.parse(await readFile('tests/relevance/queries.json', 'utf8')) as { q: string }[]).map((x) => x.q)
const words = [...new Set(queries.flatMap((q) => q.split(/\s+/)).filter((w) => /^[a-z]{4,}$/i.test(w)))]
const enc = encodeURIComponent

function goodRequests(): Req[] {
  const out: Req[] = []
  for (const q of queries) {
    out.push(
      { kind: 'good', path: `/v1/search?q=${enc(q)}` },
      { kind: 'good', path: `/v1/search?q=${enc(q)}&limit=5&offset=5` },
    )
  }
  for (const w of words) out.push({ kind: 'good', path: `/v1/suggest?q=${enc(w.slice(0, Math.max(2, w.length - 2)))}` })
  const lookups = [
    '/v1/articles',
    `/v1/articles/${SLUG}`,
    `/v1/articles/${SLUG}/sections`,
    `/v1/articles/${SLUG}/sections/plot`,
    `/v1/articles/${SLUG}/references`,
    `/v1/articles/${SLUG}/references/3`,
    `/v1/articles/${SLUG}/notes`,
    `/v1/passages/${SLUG}:plot-1`,
    `/v1/passages/${SLUG}:critical-reception-3`,
    '/healthz',
  ]
  for (const path of lookups) out.push({ kind: 'good', path }, { kind: 'good', path })
  return out
}

const HOSTILE: Req[] = [
  `/v1/search?q=${enc('\u0000\u0001\u0007\u001f')}`,
  `/v1/search?q=${enc('-"*?%-- "')}`,
  `/v1/search?q=${'x'.repeat(300)}`,
  `/v1/search?q=${enc('*  ?  %')}`,
  '/v1/search?q=garak&limit=999',
  '/v1/search?q=garak&limit=abc',
  '/v1/search?q=garak&offset=-1',
  '/v1/search?q=garak&offset=501',
  '/v1/search?q=garak&kind=table',
  '/v1/search',
  '/v1/suggest?q=',
  '/v1/articles/no-such-article',
  '/v1/articles/Not%20A%20Slug',
  `/v1/articles/${SLUG}/references/9999`,
  '/v1/passages/nope:x-1',
  '/v1/passages/no-colon',
  `/v1/search?q=garak&pad=${'p'.repeat(2100)}`,
].map((path) => ({ kind: 'hostile' as const, path }))

const MARKER_REQ: Req = { kind: 'marker', path: `/v1/search?q=${MARKER.toLowerCase()}` }

interface Tally {
  requests: number
  statuses: Map<number, number>
  mismatches: string[]
  wrongClass: string[]
  versions: Map<string, number>
  /** The first few 5xx answers whole, to say what failed. */
  fiveBodies: string[]
  markerByVersion: Map<string, { found: number; missing: number }>
}

const newTally = (): Tally => ({
  requests: 0,
  statuses: new Map(),
  mismatches: [],
  wrongClass: [],
  versions: new Map(),
  fiveBodies: [],
  markerByVersion: new Map(),
})
const note = (list: string[], what: string) => void (list.length < 20 ? list.push(what) : undefined)

function checkAnswer(
  t: Tally,
  req: Req,
  status: number,
  body: string,
  headers: Record<string, string | string[]>,
  versions: { a: string; b?: string },
) {
  t.requests++
  t.statuses.set(status, (t.statuses.get(status) ?? 0) + 1)
  const ok = req.kind === 'hostile' ? status >= 400 && status < 500 : (status >= 200 && status < 300) || status === 304
  if (!ok) note(t.wrongClass, `${status} for ${req.kind} ${req.path.slice(0, 80)}`)
  if (status >= 500 && t.fiveBodies.length < 3)
    t.fiveBodies.push(`${status} ${req.path.slice(0, 80)} ${JSON.stringify(headers)} ${body.slice(0, 400)}`)
  const version = String(headers['x-index-version'] ?? '')
  if (version) t.versions.set(version, (t.versions.get(version) ?? 0) + 1)
  if (status !== 200) return
  if (!version) return note(t.mismatches, `no x-index-version on ${req.path}`)
  if (version !== versions.a && version !== versions.b)
    return note(t.mismatches, `unknown version ${version} on ${req.path}`)
  let json: any
  try {
    json = JSON.parse(body)
  } catch {
    return note(t.mismatches, `not JSON: ${req.path}`)
  }
  if (req.path === '/healthz' && json.version !== version)
    note(t.mismatches, `healthz says ${json.version}, header ${version}`)
  const hasMarker = body.includes(MARKER)
  const isB = version === versions.b
  // Only build B holds the marker: any answer carrying it must say B; a marker search must find it iff B.
  if (hasMarker && !isB) note(t.mismatches, `marker in an answer of version ${version}: ${req.path}`)
  if (req.path === `/v1/articles/${SLUG}` && json.summary?.includes(MARKER) !== isB)
    note(t.mismatches, `summary vs version ${version}`)
  if (req.kind === 'marker') {
    const found = (json.results ?? []).some((r: any) => String(r.snippet).includes(MARKER))
    const m = t.markerByVersion.get(version) ?? { found: 0, missing: 0 }
    if (found) m.found++
    else m.missing++
    t.markerByVersion.set(version, m)
    if (found !== isB)
      note(t.mismatches, `marker search ${found ? 'found' : 'missed'} the marker in version ${version}`)
  }
}

/**
 * wrangler dev sets cf-connecting-ip to the socket's address (127.0.0.1) unless the request carries one,
 * so one load generator would be one client to the rate limiter and get 429s after 600 requests. Each
 * request says it comes from a random address of the benchmarking range (198.18.0.0/15).
 */
const randomClient = () =>
  `198.${18 + Math.floor(Math.random() * 2)}.${Math.floor(Math.random() * 256)}.${Math.floor(Math.random() * 256)}`

function load(
  origin: string,
  seconds: number,
  pool: Req[],
  hostileShare: number,
  t: Tally,
  versions: { a: string; b?: string },
) {
  const pick = (): Req =>
    Math.random() < hostileShare
      ? HOSTILE[Math.floor(Math.random() * HOSTILE.length)]!
      : pool[Math.floor(Math.random() * pool.length)]!
  let finish!: (r: autocannon.Result) => void
  let fail!: (e: unknown) => void
  const done = new Promise<autocannon.Result>((resolve, reject) => ((finish = resolve), (fail = reject)))
  const instance = autocannon(
    {
      url: origin,
      connections: CONNECTIONS,
      duration: seconds,
      timeout: 10,
      requests: [
        {
          setupRequest: (request: any, context: any) => {
            const req = pick()
            context.req = req
            return {
              ...request,
              method: 'GET',
              path: req.path,
              headers: { 'cf-connecting-ip': randomClient(), ...(req.headers ?? {}) },
            }
          },
          onResponse: (status: number, body: string, context: any, headers: Record<string, string | string[]>) => {
            checkAnswer(t, context.req as Req, status, body, headers ?? {}, versions)
          },
        } as any,
      ],
    },
    (error, result) => (error ? fail(error) : finish(result)),
  )
  return { done, stop: () => instance.stop() }
}

/** Polls /healthz until it names `version` (or `ms` pass); true when it did. */
async function until(origin: string, version: string, ms: number): Promise<boolean> {
  const deadline = Date.now() + ms
  while (Date.now() < deadline) {
    const body = (await (
      await fetch(`${origin}/healthz`, { headers: { 'cf-connecting-ip': randomClient() } })
    )
      .json()
      .catch(() => ({}))) as { version?: string }
    if (body.version === version) return true
    await new Promise((r) => setTimeout(r, 250))
  }
  return false
}

/** Build B: the corpus copied to a temp dir, the marker appended to the first paragraph of each article. */
async function buildB(work: string): Promise<{ dir: string; version: string }> {
  const corpus = join(work, 'corpus')
  const out = join(work, 'build')
  await cp('index/corpus', corpus, { recursive: true })
  for (const file of (await readdir(corpus)).filter((f) => f.endsWith('.txt'))) {
    const lines = (await readFile(join(corpus, file), 'utf8')).split('\n')
    const lead = lines.findIndex((line, i) => i > 0 && line.trim().length > 80)
    if (lead < 0) throw new Error(`wylb soak: no lead paragraph in ${file}`)
    lines[lead] = `${lines[lead]!.trimEnd()} ${MARKER}.`
    await writeFile(join(corpus, file), lines.join('\n'))
  }
  await buildCorpus(corpus, out)
  return {
    dir: out,
    version: (JSON.parse(await readFile(join(out, 'pointer.json'), 'utf8')) as { version: string }).version,
  }
}

function summary(name: string, r: autocannon.Result, t: Tally): { failed: boolean; row: string[] } {
  const fives = [...t.statuses].filter(([s]) => s >= 500).reduce((n, [, c]) => n + c, 0)
  const failed =
    fives > 0 ||
    r.timeouts > 0 ||
    r.errors > 0 ||
    t.mismatches.length > 0 ||
    t.wrongClass.length > 0 ||
    t.requests === 0
  const statuses = [...t.statuses]
    .sort(([a], [b]) => a - b)
    .map(([s, c]) => `${s}:${c}`)
    .join(' ')
  return {
    failed,
    row: [
      name,
      String(t.requests),
      r.requests.average.toFixed(0),
      String(r.latency.p50),
      String(r.latency.p99),
      String(r.latency.max),
      statuses,
      String(fives),
      String(r.timeouts),
      String(r.errors),
      String(t.wrongClass.length),
      String(t.mismatches.length),
    ],
  }
}

function heapLine(heap: IsolateHeap): string {
  const verdict = heap.peakUsedMB <= HEAP_FLOOR_MB ? 'within' : 'PAST'
  const peak = `peak used ${heap.peakUsedMB} MB (${verdict} the ${HEAP_FLOOR_MB} MB floor), peak reserved ${heap.peakTotalMB} MB`
  return `isolate heap: ${peak}, ${heap.endMB} MB once the load is over; ${heap.samples} samples (${heap.lost} lost)`
}

function table(rows: string[][]): void {
  const head = [
    'phase',
    'answers',
    'req/s',
    'p50 ms',
    'p99 ms',
    'max ms',
    'statuses',
    '5xx',
    'timeouts',
    'errors',
    'wrong class',
    'mismatches',
  ]
  const all = [head, ...rows]
  const widths = head.map((_, i) => Math.max(...all.map((r) => (r[i] ?? '').length)))
  for (const [i, r] of all.entries()) {
    console.log(r.map((c, j) => c.padEnd(widths[j]!)).join('  '))
    if (i === 0) console.log(widths.map((w) => '-'.repeat(w)).join('  '))
  }
}

// The Worker re-reads the live pointer every POINTER_TTL_SECONDS; the swap phase wants it seen fast.
// wrangler dev passes the process environment on to the Worker as vars with this flag.
process.env.CLOUDFLARE_INCLUDE_PROCESS_ENV = 'true'
process.env.POINTER_TTL_SECONDS = '1'

const work = await mkdtemp(join(tmpdir(), 'wylb-soak-'))
let server: DevServer | undefined
let exitCode = 0
try {
  const buildA = join(work, 'build-a')
  const [, b] = await Promise.all([buildCorpus('index/corpus', buildA), buildB(work)])
  const inspectorPort = Number(values['inspector-port'] ?? (await freePort()))
  server = await startDevServer({ build: buildA, inspectorPort })
  assertLoopback(server.origin)
  const a = (JSON.parse(await readFile(join(buildA, 'pointer.json'), 'utf8')) as { version: string }).version
  console.log(
    `wylb soak: wrangler dev at ${server.origin} (inspector ${inspectorPort}); build A ${a}, build B ${b.version}; ${CONNECTIONS} connections`,
  )

  // Warm up: the first requests load the index into the isolate.
  for (const path of ['/healthz', '/v1/search?q=garak', `/v1/articles/${SLUG}`]) {
    await fetch(server.origin + path, { headers: { 'cf-connecting-ip': randomClient() } })
  }

  const sampler = await sampleIsolateHeap(inspectorPort)
  console.log(`phase 1: ${SECONDS} s of mixed load (5% hostile)…`)
  const t1 = newTally()
  const r1 = await load(server.origin, SECONDS, goodRequests(), 0.05, t1, { a }).done

  console.log(`phase 2: load while build B is seeded, then build A again (at most ${SWAP_SECONDS} s)…`)
  const t2 = newTally()
  const pool = [...goodRequests(), ...Array.from({ length: 40 }, () => MARKER_REQ)]
  const started2 = Date.now()
  const running = load(server.origin, SWAP_SECONDS, pool, 0.05, t2, { a, b: b.version })
  const { origin, persistTo } = server
  const swaps = (async () => {
    await new Promise((r) => setTimeout(r, 3_000))
    await seedLocal(persistTo, b.dir)
    console.log(`  ${((Date.now() - started2) / 1000).toFixed(1)} s: seeded build B`)
    const sawB = await until(origin, b.version, 15_000)
    console.log(
      `  ${((Date.now() - started2) / 1000).toFixed(1)} s: ${sawB ? 'build B is live' : 'build B did not go live within 15 s'}`,
    )
    await new Promise((r) => setTimeout(r, 5_000))
    await seedLocal(persistTo, buildA)
    console.log(`  ${((Date.now() - started2) / 1000).toFixed(1)} s: seeded build A again`)
    const sawA = await until(origin, a, 15_000)
    console.log(
      `  ${((Date.now() - started2) / 1000).toFixed(1)} s: ${sawA ? 'build A is live again' : 'build A did not come back within 15 s'}`,
    )
    await new Promise((r) => setTimeout(r, 3_000))
    running.stop()
  })()
  const [r2] = await Promise.all([running.done, swaps])
  console.log(`  phase 2 ran ${((Date.now() - started2) / 1000).toFixed(1)} s`)
  const heap = await sampler.stop()

  const s1 = summary('load', r1, t1)
  const s2 = summary('swap', r2, t2)
  console.log()
  table([s1.row, s2.row])
  console.log()
  console.log(heapLine(heap))
  for (const [name, t] of [
    ['load', t1],
    ['swap', t2],
  ] as const) {
    console.log(`${name}: versions served ${[...t.versions].map(([v, n]) => `${v}:${n}`).join(' ')}`)
    if (t.markerByVersion.size) {
      console.log(
        `${name}: marker search by version ${[...t.markerByVersion].map(([v, m]) => `${v}: found ${m.found}, missing ${m.missing}`).join('; ')}`,
      )
    }
    for (const m of t.mismatches) console.log(`  MISMATCH ${m}`)
    for (const w of t.wrongClass) console.log(`  WRONG STATUS ${w}`)
    for (const f of t.fiveBodies) console.log(`  5xx ANSWER ${f}`)
  }
  const sawB = (t2.versions.get(b.version) ?? 0) > 0
  const sawAAfter = (t2.versions.get(a) ?? 0) > 0
  if (!sawB) console.log('swap: build B was never served: the swap was not observed')
  if (s1.failed || s2.failed || !sawB || !sawAAfter || heap.samples === 0 || !(heap.peakUsedMB <= HEAP_FLOOR_MB))
    exitCode = 1
  console.log(exitCode === 0 ? '\nwylb soak: PASS' : '\nwylb soak: FAIL')
} catch (error) {
  console.error('wylb soak:', error)
  exitCode = 1
} finally {
  await server?.stop()
  await rm(work, { recursive: true, force: true })
}
process.exit(exitCode)
