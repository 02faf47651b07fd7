/**
 * `npm run bench`: performance figures, printed and written to bench/results/ (latest.json, a
 * dated copy, latest.md to paste into the README). Never asserted in tests: the machine is shared
 * and noisy, so everything is measured as ratios to a baseline run alongside.
 *
 *   npm run bench                      # everything (about 2–3 minutes)
 *   npm run bench -- --quick           # a smoke run: short durations, few rounds
 *   npm run bench -- --no-http         # in-process figures only (no wrangler dev)
 *   npm run bench -- --connections 10 --duration 10 --http-rounds 2 --rounds 30 --passes 3
 *   npm run bench -- --mb 1,10,100     # hands over to scripts/bench-scale.ts (all arguments passed on)
 *
 * Heap figures need a forced GC: the script re-runs itself under `node --expose-gc` when needed.
 */
import { spawnSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { cpus, loadavg } from 'node:os'
import { fileURLToPath } from 'node:url'
import { loadCorpus } from '../tools/corpus/load.ts'
import { groupingFigures } from '../tools/bench/grouping.ts'
import { httpFigures } from '../tools/bench/http.ts'
import { benchAdapters, indexFigures, queryTimes } from '../tools/bench/inproc.ts'
import { vocabulary } from '../tools/bench/query-mix.ts'
import { printResults, saveResults, type BenchResults } from '../tools/bench/report.ts'
import { loadJudged, passagesOf } from '../tools/relevance/evaluate.ts'

const args = process.argv.slice(2)
const flag = (name: string): boolean => args.includes(name)
function option(name: string, fallback: number): number {
  const i = args.indexOf(name)
  const v = i >= 0 ? Number(args[i + 1]) : NaN
  return Number.isFinite(v) && v > 0 ? v : fallback
}

/** Runs `script` under node (with tsx and --expose-gc) with our arguments; exits with its status. */
function rerun(script: string): never {
  const r = spawnSync(process.execPath, ['--expose-gc', '--import', 'tsx', script, ...args], { stdio: 'inherit' })
  process.exit(r.status ?? 1)
}

if (flag('--mb')) {
  const scale = fileURLToPath(new URL('./bench-scale.ts', import.meta.url))
  if (!existsSync(scale)) {
    console.error('npm run bench -- --mb <list> needs scripts/bench-scale.ts, which does not exist yet')
    process.exit(2)
  }
  rerun(scale)
}
if (typeof (globalThis as { gc?: unknown }).gc !== 'function' && !process.env.WYLB_BENCH_NO_GC) {
  process.env.WYLB_BENCH_NO_GC = '1' // were --expose-gc refused, the child measures without it
  rerun(fileURLToPath(import.meta.url))
}

const quick = flag('--quick')
const opts = {
  quick,
  rounds: option('--rounds', quick ? 5 : 30),
  passes: option('--passes', quick ? 1 : 3),
  loadRounds: option('--load-rounds', quick ? 10 : 50),
  buildRounds: option('--build-rounds', quick ? 1 : 5),
  http: !flag('--no-http'),
  connections: option('--connections', 10),
  durationS: option('--duration', quick ? 2 : 10),
  httpRounds: option('--http-rounds', quick ? 1 : 2),
}
const log = (line: string): void => console.error(line)

const articles = (await loadCorpus()).articles
const judged = await loadJudged()
log(`in-process: ${judged.length} judged queries, ${opts.passes} passes × ${opts.rounds} rounds per engine…`)
const engines = await queryTimes(await benchAdapters(articles), judged, opts.rounds, opts.passes)
log(`index: build × ${opts.buildRounds}, load and JSON.parse × ${opts.loadRounds}…`)
const { figures: index } = await indexFigures(articles, judged, opts.loadRounds, opts.buildRounds)
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

const results: BenchResults = {
  date: new Date().toISOString(),
  machine: { node: process.version, cpus: cpus().length, cpuModel: cpus()[0]?.model.trim() ?? '?', loadAvg: loadavg() },
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
log(`wrote ${files.join(', ')}`)
