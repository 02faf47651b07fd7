/**
 * `npm run bench -- --mb 1,10,100` (scripts/bench.ts hands `--mb` over to this file, under --expose-gc):
 * for each corpus size, synthesizes the corpus (cached in bench/corpora/), builds it (time, MB/s, peak
 * RSS), then, in process, over a KV stand-in that counts reads and bytes:
 *   - cold two-word queries (a new engine, empty caches): KV values and bytes read;
 *   - warm query time (median), and, on corpora up to --mono-max MB, the monolithic in-memory engine's;
 *   - in an emulated isolate (a thread with a 128 MB heap: scripts/lib/bench/scale-isolate.ts), 10,000 random
 *     queries, then --cold-queries on new engines, then --fresh-isolates first queries: peak heap, CPU per query.
 * Writes bench/results/scale-<date>.json and .md, and docs/scale.svg.
 *
 *   npm run bench -- --mb 1,10 [--queries 10000] [--heap-seconds 600] [--cold-queries 200] [--fresh-isolates 5]
 *     [--mono-max 10] [--reuse-builds]
 */
import { spawnSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { mkdir, readFile, readdir, writeFile } from 'node:fs/promises'
import { cpus, loadavg } from 'node:os'
import { join } from 'node:path'
import { buildSearchIndex, loadSearchIndex, type SearchEngine } from '../tests/oracle/index.ts'
import { openShardedSearch } from '../src/core/engine/engine.ts'
import type { Manifest, Pointer } from '../src/core/storage/manifest.ts'
import { vocabulary } from './lib/bench/query-mix.ts'
import { isolateScale, isolateSection, type IsolateScale } from './lib/bench/scale-isolate.ts'
import { loadCorpus } from './lib/corpus.ts'
import { mulberry32, writeSynthCorpus } from './lib/synth.ts'

const args = process.argv.slice(2)
const opt = (name: string): string | undefined => {
  const i = args.indexOf(name)
  return i >= 0 ? args[i + 1] : undefined
}
const sizes = (opt('--mb') ?? '1,10')
  .split(',')
  .map(Number)
  .filter((n) => n > 0)
const QUERIES = Number(opt('--queries') ?? 10_000)
const MONO_MAX = Number(opt('--mono-max') ?? 10)
/** The isolate's run stops after this long (a guard: 10,000 queries at 100 MB take minutes here); the figure says how many ran. */
const HEAP_SECONDS = Number(opt('--heap-seconds') ?? 600)
const ISOLATE_RUN = {
  queries: QUERIES,
  coldQueries: Number(opt('--cold-queries') ?? 200),
  freshIsolates: Number(opt('--fresh-isolates') ?? 5),
  seconds: HEAP_SECONDS,
}

const seedText = (await readFile('index/corpus/what-you-leave-behind.txt', 'utf8')) as string
const words = vocabulary(seedText)
const rng = mulberry32(7)
const pick = (from: number, to: number): string =>
  words[from + Math.floor(rng() * Math.max(1, Math.min(words.length, to) - from))]!
/**
 * Two-word queries of the real article's content words (the synthetic vocabulary starts with them); two
 * whose second word the synthetic corpora lack (as a typo would be), which take the typo path; and one
 * typed halfway, whose last word is a short prefix with completions all over the vocabulary.
 */
const COLD = [
  'garak cardassia',
  'sisko prophets',
  'odo founder',
  'worf klingon',
  'dukat winn',
  'garak tailor',
  'odo constable',
  'sisko ca',
]
const warmQueries = Array.from({ length: 200 }, () => `${pick(20, 400)} ${pick(20, 400)}`)

interface SizeResult {
  mb: number
  corpus: { articles: number; textMB: number }
  build: {
    seconds: number
    mbPerSecond: number
    peakRssMB: number
    keys: number
    storedMB: number
    passages: number
    terms: number
    metaKB: number
  }
  /**
   * A cold query as a new isolate makes it: values read (pointer with its manifest, meta, term pieces, then the
   * page's doc blocks), KV operations (the doc blocks are one bulk read) and bytes, all counted.
   */
  cold: {
    query: string
    values: number
    indexValues: number
    docValues: number
    operations: number
    bytes: number
    ms: number
    total: number
    approximate: boolean
  }[]
  warm: { shardedMedianMs: number; monoMedianMs?: number; ratio?: number }
  isolate: IsolateScale
}

async function ensureCorpus(mb: number): Promise<string> {
  const dir = `bench/corpora/synth-${mb}mb`
  if (!existsSync(dir) || (await readdir(dir)).length === 0) {
    console.log(`synthesizing ${mb} MB → ${dir}`)
    await writeSynthCorpus(dir, { mb, seed: 1, seedText })
  }
  return dir
}

function build(dir: string, out: string): SizeResult['build'] & { line: string } {
  const r = spawnSync(
    '/usr/bin/time',
    [
      '-v',
      process.execPath,
      '--import',
      'tsx',
      'scripts/build-index.ts',
      '--from',
      dir,
      '--out',
      out,
      '--quiet',
      '--content-articles',
    ],
    {
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
    },
  )
  if (r.status !== 0) throw new Error(`build of ${dir} failed: ${r.stderr}`)
  const line = r.stdout.split('\n').find((l) => l.startsWith('wylb: built')) ?? ''
  const num = (re: RegExp): number => Number(re.exec(line)?.[1] ?? NaN)
  const rss = Number(/Maximum resident set size \(kbytes\): (\d+)/.exec(r.stderr)?.[1] ?? NaN) / 1024
  return {
    line,
    seconds: num(/; ([\d.]+) s \(parsing/),
    mbPerSecond: num(/([\d.]+) MB\/s/),
    peakRssMB: Math.round(rss),
    keys: num(/; (\d+) keys/),
    storedMB: num(/batch file\(s\), ([\d.]+) MB/),
    passages: num(/(\d+) passages/),
    terms: num(/(\d+) terms/),
    metaKB: 0,
  }
}

async function loadBuild(out: string): Promise<{ kv: Map<string, string>; manifest: Manifest }> {
  const kv = new Map<string, string>()
  for (const f of (await readdir(join(out, 'kv'))).sort()) {
    for (const e of JSON.parse(await readFile(join(out, 'kv', f), 'utf8')) as { key: string; value: string }[])
      kv.set(e.key, e.value)
  }
  return { kv, manifest: JSON.parse(await readFile(join(out, 'manifest.json'), 'utf8')) as Manifest }
}

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b)
  return s[Math.floor(s.length / 2)] ?? NaN
}

const results: SizeResult[] = []
for (const mb of sizes) {
  const dir = await ensureCorpus(mb)
  const out = `bench/tmp/build-${mb}mb`
  console.log(`\n== ${mb} MB: building ${dir}`)
  // --reuse-builds: a build made earlier with its figures saved beside it is measured again, not rebuilt.
  const saved = join(out, 'build-figures.json')
  const b: ReturnType<typeof build> =
    args.includes('--reuse-builds') && existsSync(saved) ? JSON.parse(await readFile(saved, 'utf8')) : build(dir, out)
  await writeFile(saved, JSON.stringify(b))
  console.log(b.line, `peak RSS ${b.peakRssMB} MB`)
  const { kv, manifest } = await loadBuild(out)
  b.metaKB = Math.round((kv.get(manifest.search.key)?.length ?? 0) / 1024)

  // A KV stand-in that counts what is read: values, operations (a bulk read is one) and bytes.
  let reads = 0
  let bulkReads = 0
  let operations = 0
  let bytes = 0
  const value = (name: string): string => {
    const v = kv.get(name)
    if (v === undefined) throw new Error(`no key ${name}`)
    bytes += Buffer.byteLength(v)
    return v
  }
  const fetchPiece = async (name: string): Promise<string> => {
    reads++
    operations++
    return value(name)
  }
  const fetchMany = async (names: string[]): Promise<Map<string, string>> => {
    bulkReads += names.length
    operations++
    return new Map(names.map((n) => [n, value(n)]))
  }
  // What a new isolate reads before the meta: the pointer, which carries the manifest.
  const pointer = JSON.parse(await readFile(join(out, 'pointer.json'), 'utf8')) as Pointer
  if (!pointer.manifest) throw new Error(`${out}/pointer.json carries no manifest: a build older than this bench`)
  const pointerBytes = Buffer.byteLength(JSON.stringify(pointer))
  const cold: SizeResult['cold'] = []
  for (const q of COLD) {
    reads = 1
    bulkReads = 0
    operations = 1
    bytes = pointerBytes
    const t = performance.now()
    const engine = await openShardedSearch(fetchPiece, manifest.search.key, { fetchMany })
    const answer = await engine.search({ q, limit: 10, offset: 0 })
    cold.push({
      query: q,
      values: reads + bulkReads,
      indexValues: reads,
      docValues: bulkReads,
      operations,
      bytes,
      ms: Math.round(performance.now() - t),
      total: answer.total,
      approximate: answer.approximate === true,
    })
  }
  console.log(
    'cold',
    cold
      .map(
        (c) =>
          `${c.query}: ${c.indexValues} index + ${c.docValues} doc values in ${c.operations} operations, ${(c.bytes / 1024).toFixed(0)} KB (${c.total}${c.approximate ? '+' : ''} hits)`,
      )
      .join('; '),
  )

  // Warm: the same 200 queries twice, timed the second time.
  const engine = await openShardedSearch(fetchPiece, manifest.search.key, { fetchMany })
  for (const q of warmQueries) await engine.search({ q, limit: 10, offset: 0 })
  const times: number[] = []
  for (const q of warmQueries) {
    const t = performance.now()
    await engine.search({ q, limit: 10, offset: 0 })
    times.push(performance.now() - t)
  }
  const warm: SizeResult['warm'] = { shardedMedianMs: +median(times).toFixed(3) }
  if (mb <= MONO_MAX) {
    const { articles } = await loadCorpus(dir)
    const mono: SearchEngine = await loadSearchIndex(await buildSearchIndex(articles))
    for (const q of warmQueries) mono.search({ q, limit: 10, offset: 0 })
    const monoTimes: number[] = []
    for (const q of warmQueries) {
      const t = performance.now()
      mono.search({ q, limit: 10, offset: 0 })
      monoTimes.push(performance.now() - t)
    }
    warm.monoMedianMs = +median(monoTimes).toFixed(3)
    warm.ratio = +(warm.shardedMedianMs / warm.monoMedianMs).toFixed(2)
  }
  console.log('warm', warm)

  console.log(`isolate: ${ISOLATE_RUN.queries} random queries in a 128 MB heap…`)
  const isolate = await isolateScale(kv, manifest.search.key, words, ISOLATE_RUN)
  console.log('isolate', JSON.stringify(isolate))
  results.push({
    mb,
    corpus: { articles: manifest.counts.articles, textMB: mb },
    build: (({ line: _, ...rest }) => rest)(b),
    cold,
    warm,
    isolate,
  })
  kv.clear()
}

// Reports.
const date = new Date().toISOString().slice(0, 10)
await mkdir('bench/results', { recursive: true })
const machine = {
  cpus: cpus().length,
  model: cpus()[0]?.model,
  loadavg: loadavg().map((l) => +l.toFixed(2)),
  node: process.version,
}
await writeFile(`bench/results/scale-${date}.json`, JSON.stringify({ date, machine, results }, null, 2))

const maxCold = (r: SizeResult) => r.cold.reduce((m, c) => (c.bytes > m.bytes ? c : m), r.cold[0]!)
const worst = (r: SizeResult, f: (c: SizeResult['cold'][number]) => number) => Math.max(...r.cold.map(f))
const row = (r: SizeResult): string => {
  const c = maxCold(r)
  return `| ${r.mb} MB | ${r.corpus.articles} | ${r.build.seconds} s | ${r.build.mbPerSecond} | ${r.build.peakRssMB} MB | ${r.build.keys} | ${r.build.storedMB} MB | ${r.build.metaKB} KB | ${worst(r, (c) => c.indexValues)} + ${worst(r, (c) => c.docValues)} in ${worst(r, (c) => c.operations)} | ${(c.bytes / 1024).toFixed(0)} KB | ${r.warm.shardedMedianMs} ms | ${r.warm.monoMedianMs ?? '–'} | ${r.warm.ratio ?? '–'} | ${r.isolate.heap.peakLiveMB} MB after ${r.isolate.heap.queries} |`
}
const last = results[results.length - 1]
const md = `# Scale: sharded index, ${date}

Machine: ${machine.cpus} CPU (${machine.model}), load average ${machine.loadavg.join(' / ')} (a shared machine: times are noisy), Node ${machine.node}.

| corpus | articles | build | MB/s | peak RSS | keys | stored | meta | cold query: index + doc values in KV operations (worst of ${COLD.length}) | cold bytes (worst) | warm median | monolithic | ratio | isolate's live heap after N random queries |
|---|---|---|---|---|---|---|---|---|---|---|---|---|---|
${results.map(row).join('\n')}

Cold queries (${COLD.map((q) => `"${q}"`).join(', ')}): a new isolate with empty caches, 10 hits a page; "garak tailor" and "odo
constable" have a word the corpus lacks, so they read the typo piece of its length, and "sisko ca" is
completed with the words of at most two more term shards. Index values are
the pointer (which carries the manifest), the meta and the term shards the words need; doc values are the page's doc
blocks (a hit's snippet needs its passage's text), read in one bulk KV operation; bytes count all of them. Floors at
100 MB: ≤ 6 values (the index's: see the README on why a page's doc blocks cannot be among them) and ≤ 512 KB in all;
warm ≤ 2× the monolithic engine at 10 MB.

${isolateSection(results.map((r) => ({ mb: r.mb, isolate: r.isolate })))}
${results.map((r) => `- ${r.mb} MB: ${r.cold.map((c) => `"${c.query}" ${c.indexValues} + ${c.docValues} values, ${(c.bytes / 1024).toFixed(0)} KB, ${c.ms} ms, ${c.total}${c.approximate ? '+ (approximate)' : ''} hits`).join('; ')}`).join('\n')}

${last ? estimate(last) : ''}
`
await writeFile(`bench/results/scale-${date}.md`, md)
await mkdir('docs', { recursive: true })
await writeFile('docs/scale.svg', svg(results))
console.log(`\n${md}\nwrote bench/results/scale-${date}.json, .md and docs/scale.svg`)

/**
 * Extrapolation from the largest measured size: keys, bytes, build time and the meta grow linearly;
 * a cold query's other reads do not (term shards and heads are bounded in bytes, a page is 10 doc blocks).
 */
function estimate(r: SizeResult): string {
  const c = maxCold(r)
  const metaBytes = r.build.metaKB * 1024
  const lines = [500, 5000].map((mb) => {
    const f = mb / r.mb
    const bytes = metaBytes * f + (c.bytes - metaBytes)
    return `| ${mb >= 1000 ? `${mb / 1000} GB` : `${mb} MB`} | ~${Math.round(r.build.keys * f).toLocaleString('en')} | ~${((r.build.storedMB * f) / 1000).toFixed(1)} GB | ~${Math.round((r.build.seconds * f) / 60)} min (at ${r.build.mbPerSecond} MB/s) | ~${Math.round(r.build.metaKB * f)} KB | ${worst(r, (x) => x.indexValues)} + ${worst(r, (x) => x.docValues)} values in ${worst(r, (x) => x.operations)} operations, ~${(bytes / 1024).toFixed(0)} KB (meta included) |`
  })
  return `## Estimates from the ${r.mb} MB figures

| corpus | keys | stored | build | meta | KV reads of a cold two-word query |
|---|---|---|---|---|---|
${lines.join('\n')}

Keys, bytes, build time and the meta piece grow linearly. The meta is read once per isolate; the rest of a
cold query does not grow: a term shard and a frequent term's head are bounded in bytes, and a page is ten
doc blocks. Past ~1 GB the meta's doc-block directory should itself be split (two levels) to stay small.`
}

function svg(rs: SizeResult[]): string {
  const W = 640
  const H = 320
  const pad = 56
  const xs = rs.map((r) => Math.log10(r.mb))
  const xMin = Math.min(...xs, 0)
  const xMax = Math.max(...xs, 1)
  const x = (v: number) => pad + ((Math.log10(v) - xMin) / Math.max(1e-9, xMax - xMin)) * (W - 2 * pad)
  const series = [
    { name: 'cold KB read (worst)', color: '#c0392b', values: rs.map((r) => maxCold(r).bytes / 1024) },
    { name: 'cold query ms (worst)', color: '#2471a3', values: rs.map((r) => Math.max(...r.cold.map((c) => c.ms))) },
    { name: 'warm median ms ×100', color: '#1e8449', values: rs.map((r) => r.warm.shardedMedianMs * 100) },
  ]
  const yMax = Math.max(1, ...series.flatMap((s) => s.values))
  const y = (v: number) => H - pad - (v / yMax) * (H - 2 * pad)
  const parts: string[] = []
  parts.push(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" font-family="sans-serif" font-size="12">`,
  )
  parts.push(`<rect width="${W}" height="${H}" fill="#fff"/>`)
  parts.push(
    `<text x="${W / 2}" y="20" text-anchor="middle" font-size="14">Sharded index: query cost vs corpus size</text>`,
  )
  parts.push(
    `<line x1="${pad}" y1="${H - pad}" x2="${W - pad}" y2="${H - pad}" stroke="#333"/><line x1="${pad}" y1="${pad}" x2="${pad}" y2="${H - pad}" stroke="#333"/>`,
  )
  for (const r of rs) parts.push(`<text x="${x(r.mb)}" y="${H - pad + 16}" text-anchor="middle">${r.mb} MB</text>`)
  for (let k = 0; k <= 4; k++) {
    const v = (yMax * k) / 4
    parts.push(
      `<text x="${pad - 6}" y="${y(v) + 4}" text-anchor="end">${v.toFixed(0)}</text><line x1="${pad}" y1="${y(v)}" x2="${W - pad}" y2="${y(v)}" stroke="#eee"/>`,
    )
  }
  series.forEach((s, i) => {
    const pts = rs.map((r, k) => `${x(r.mb).toFixed(1)},${y(s.values[k]!).toFixed(1)}`).join(' ')
    parts.push(`<polyline fill="none" stroke="${s.color}" stroke-width="2" points="${pts}"/>`)
    rs.forEach((r, k) =>
      parts.push(`<circle cx="${x(r.mb).toFixed(1)}" cy="${y(s.values[k]!).toFixed(1)}" r="3" fill="${s.color}"/>`),
    )
    parts.push(
      `<rect x="${pad + 10}" y="${pad - 22 + i * 16}" width="10" height="10" fill="${s.color}"/><text x="${pad + 26}" y="${pad - 13 + i * 16}">${s.name}</text>`,
    )
  })
  parts.push(`<text x="${W / 2}" y="${H - 12}" text-anchor="middle">corpus size (log scale)</text></svg>`)
  return parts.join('\n')
}
