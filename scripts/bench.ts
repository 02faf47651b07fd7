/**
 * `npm run bench`: performance figures, printed and written to bench/results/ (latest.json and a dated
 * copy), then rendered into docs/benchmarks.md with the newest scale figures. Never asserted in tests: the
 * machine is shared and noisy, so everything is measured as ratios to a baseline run alongside.
 *
 *   npm run bench                      # everything (about 5 minutes)
 *   npm run bench -- --quick           # a smoke run: short durations, few rounds
 *   npm run bench -- --no-http         # in-process figures only (no wrangler dev)
 *   npm run bench -- --connections 10 --duration 10 --http-rounds 3 --rounds 30 --passes 3
 *   npm run bench -- --mb 1,10,100     # hands over to scripts/bench-scale.ts (all arguments passed on)
 *   npm run bench -- --docs            # renders docs/benchmarks.md again from bench/results/, measuring nothing
 *
 * Heap figures need a forced GC: the script re-runs itself under `node --expose-gc` when needed.
 */
import { spawnSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { cpus, loadavg } from 'node:os'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'
import { writeBenchmarksDoc } from '../tools/bench/benchmarks-doc.ts'
import { groupingFigures } from '../tools/bench/grouping.ts'
import { httpFigures } from '../tools/bench/http.ts'
import { indexFigures, queryTimes } from '../tools/bench/inproc.ts'
import { vocabulary } from '../tools/bench/query-mix.ts'
import { printResults, saveResults, type BenchResults } from '../tools/bench/report.ts'
import { DEFAULT_CORPUS, loadCorpus, readSynonyms } from '../tools/corpus/load.ts'
import { adaptersOver, loadJudged, passagesOf } from '../tools/relevance/evaluate.ts'

const OPTIONS = {
  quick: { type: 'boolean', default: false },
  'no-http': { type: 'boolean', default: false },
  docs: { type: 'boolean', default: false },
  rounds: { type: 'string' },
  passes: { type: 'string' },
  'load-rounds': { type: 'string' },
  'build-rounds': { type: 'string' },
  connections: { type: 'string' },
  duration: { type: 'string' },
  'http-rounds': { type: 'string' },
} as const

/** A positive number given as `value`, else `fallback`. */
function count(value: string | undefined, fallback: number): number {
  const n = Number(value)
  return value !== undefined && Number.isFinite(n) && n > 0 ? n : fallback
}

/** Runs `script` under node (with tsx and --expose-gc) with our arguments; exits with its status. */
function rerun(script: string, args: string[]): never {
  const r = spawnSync(process.execPath, ['--expose-gc', '--import', 'tsx', script, ...args], { stdio: 'inherit' })
  process.exit(r.status ?? 1)
}

async function main(): Promise<void> {
  const args = process.argv.slice(2)
  // --mb and the options that go with it are bench-scale.ts's to read.
  if (args.some((arg) => arg === '--mb' || arg.startsWith('--mb='))) {
    const scale = fileURLToPath(new URL('./bench-scale.ts', import.meta.url))
    if (!existsSync(scale)) {
      console.error('npm run bench -- --mb <list> needs scripts/bench-scale.ts, which does not exist yet')
      process.exit(2)
    }
    rerun(scale, args)
  }
  const { values } = parseArgs({ args, options: OPTIONS })
  if (values.docs) {
    console.log(`wrote ${await writeBenchmarksDoc()}`)
    return
  }
  if (typeof (globalThis as { gc?: unknown }).gc !== 'function' && !process.env.WYLB_BENCH_NO_GC) {
    process.env.WYLB_BENCH_NO_GC = '1' // were --expose-gc refused, the child measures without it
    rerun(fileURLToPath(import.meta.url), args)
  }

  const quick = values.quick
  const opts = {
    quick,
    rounds: count(values.rounds, quick ? 5 : 30),
    passes: count(values.passes, quick ? 1 : 3),
    loadRounds: count(values['load-rounds'], quick ? 10 : 50),
    buildRounds: count(values['build-rounds'], quick ? 1 : 5),
    http: !values['no-http'],
    connections: count(values.connections, 10),
    durationS: count(values.duration, quick ? 2 : 10),
    httpRounds: count(values['http-rounds'], quick ? 1 : 3),
  }
  const log = (line: string): void => console.error(line)

  const corpus = await loadCorpus()
  const { articles } = corpus
  const synonyms = await readSynonyms(DEFAULT_CORPUS)
  const judged = await loadJudged()
  log(`in-process: ${judged.length} judged queries, ${opts.passes} passes × ${opts.rounds} rounds per engine…`)
  const engines = await queryTimes((await adaptersOver(corpus, synonyms)).adapters, judged, opts.rounds, opts.passes)
  log(`index: build × ${opts.buildRounds}, open × ${opts.loadRounds}…`)
  const { figures: index } = await indexFigures(corpus, synonyms, judged, opts.loadRounds, opts.buildRounds)
  log('group=article against plain answers (multi-article corpus)…')
  const grouping = await groupingFigures(opts.rounds, opts.passes)
  let httpError: string | undefined
  let http: BenchResults['http'] = null
  if (opts.http) {
    try {
      const words = vocabulary(
        articles.flatMap((a) => a.sections.flatMap((s) => s.passages.map((p) => p.text))).join('\n'),
      )
      const { connections, durationS, httpRounds: rounds } = opts
      http = await httpFigures({ connections, durationS, rounds, queries: judged.map((j) => j.q), words }, log)
    } catch (error) {
      // The in-process figures are still worth saving; the reason is printed and stored.
      httpError = (error as Error).message
      log(`HTTP figures skipped: ${httpError}`)
    }
  }

  const cpuModel = cpus()[0]?.model.trim() ?? '?'
  const results: BenchResults = {
    date: new Date().toISOString(),
    machine: { node: process.version, cpus: cpus().length, cpuModel, loadAvg: loadavg() },
    options: opts,
    corpus: { articles: articles.length, passages: passagesOf(articles).length, judgedQueries: judged.length },
    engines,
    index,
    grouping,
    http,
    ...(httpError ? { httpError } : {}),
  }
  console.log('\n' + printResults(results) + '\n')
  const files = await saveResults(results)
  files.push(await writeBenchmarksDoc())
  log(`wrote ${files.join(', ')}`)
}

await main()
