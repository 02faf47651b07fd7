/**
 * @module The measurements of `npm run bench -- --mb …` at one corpus size: synthesize the corpus (cached in
 * bench/corpora/), build it (time, MB/s, peak RSS), then, in process, over a KV stand-in that counts reads and
 * bytes: cold two-word queries, warm query time against the monolithic engine, and the isolate floors
 * (scale-isolate.ts).
 */
import { spawnSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { readFile, readdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { openShardedSearch } from '../../src/core/engine/engine.ts'
import type { Manifest, Pointer } from '../../src/core/storage/manifest.ts'
import { loadCorpus } from '../corpus/load.ts'
import { mulberry32, writeSynthCorpus } from '../corpus/synth.ts'
import { buildSearchIndex, loadSearchIndex, type SearchEngine } from '../oracle/index.ts'
import { coldReadsByKind, type BytesByKind, type TripsByKind } from './cold-trips.ts'
import { roundTrips } from './round-trips.ts'
import { isolateScale, type IsolateRun, type IsolateScale } from './scale-isolate.ts'

/**
 * Two-word queries of the real article's content words (the synthetic vocabulary starts with them); two
 * whose second word the synthetic corpora lack (as a typo would be), which take the typo path; one
 * typed halfway, whose last word is a short prefix with completions all over the vocabulary; and a quoted
 * phrase of two frequent words, which may read their tails.
 */
export const COLD_QUERIES = [
  'garak cardassia',
  'sisko prophets',
  'odo founder',
  'worf klingon',
  'dukat winn',
  'garak tailor',
  'odo constable',
  'sisko ca',
  '"dukat winn"',
]

/** Random cold queries whose round trips and bytes are counted by kind at each size. */
const COLD_TRIP_QUERIES = 600

/**
 * A cold query as a new isolate makes it: values read (the pointer, which carries the manifest and the meta;
 * term pieces; then the page's doc blocks and the article directory), KV operations (the doc blocks are one
 * bulk read) and bytes, all counted.
 */
export interface ColdQuery {
  query: string
  values: number
  indexValues: number
  docValues: number
  operations: number
  /** Sequential KV round trips, the pointer's included (reads issued together share one). */
  trips: number
  bytes: number
  ms: number
  total: number
  approximate: boolean
}

export interface BuildFigures {
  seconds: number
  mbPerSecond: number
  peakRssMB: number
  keys: number
  storedMB: number
  passages: number
  terms: number
  metaKB: number
}

export interface SizeResult {
  mb: number
  corpus: { articles: number; textMB: number }
  build: BuildFigures
  cold: ColdQuery[]
  /** Round trips of random cold queries, by kind (absent from runs before 2026-12-01). */
  coldTrips?: TripsByKind
  /** Bytes of the same queries, by kind (absent from runs before format 8). */
  coldBytes?: BytesByKind
  warm: { shardedMedianMs: number; monoMedianMs?: number; ratio?: number }
  isolate: IsolateScale
}

export interface ScaleOptions {
  /** The real article's text, which the synthetic corpora start their vocabulary from. */
  seedText: string
  /** Its content words, most frequent first (query-mix.ts `vocabulary`). */
  words: string[]
  /** The same warm queries at every size (`warmQueries`). */
  warm: string[]
  /** The monolithic engine is measured only up to this size (it holds the whole index in memory). */
  monoMaxMB: number
  isolate: IsolateRun
  /** Measure a build made earlier again (its figures saved beside it) instead of rebuilding it. */
  reuseBuilds: boolean
  log: (line: string) => void
}

/** 200 two-word queries of the real article's frequent content words, the same at every corpus size. */
export function warmQueries(words: string[]): string[] {
  const rng = mulberry32(7)
  const pick = (from: number, to: number): string =>
    words[from + Math.floor(rng() * Math.max(1, Math.min(words.length, to) - from))]!
  return Array.from({ length: 200 }, () => `${pick(20, 400)} ${pick(20, 400)}`)
}

async function ensureCorpus(mb: number, seedText: string, log: (line: string) => void): Promise<string> {
  const dir = `bench/corpora/synth-${mb}mb`
  if (!existsSync(dir) || (await readdir(dir)).length === 0) {
    log(`synthesizing ${mb} MB → ${dir}`)
    await writeSynthCorpus(dir, { mb, seed: 1, seedText })
  }
  return dir
}

/** Builds `dir` into `out` under `/usr/bin/time -v`, for its peak RSS; the figures come from the build's line. */
function build(dir: string, out: string): BuildFigures & { line: string } {
  const args = ['scripts/build-index.ts', '--from', dir, '--out', out, '--quiet', '--content-articles']
  const r = spawnSync('/usr/bin/time', ['-v', process.execPath, '--import', 'tsx', ...args], {
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  })
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

/** A KV stand-in over `kv` that counts what is read: values, operations (a bulk read is one) and bytes. */
function countingKv(kv: Map<string, string>) {
  const counts = { reads: 0, bulkReads: 0, operations: 0, bytes: 0 }
  const value = (name: string): string => {
    const v = kv.get(name)
    if (v === undefined) throw new Error(`no key ${name}`)
    counts.bytes += Buffer.byteLength(v)
    return v
  }
  const fetchPiece = async (name: string): Promise<string> => {
    counts.reads++
    counts.operations++
    return value(name)
  }
  const fetchMany = async (names: string[]): Promise<Map<string, string>> => {
    counts.bulkReads += names.length
    counts.operations++
    return new Map(names.map((n) => [n, value(n)]))
  }
  return { counts, fetchPiece, fetchMany }
}

/** What a new isolate reads before the meta: the pointer, which carries the manifest. */
async function readPointer(out: string): Promise<{ pointer: Pointer; pointerBytes: number }> {
  const pointer = JSON.parse(await readFile(join(out, 'pointer.json'), 'utf8')) as Pointer
  if (!pointer.manifest) throw new Error(`${out}/pointer.json carries no manifest: a build older than this bench`)
  return { pointer, pointerBytes: Buffer.byteLength(JSON.stringify(pointer)) }
}

async function coldQueries(
  kv: Map<string, string>,
  manifest: Manifest,
  { pointer, pointerBytes }: { pointer: Pointer; pointerBytes: number },
): Promise<ColdQuery[]> {
  const { counts, fetchPiece, fetchMany } = countingKv(kv)
  // The Worker takes the meta from the pointer (src/store/live-index.ts): counted in the pointer's bytes only.
  const { meta } = pointer
  const readPiece = (name: string): Promise<string> =>
    name === manifest.search.key && meta !== undefined ? Promise.resolve(meta) : fetchPiece(name)
  const cold: ColdQuery[] = []
  for (const query of COLD_QUERIES) {
    Object.assign(counts, { reads: 1, bulkReads: 0, operations: 1, bytes: pointerBytes })
    const t = performance.now()
    const engine = await openShardedSearch(readPiece, manifest.search.key, { fetchMany })
    const answer = await engine.search({ q: query, limit: 10, offset: 0 })
    const ms = Math.round(performance.now() - t)
    const timed = roundTrips(kv)
    const fromPointer = (name: string): Promise<string> =>
      name === manifest.search.key && meta !== undefined ? Promise.resolve(meta) : timed.fetchPiece(name)
    await (
      await openShardedSearch(fromPointer, manifest.search.key, { fetchMany: timed.fetchMany })
    ).search({ q: query, limit: 10, offset: 0 })
    cold.push({
      query,
      values: counts.reads + counts.bulkReads,
      indexValues: counts.reads,
      docValues: counts.bulkReads,
      operations: counts.operations,
      trips: 1 + timed.count,
      bytes: counts.bytes,
      ms,
      total: answer.total,
      approximate: answer.approximate === true,
    })
  }
  return cold
}

/**
 * Runs each query once untimed, then again timed: the median ms of the second lap. A synchronous engine is
 * not awaited, so that its times hold no extra turn of the event loop.
 */
async function warmMedianMs(search: (q: string) => unknown, queries: string[]): Promise<number> {
  for (const q of queries) {
    const answer = search(q)
    if (answer instanceof Promise) await answer
  }
  const times: number[] = []
  for (const q of queries) {
    const t = performance.now()
    const answer = search(q)
    if (answer instanceof Promise) await answer
    times.push(performance.now() - t)
  }
  return +median(times).toFixed(3)
}

async function warmFigures(
  dir: string,
  mb: number,
  kv: Map<string, string>,
  manifest: Manifest,
  opts: ScaleOptions,
): Promise<SizeResult['warm']> {
  const { fetchPiece, fetchMany } = countingKv(kv)
  const engine = await openShardedSearch(fetchPiece, manifest.search.key, { fetchMany })
  const warm: SizeResult['warm'] = {
    shardedMedianMs: await warmMedianMs((q) => engine.search({ q, limit: 10, offset: 0 }), opts.warm),
  }
  if (mb > opts.monoMaxMB) return warm
  const { articles } = await loadCorpus(dir)
  const mono: SearchEngine = await loadSearchIndex(await buildSearchIndex(articles))
  warm.monoMedianMs = await warmMedianMs((q) => mono.search({ q, limit: 10, offset: 0 }), opts.warm)
  warm.ratio = +(warm.shardedMedianMs / warm.monoMedianMs).toFixed(2)
  return warm
}

const coldLine = (c: ColdQuery): string =>
  `${c.query}: ${c.indexValues} index + ${c.docValues} doc values in ${c.operations} operations, ${c.trips} trips, ` +
  `${(c.bytes / 1024).toFixed(0)} KB (${c.total}${c.approximate ? '+' : ''} hits)`

/** Every figure of one corpus size. */
export async function measureSize(mb: number, opts: ScaleOptions): Promise<SizeResult> {
  const { log } = opts
  const dir = await ensureCorpus(mb, opts.seedText, log)
  const out = `bench/tmp/build-${mb}mb`
  log(`\n== ${mb} MB: building ${dir}`)
  const saved = join(out, 'build-figures.json')
  const b: ReturnType<typeof build> =
    opts.reuseBuilds && existsSync(saved) ? JSON.parse(await readFile(saved, 'utf8')) : build(dir, out)
  await writeFile(saved, JSON.stringify(b))
  log(`${b.line} peak RSS ${b.peakRssMB} MB`)
  const { kv, manifest } = await loadBuild(out)
  b.metaKB = Math.round((kv.get(manifest.search.key)?.length ?? 0) / 1024)

  const pointer = await readPointer(out)
  const cold = await coldQueries(kv, manifest, pointer)
  log(`cold ${cold.map(coldLine).join('; ')}`)
  const random = await coldReadsByKind(kv, manifest.search.key, pointer.pointerBytes, opts.words, COLD_TRIP_QUERIES)
  const { trips: coldTrips, bytes: coldBytes } = random
  log(`cold round trips by kind ${JSON.stringify(coldTrips)}, bytes ${JSON.stringify(coldBytes)}`)
  const warm = await warmFigures(dir, mb, kv, manifest, opts)
  log(`warm ${JSON.stringify(warm)}`)

  log(`isolate: ${opts.isolate.queries} random queries in a 128 MB heap…`)
  const isolate = await isolateScale(kv, manifest.search.key, opts.words, opts.isolate)
  log(`isolate ${JSON.stringify(isolate)}`)
  const { line: _, ...figures } = b
  const corpus = { articles: manifest.counts.articles, textMB: mb }
  return { mb, corpus, build: figures, cold, coldTrips, coldBytes, warm, isolate }
}
