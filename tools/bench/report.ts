/**
 * @module Printing and saving the figures of `npm run bench`: a text table, JSON, and the Markdown that
 * docs/benchmarks.md shows (benchmarks-doc.ts).
 */
import { mkdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { latency, type HttpFigures } from './http.ts'
import type { GroupingFigures } from './grouping.ts'
import type { EngineFigures, IndexFigures } from './inproc.ts'
import { bytes, mdTable, median, table } from './stats.ts'

export interface BenchResults {
  date: string
  machine: { node: string; cpus: number; cpuModel: string; loadAvg: number[] }
  options: Record<string, unknown>
  corpus: { articles: number; passages: number; judgedQueries: number }
  engines: EngineFigures[]
  index: IndexFigures
  /** group=article against a plain answer (absent in results saved before it was measured). */
  grouping?: GroupingFigures
  http: HttpFigures | null
  /** Why the HTTP figures are missing, when they were asked for. */
  httpError?: string
}

const f = (x: number | undefined, d = 0): string => (x === undefined || Number.isNaN(x) ? '–' : x.toFixed(d))

/** Heap held, from two readings of V8's used heap: a difference under 1 KiB (or below 0) is their noise. */
const held = (n: number): string => (n < 1024 ? 'under 1 KiB' : bytes(n))

type Section = { title: string; head: string[]; rows: (string | number)[][] }

function sections(r: BenchResults): Section[] {
  const out: Section[] = [
    {
      title:
        `Per query, in-process (${r.corpus.judgedQueries} judged queries over ${r.corpus.passages} passages; ` +
        `medians of ${String(r.options.passes)} passes × ${String(r.options.rounds)} rounds)`,
      head: ['engine', 'hit@3', 'MRR@10', 'mean µs', 'p50 µs', 'p95 µs', 'peer/ours (mean)', 'peer/ours (p50)'],
      rows: r.engines.map((e) => [
        e.name,
        f(e.hitAt3, 3),
        f(e.mrrAt10, 3),
        f(e.meanUs, 1),
        f(e.p50Us, 1),
        f(e.p95Us, 1),
        f(e.speedupMean, 2),
        f(e.speedupP50, 2),
      ]),
    },
    {
      title: 'Index',
      head: ['figure', 'value'],
      rows: [
        ['pieces (total bytes)', `${r.index.pieces} (${bytes(r.index.totalBytes)}, ${r.index.totalBytes} B)`],
        ['build (median)', `${f(r.index.buildMs, 1)} ms`],
        ['open: the meta read and parsed (median)', `${f(r.index.openMs, 3)} ms`],
        [
          `heap held by the opened engine${r.index.gc ? '' : ' (no --expose-gc: rough)'}`,
          held(r.index.heapAfterOpenBytes - r.index.heapBeforeBytes),
        ],
        ['… after every judged query once', held(r.index.heapAfterQueriesBytes - r.index.heapBeforeBytes)],
      ],
    },
  ]
  if (r.grouping) {
    const g = r.grouping
    out.push({
      title:
        `group=article, in-process (the one engine, ${g.queries} judged queries over ${g.articles} articles; ` +
        'every answer with facets)',
      head: ['answer', 'mean µs', 'ratio to plain'],
      rows: [
        ['plain (one hit per passage)', f(g.plainUs, 1), '1.00'],
        ['group=article', f(g.groupedUs, 1), f(g.ratio, 2)],
      ],
    })
  }
  if (r.http) {
    const h = r.http
    const s = h.summary
    const row = (name: string, runs: typeof h.trivial, rps: number, vs: string) => {
      const l = latency(runs)
      const cpu = runs.flatMap((x) => (x.cpuMsPerRequest ? [x.cpuMsPerRequest.runtime] : []))
      return [
        name,
        f(rps),
        f(l.p50Ms, 1),
        f(l.p99Ms, 1),
        vs,
        cpu.length > 0 ? f(median(cpu), 2) : '–',
        runs.reduce((n, x) => n + x.non2xx + x.errors, 0),
      ]
    }
    out.push({
      title:
        `HTTP under wrangler dev (autocannon, ${h.connections} connections, ${h.durationS} s × ${h.rounds} rounds ` +
        'each, interleaved; medians)',
      head: ['route', 'req/s', 'p50 ms', 'p99 ms', 'ratio to /healthz', "Worker's CPU ms/request", 'non-2xx/errors'],
      rows: [
        row('/healthz (trivial)', h.trivial, s.trivial, '1.00'),
        row('/v1/search, answer cache hits', h.cached, s.cached, f(s.cachedRatio, 2)),
        row('/v1/search, cache misses', h.uncached, s.uncached, f(s.uncachedRatio, 2)),
        row('/v1/search, half never seen (floor 0.9)', h.halfNew, s.halfNew, f(s.halfNewRatio, 2)),
        ...(h.grouped && s.grouped !== undefined
          ? [row('/v1/search?group=article, cache misses', h.grouped, s.grouped, f(s.groupedRatio, 2))]
          : []),
      ],
    })
  }
  return out
}

export function printResults(r: BenchResults): string {
  return sections(r)
    .map((s) => `${s.title}\n${table(s.head, s.rows)}`)
    .join('\n\n')
}

export function markdown(r: BenchResults): string {
  const notes = [
    `_${r.date.slice(0, 10)}, Node ${r.machine.node}, ${r.machine.cpus} × ${r.machine.cpuModel} ` +
      `(load average ${r.machine.loadAvg.map((x) => x.toFixed(1)).join(' ')}). Figures from \`npm run bench\`; ` +
      'ratios matter more than absolute numbers on a shared machine._',
  ]
  if (r.http) {
    notes.push(
      '_Cache hits: the judged queries in rotation (limit 10, offset 0), answered from the answer cache after ' +
        'the first lap. Cache misses: the same queries, each request with a (limit, offset) pair not used before, ' +
        'so every request runs the engine. Half never seen: every other request a judged query (cached), the ' +
        'others random queries (words, three or four words, typos, prefixes, halfway-typed words, phrases) never sent before. The ' +
        'Worker serves a sharded build. Requests carry a rotating `cf-connecting-ip` (many clients), so the ' +
        "per-client rate limit runs on every route but never refuses. Worker's CPU: what the workerd process that " +
        "runs the Worker spent a request (median of the runs, from /proc); wrangler dev's proxy and wrangler " +
        'itself, which a deployment does not have, cost every route the same._',
    )
  }
  return [...sections(r).map((s) => `**${s.title}**\n\n${mdTable(s.head, s.rows)}`), ...notes].join('\n\n') + '\n'
}

/** Writes latest.json and a dated copy into `dir`; docs/benchmarks.md renders the newest dated one. */
export async function saveResults(r: BenchResults, dir = 'bench/results'): Promise<string[]> {
  await mkdir(dir, { recursive: true })
  const json = JSON.stringify(r, null, 2) + '\n'
  const dated = join(dir, `${r.date.replace(/:/g, '-').replace(/\.\d+Z$/, 'Z')}.json`)
  const files = [join(dir, 'latest.json'), dated]
  for (const file of files) await writeFile(file, json)
  return files
}
