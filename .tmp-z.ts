import { mulberry32, Zipf } from './scripts/lib/synth.ts'
const rng = mulberry32(1); const z = new Zipf(100000)
const vocab = Array.from({ length: 100000 }, (_, i) => 'w' + i.toString(36))
let t = performance.now(); let total = 0
for (let a = 0; a < 1000; a++) { let s = ''; for (let i = 0; i < 8000; i++) s += ' ' + vocab[z.sample(rng)]; total += Buffer.byteLength(s) }
console.log('concat', performance.now() - t, total / 1e6)
t = performance.now(); let x = 0
for (let i = 0; i < 8e6; i++) x += z.sample(rng)
console.log('zipf only 8M', performance.now() - t)
