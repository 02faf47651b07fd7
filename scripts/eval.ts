/**
 * `npm run eval`: our engine against MiniSearch and Orama on two judged sets: the default article
 * alone (tests/relevance/queries.json) and the default article among real-style articles
 * (tests/relevance/multi-queries.json over tests/relevance/wiki-export.xml, its redirects and
 * synonyms): hit@3 and MRR@10 per engine and set, then our misses.
 */
import { readSynonyms } from '../tools/corpus/load.ts'
import {
  MULTI_EXPORT,
  MULTI_QUERIES,
  adaptersOver,
  allAdapters,
  evaluate,
  loadJudged,
  multiCorpus,
  timeQueries,
  type Adapter,
  type Judged,
} from '../tools/relevance/evaluate.ts'

/** The floors: hit@3 on each set. */
const FLOORS = { single: 0.95, multi: 0.98 }

async function run(
  label: string,
  judged: Judged[],
  adapters: Adapter[],
  bytes: number,
  floor: number,
): Promise<boolean> {
  const scores = await Promise.all(adapters.map((a) => evaluate(a, judged)))
  const timing = await timeQueries(
    adapters,
    judged.map((j) => j.q),
    10,
  )
  console.log(`\n${label}: ${judged.length} judged queries; our index pieces: ${bytes} bytes\n`)
  console.log('engine       hit@3   MRR@10   mean µs/query   p95 µs')
  scores.forEach((s, i) => {
    const t = timing[i]!
    const times = `${t.meanUs.toFixed(0).padStart(8)}   ${t.p95Us.toFixed(0).padStart(8)}`
    console.log(`${s.name.padEnd(12)} ${s.hitAt3.toFixed(3)}   ${s.mrrAt10.toFixed(3)}    ${times}`)
  })
  const mine = scores[0]!
  console.log(`\nmisses of ${mine.name} (${mine.misses.length}):`)
  for (const m of mine.misses)
    console.log(`  ${JSON.stringify(m.q)} expected ${m.expect}, got ${m.got.join(', ') || 'nothing'}`)
  const beaten = scores
    .slice(1)
    .every((s) => mine.hitAt3 > s.hitAt3 || (mine.hitAt3 === s.hitAt3 && mine.mrrAt10 > s.mrrAt10))
  if (mine.hitAt3 < floor || !beaten) {
    console.error(`\n${label}: ${mine.name} must reach hit@3 ≥ ${floor} and beat every peer`)
    return false
  }
  return true
}

const single = await allAdapters()
const multi = await adaptersOver(await multiCorpus(), await readSynonyms(MULTI_EXPORT))
const ok = [
  await run('default article', await loadJudged(), single.adapters, single.ours.bytes, FLOORS.single),
  await run(
    'default article among real-style articles',
    await loadJudged(MULTI_QUERIES),
    multi.adapters,
    multi.ours.bytes,
    FLOORS.multi,
  ),
]
if (!ok.every(Boolean)) process.exitCode = 1
