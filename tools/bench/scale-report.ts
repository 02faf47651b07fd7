/**
 * @module The results of `npm run bench -- --mb …` (bench/results/scale-<date>.json) and their Markdown: one row
 * per corpus size, the cold queries' reads, the isolate floors and estimates for larger corpora.
 */
import type { ColdQuery, SizeResult } from './scale-measure.ts'
import type { QueryKind } from './query-mix.ts'
import { isolateSection } from './scale-isolate.ts'

export interface ScaleMachine {
  cpus: number
  model?: string
  loadavg: number[]
  node: string
}

/** What bench/results/scale-<date>.json holds. */
export interface ScaleResults {
  /** The run's day, YYYY-MM-DD. */
  date: string
  machine: ScaleMachine
  results: SizeResult[]
}

/** The cold query that read the most bytes. */
export const maxCold = (r: SizeResult): ColdQuery => r.cold.reduce((m, c) => (c.bytes > m.bytes ? c : m), r.cold[0]!)
const worst = (r: SizeResult, f: (c: ColdQuery) => number): number => Math.max(...r.cold.map(f))
/** The worst values of a cold query, e.g. `6 + 10 in 7` (index + doc values in KV operations). */
const worstReads = (r: SizeResult): string =>
  `${worst(r, (c) => c.indexValues)} + ${worst(r, (c) => c.docValues)} in ${worst(r, (c) => c.operations)}`
const kb = (bytes: number): string => `${(bytes / 1024).toFixed(0)} KB`

const HEAD = [
  'corpus',
  'articles',
  'build',
  'MB/s',
  'peak RSS',
  'keys',
  'stored',
  'meta',
  'cold query: index + doc values in KV operations (worst of N)',
  'cold bytes (worst)',
  'warm median',
  'monolithic',
  'ratio',
  "isolate's live heap after N random queries",
]

function row(r: SizeResult): string {
  const cells = [
    `${r.mb} MB`,
    r.corpus.articles,
    `${r.build.seconds} s`,
    r.build.mbPerSecond,
    `${r.build.peakRssMB} MB`,
    r.build.keys,
    `${r.build.storedMB} MB`,
    `${r.build.metaKB} KB`,
    worstReads(r),
    kb(maxCold(r).bytes),
    `${r.warm.shardedMedianMs} ms`,
    r.warm.monoMedianMs ?? '–',
    r.warm.ratio ?? '–',
    `${r.isolate.heap.peakLiveMB} MB after ${r.isolate.heap.queries}`,
  ]
  return `| ${cells.join(' | ')} |`
}

function coldDetail(r: SizeResult): string {
  const one = (c: ColdQuery): string =>
    `"${c.query}" ${c.indexValues} + ${c.docValues} values, ${c.trips} round trips, ${kb(c.bytes)}, ${c.ms} ms, ` +
    `${c.total}${c.approximate ? '+ (approximate)' : ''} hits`
  return `- ${r.mb} MB: ${r.cold.map(one).join('; ')}`
}

/** One size's round trips and bytes by kind: `two words 145 × 3, 29 × 4 (174), at most 470 KB`. */
function tripsDetail(r: SizeResult): string {
  const kinds = Object.entries(r.coldTrips ?? {}).map(([kind, tally]) => {
    const counts = Object.entries(tally).map(([trips, n]) => `${n} × ${trips}`)
    const all = Object.values(tally).reduce((sum, n) => sum + n, 0)
    const bytes = r.coldBytes?.[kind as QueryKind]
    const worst = bytes
      ? `, at most ${kb(bytes.maxBytes)}${bytes.over512KiB ? ` (${bytes.over512KiB} over 512 KB)` : ''}`
      : ''
    return `${kind} ${counts.join(', ')} (${all})${worst}`
  })
  return `- ${r.mb} MB: ${kinds.join('; ')}`
}

/**
 * Extrapolation from the largest measured size: keys, bytes, build time and the meta grow linearly;
 * a cold query's other reads do not (term shards and heads are bounded in bytes, a page is 10 doc blocks).
 */
function estimate(r: SizeResult): string {
  const c = maxCold(r)
  const metaBytes = r.build.metaKB * 1024
  const lines = [500, 5000].map((mb) => {
    const f = mb / r.mb
    const cells = [
      mb >= 1000 ? `${mb / 1000} GB` : `${mb} MB`,
      `~${Math.round(r.build.keys * f).toLocaleString('en')}`,
      `~${((r.build.storedMB * f) / 1000).toFixed(1)} GB`,
      `~${Math.round((r.build.seconds * f) / 60)} min (at ${r.build.mbPerSecond} MB/s)`,
      `~${Math.round(r.build.metaKB * f)} KB`,
      `${worstReads(r).replace(' in ', ' values in ')} operations, ~${kb(metaBytes * f + (c.bytes - metaBytes))} ` +
        '(meta included)',
    ]
    return `| ${cells.join(' | ')} |`
  })
  return `### Estimates from the ${r.mb} MB figures

| corpus | keys | stored | build | meta | KV reads of a cold two-word query |
|---|---|---|---|---|---|
${lines.join('\n')}

Keys, bytes, build time and the meta piece grow linearly. The meta is read once per isolate; the rest of a
cold query does not grow: a term shard and a frequent term's head are bounded in bytes, and a page is ten
doc blocks. Past ~1 GB the meta's doc-block directory should itself be split (two levels) to stay small.`
}

/** The Markdown of a scale run (its title is the reader's: the subsections are level-3 headings). */
export function scaleMarkdown({ machine, results }: ScaleResults): string {
  const queries = results[0]?.cold.map((c) => c.query) ?? []
  const head = HEAD.map((h) => h.replace('worst of N', `worst of ${queries.length}`))
  const last = results[results.length - 1]
  return `Machine: ${machine.cpus} CPU (${machine.model}), load average ${machine.loadavg.join(' / ')} \
(a shared machine: times are noisy), Node ${machine.node}.

| ${head.join(' | ')} |
|${head.map(() => '---').join('|')}|
${results.map(row).join('\n')}

Cold queries (${queries.map((q) => `"${q}"`).join(', ')}): a new isolate with empty caches, 10 hits a page; \
"garak tailor" and "odo constable" have a word the corpus lacks, so they read the typo piece of its length, and
"sisko ca" is completed with the words of at most two more term shards; the quoted phrase may read its words' tails.
Index values are the pointer (which carries the manifest and the meta) and the term pieces the words need; doc values
are the page's doc blocks (a hit's snippet needs its passage's text) and the title pieces of the articles the
facets list, read together in bulk KV operations; bytes count all of them. Floors at 100 MB: ≤ 6 values (the
index's: see docs/DESIGN.md on why a page's doc blocks cannot be among them) and ≤ 512 KB in all;
warm ≤ 2× the monolithic engine at 10 MB.

${isolateSection(results.map((r) => ({ mb: r.mb, isolate: r.isolate })))}
${results.map(coldDetail).join('\n')}

Sequential KV round trips of 600 random cold queries (tools/bench/query-mix.ts), each the first query of a new
isolate, by kind of query (queries × trips, the pointer's included), and the most bytes one of them read. Floors
at 100 MB: ≤ 3 trips for a two-word query, ≤ 512 KB for every query.

${results.map(tripsDetail).join('\n')}

${last ? estimate(last) : ''}
`
}
