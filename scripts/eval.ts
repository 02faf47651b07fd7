/**
 * `npm run eval`: our engine against MiniSearch and Orama on the judged queries
 * (tests/relevance/queries.json): hit@3 and MRR@10 per engine, then our misses.
 */
import { allAdapters, evaluate, loadJudged, timeQueries } from './lib/relevance.ts'

const judged = await loadJudged()
const { adapters, ours } = await allAdapters()
const scores = await Promise.all(adapters.map((a) => evaluate(a, judged)))
const timing = await timeQueries(adapters, judged.map((j) => j.q), 10)

console.log(`${judged.length} judged queries; our index pieces: ${ours.bytes} bytes\n`)
console.log('engine       hit@3   MRR@10   mean µs/query   p95 µs')
scores.forEach((s, i) => {
  const t = timing[i]!
  console.log(
    `${s.name.padEnd(12)} ${s.hitAt3.toFixed(3)}   ${s.mrrAt10.toFixed(3)}    ${t.meanUs.toFixed(0).padStart(8)}   ${t.p95Us.toFixed(0).padStart(8)}`,
  )
})
const mine = scores[0]!
console.log(`\nmisses of ${mine.name} (${mine.misses.length}):`)
for (const m of mine.misses) console.log(`  ${JSON.stringify(m.q)} expected ${m.expect}, got ${m.got.join(', ') || 'nothing'}`)
const beaten = scores.slice(1).every((s) => mine.hitAt3 > s.hitAt3 || (mine.hitAt3 === s.hitAt3 && mine.mrrAt10 > s.mrrAt10))
if (mine.hitAt3 < 0.95 || !beaten) {
  console.error(`\n${mine.name} must reach hit@3 ≥ 0.95 and beat every peer`)
  process.exitCode = 1
}
