/**
 * @module docs/benchmarks.md, rendered from the newest results `npm run bench` wrote under bench/results/: the
 * in-process and HTTP figures (<ISO date>.json) and the scale figures (scale-<date>.json). The bench rewrites
 * it after every run; tests/unit/bench/benchmarks-doc.test.ts fails when it differs from this rendering.
 */
import { readFile, readdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { markdown, type BenchResults } from './report.ts'
import { scaleMarkdown, type ScaleResults } from './scale-report.ts'

export const RESULTS_DIR = 'bench/results'
export const BENCHMARKS_DOC = 'docs/benchmarks.md'

/** A results file and what it holds. */
export interface ResultsFile<T> {
  /** Its name in the results folder. */
  file: string
  results: T
}

export interface NewestResults {
  bench?: ResultsFile<BenchResults>
  scale?: ResultsFile<ScaleResults>
}

/** A run of `npm run bench` saves `2026-11-30T19-51-01Z.json`; a scale run `scale-2026-11-30.json`. */
const BENCH_FILE = /^\d{4}-\d\d-\d\dT\d\d-\d\d-\d\dZ\.json$/
const SCALE_FILE = /^scale-\d{4}-\d\d-\d\d\.json$/

/** The newest results of each kind in `dir` (their names sort by date). */
export async function newestResults(dir = RESULTS_DIR): Promise<NewestResults> {
  const names = (await readdir(dir)).sort()
  const newest = async <T>(pattern: RegExp): Promise<ResultsFile<T> | undefined> => {
    const file = names.filter((name) => pattern.test(name)).pop()
    return file ? { file, results: JSON.parse(await readFile(join(dir, file), 'utf8')) as T } : undefined
  }
  return { bench: await newest<BenchResults>(BENCH_FILE), scale: await newest<ScaleResults>(SCALE_FILE) }
}

/** The Markdown of docs/benchmarks.md. */
export function benchmarksDoc({ bench, scale }: NewestResults): string {
  const parts = [
    `# Benchmarks

Rendered by \`npm run bench\` from its newest results in \`${RESULTS_DIR}/\`; do not edit by hand (\`npm run bench -- \
--docs\` renders it again without measuring). Nothing here is asserted in a test: the machine is shared and noisy, so
ratios to a baseline measured alongside matter more than absolute times.`,
  ]
  if (bench) {
    parts.push(`## Per query, in process and over HTTP

\`npm run bench\` (\`${RESULTS_DIR}/${bench.file}\`).

${markdown(bench.results).trimEnd()}`)
  }
  if (scale) {
    const sizes = scale.results.results.map((r) => r.mb).join(',')
    parts.push(`## Scale: sharded index, ${scale.results.date}

\`npm run bench -- --mb ${sizes}\` (\`${RESULTS_DIR}/${scale.file}\`).

<img src="scale.svg" alt="Cold KB read, cold query time and warm median query time against corpus size" width="70%">

${scaleMarkdown(scale.results).trimEnd()}`)
  }
  return parts.join('\n\n') + '\n'
}

/** Renders docs/benchmarks.md from the newest results in `dir`; returns the file written. */
export async function writeBenchmarksDoc(dir = RESULTS_DIR, out = BENCHMARKS_DOC): Promise<string> {
  await writeFile(out, benchmarksDoc(await newestResults(dir)))
  return out
}
