import { readFileSync } from 'node:fs'
import { generateArticles } from './scripts/lib/synth.ts'
const seedText = readFileSync('index/corpus/what-you-leave-behind.txt', 'utf8')
const c0 = process.cpuUsage(); let t = performance.now(); let n = 0
for (const a of generateArticles({ mb: 50, seed: 1, seedText })) n += a.text.length
const c = process.cpuUsage(c0)
console.log('gen 50MB wall', (performance.now() - t).toFixed(0), 'cpu user', c.user / 1000, 'sys', c.system / 1000)
