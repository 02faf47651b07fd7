/**
 * `npm run bench -- --mb 1,10,100` (scripts/bench.ts hands `--mb` over to this file, under --expose-gc): for each
 * corpus size, the figures of tools/bench/scale-measure.ts (build, cold and warm queries, the isolate floors of
 * tools/bench/scale-isolate.ts). Writes bench/results/scale-<date>.json, docs/scale.svg and docs/benchmarks.md.
 *
 *   npm run bench -- --mb 1,10 [--queries 10000] [--heap-seconds 600] [--cold-queries 1000] [--fresh-isolates 5]
 *     [--mono-max 10] [--reuse-builds]
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises'
import { cpus, loadavg } from 'node:os'
import { parseArgs } from 'node:util'
import { writeBenchmarksDoc } from '../tools/bench/benchmarks-doc.ts'
import { vocabulary } from '../tools/bench/query-mix.ts'
import { scaleChart } from '../tools/bench/scale-chart.ts'
import { measureSize, warmQueries, type SizeResult } from '../tools/bench/scale-measure.ts'
import { scaleMarkdown, type ScaleResults } from '../tools/bench/scale-report.ts'

const OPTIONS = {
  mb: { type: 'string', default: '1,10' },
  queries: { type: 'string', default: '10000' },
  'mono-max': { type: 'string', default: '10' },
  // A guard: 10,000 queries at 100 MB take minutes here; the figure says how many ran.
  'heap-seconds': { type: 'string', default: '600' },
  'cold-queries': { type: 'string', default: '1000' },
  'fresh-isolates': { type: 'string', default: '5' },
  'reuse-builds': { type: 'boolean', default: false },
} as const

async function main(): Promise<void> {
  const { values } = parseArgs({ options: OPTIONS })
  const sizes = values.mb
    .split(',')
    .map(Number)
    .filter((n) => n > 0)
  const seedText = await readFile('index/corpus/what-you-leave-behind.txt', 'utf8')
  const words = vocabulary(seedText)
  const opts = {
    seedText,
    words,
    warm: warmQueries(words),
    monoMaxMB: Number(values['mono-max']),
    isolate: {
      queries: Number(values.queries),
      coldQueries: Number(values['cold-queries']),
      freshIsolates: Number(values['fresh-isolates']),
      seconds: Number(values['heap-seconds']),
    },
    reuseBuilds: values['reuse-builds'],
    log: (line: string) => console.log(line),
  }
  const results: SizeResult[] = []
  for (const mb of sizes) results.push(await measureSize(mb, opts))

  const run: ScaleResults = {
    date: new Date().toISOString().slice(0, 10),
    machine: {
      cpus: cpus().length,
      model: cpus()[0]?.model,
      loadavg: loadavg().map((l) => +l.toFixed(2)),
      node: process.version,
    },
    results,
  }
  const file = `bench/results/scale-${run.date}.json`
  await mkdir('bench/results', { recursive: true })
  await writeFile(file, JSON.stringify(run, null, 2))
  await mkdir('docs', { recursive: true })
  await writeFile('docs/scale.svg', scaleChart(results))
  const doc = await writeBenchmarksDoc()
  console.log(`\n${scaleMarkdown(run)}\nwrote ${file}, docs/scale.svg and ${doc}`)
}

await main()
