/**
 * `tsx scripts/worst-case.ts [--runs N]`: the CPU one request can cost. Times, in-process, the most
 * expensive queries we can construct within the API's caps (q ≤ 256 characters, ≤ 32 terms, offset
 * ≤ 500, limit ≤ 50) against a typical query, on an engine loaded from the real corpus, and prints
 * each one's median and worst time and its ratio to the typical query.
 */
import { parseArgs } from 'node:util'
import { loadCorpus } from '../tools/corpus/load.ts'
import { table } from '../tools/bench/stats.ts'
import { QueryError, buildSearchIndex, loadSearchIndex, type SearchRequest } from '../tools/oracle/index.ts'

const { values } = parseArgs({
  options: { runs: { type: 'string', default: '30' }, corpus: { type: 'string', default: 'index/corpus' } },
})
const RUNS = Math.max(3, Number(values.runs) || 30)
const MAX_Q = 256

const { articles } = await loadCorpus(values.corpus as string)
const pieces = await buildSearchIndex(articles)
const engine = await loadSearchIndex(pieces)

// Real 8-letter words of the corpus, each with one letter changed: every one is a typo lookup.
const words = [
  ...new Set(
    articles.flatMap((a) =>
      a.sections.flatMap((s) => s.passages.flatMap((p) => p.text.toLowerCase().match(/\p{L}{8}/gu) ?? [])),
    ),
  ),
]
const typo = (w: string, i: number) => w.slice(0, i % 8) + (w[i % 8] === 'x' ? 'q' : 'x') + w.slice((i % 8) + 1)
const fill = (parts: string[], sep = ' ') => {
  let q = ''
  for (const p of parts) {
    if ((q + sep + p).length > MAX_Q) break
    q = q ? q + sep + p : p
  }
  return q
}
const common = ['the', 'episode', 'star', 'trek', 'deep', 'space', 'nine', 'sisko', 'dukat', 'kira', 'series', 'final']

const cases: [name: string, req: SearchRequest][] = [
  ['typical: garak cardassia', { q: 'garak cardassia', limit: 10, offset: 0 }],
  ['256 chars of typo’d 8-letter words', { q: fill(words.map(typo)), limit: 10, offset: 0 }],
  ['32 typo’d terms, deep page', { q: fill(words.slice(32, 64).map(typo)), limit: 50, offset: 500 }],
  [
    '32 common terms (large postings)',
    { q: fill(Array.from({ length: 32 }, (_, i) => common[i % common.length]!)), limit: 50, offset: 0 },
  ],
  ['32 one-letter prefixes', { q: fill('abcdefghijklmnopqrstuvwxyzabcdef'.split('')), limit: 50, offset: 0 }],
  [
    '32 phrases of common words',
    {
      q: fill(Array.from({ length: 32 }, (_, i) => `"${common[i % 12]} ${common[(i + 1) % 12]}"`)),
      limit: 50,
      offset: 0,
    },
  ],
  [
    '16 words and 16 exclusions',
    { q: fill(common.flatMap((w, i) => [w, `-${common[(i + 5) % 12]}`])), limit: 50, offset: 0 },
  ],
  [
    'operator soup',
    {
      q: fill(Array.from({ length: 80 }, (_, i) => ['-"*?%--', '"the', '-', '“star', '«trek»', '*', 'e-'][i % 7]!)),
      limit: 50,
      offset: 0,
    },
  ],
  ['one 256-letter word', { q: 'abcdefghij'.repeat(26).slice(0, MAX_Q), limit: 10, offset: 0 }],
  ['one typo’d long compound', { q: words.slice(0, 30).map(typo).join('-').slice(0, MAX_Q), limit: 10, offset: 0 }],
  ['deep offset of a broad query', { q: 'the', limit: 50, offset: 500 }],
]

/** The first search of a freshly loaded engine: no postings or decoded passages cached yet. */
async function cold(req: SearchRequest): Promise<number> {
  const samples: number[] = []
  for (let i = 0; i < Math.max(3, Math.floor(RUNS / 3)); i++) {
    const fresh = await loadSearchIndex(pieces)
    const t = performance.now()
    try {
      fresh.search(req)
    } catch (error) {
      if (!(error instanceof QueryError)) throw error
    }
    samples.push(performance.now() - t)
  }
  samples.sort((a, b) => a - b)
  return samples[Math.floor(samples.length / 2)]!
}

function time(req: SearchRequest): { median: number; worst: number; total: number | string } {
  const samples: number[] = []
  let total: number | string = 0
  for (let i = 0; i < RUNS; i++) {
    const t = performance.now()
    try {
      total = engine.search(req).total
    } catch (error) {
      if (!(error instanceof QueryError)) throw error
      total = 'QueryError'
    }
    samples.push(performance.now() - t)
  }
  samples.sort((a, b) => a - b)
  return { median: samples[Math.floor(samples.length / 2)]!, worst: samples[samples.length - 1]!, total }
}

// Warm the engine (lazily decoded passages, postings cache) the way a live isolate is warm.
for (const [, req] of cases) time(req)
const rows = []
for (const [name, req] of cases) rows.push({ name, chars: req.q.length, ...time(req), cold: await cold(req) })
const base = rows[0]!
const ms = (x: number): string => x.toFixed(3)
const times = (x: number, typical: number): string => `${(x / typical).toFixed(1)}× the typical query`
console.log(
  `wylb worst case: ${RUNS} runs each, ${articles.length} article(s). warm = median on a warm engine; ` +
    "cold = median first search of a freshly loaded engine; ratios are to the typical query's " +
    `(warm ${ms(base.median)} ms, cold ${ms(base.cold)} ms)\n`,
)
console.log(
  table(
    ['query', 'chars', 'total', 'warm ms', 'max ms', 'cold ms', 'warm ×', 'cold ×'],
    rows.map((r) => [
      r.name,
      r.chars,
      r.total,
      ms(r.median),
      ms(r.worst),
      ms(r.cold),
      (r.median / base.median).toFixed(1),
      (r.cold / base.cold).toFixed(1),
    ]),
  ),
)
const worstWarm = rows.slice(1).reduce((a, b) => (b.median > a.median ? b : a))
const worstCold = rows.slice(1).reduce((a, b) => (b.cold > a.cold ? b : a))
console.log(`\nworst warm: "${worstWarm.name}" ${ms(worstWarm.median)} ms, ${times(worstWarm.median, base.median)}`)
console.log(`worst cold: "${worstCold.name}" ${ms(worstCold.cold)} ms, ${times(worstCold.cold, base.cold)}`)
