import { readFileSync } from 'node:fs'
import { generateArticles } from './scripts/lib/synth.ts'
const seedText = readFileSync('index/corpus/what-you-leave-behind.txt', 'utf8')
for (let k = 0; k < 2; k++) {
let t = performance.now(); let n = 0
for (const a of generateArticles({ mb: 10, seed: 1, seedText })) n += a.text.length
console.log('gen', n, ((performance.now() - t) / 1000).toFixed(2))
}
