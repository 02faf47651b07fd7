import { readFileSync, writeFileSync, mkdirSync } from 'node:fs'
import { generateArticles } from './scripts/lib/synth.ts'
const seedText = readFileSync('index/corpus/what-you-leave-behind.txt', 'utf8')
mkdirSync('/tmp/wt/s3', { recursive: true })
let t = performance.now(); let n = 0
for (const a of generateArticles({ mb: 10, seed: 1, seedText })) { writeFileSync(`/tmp/wt/s3/${a.slug}.txt`, a.text); writeFileSync(`/tmp/wt/s3/${a.slug}.json`, JSON.stringify(a.sidecar, null, 2)); n += a.text.length }
console.log('sync total', performance.now() - t)
