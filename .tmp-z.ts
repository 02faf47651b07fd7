import { mulberry32, pseudoWord, Zipf } from './scripts/lib/synth.ts'
import { INFOBOX_LABELS } from './src/core/parse/infobox.ts'
const rng = mulberry32(1)
let t = performance.now()
const seen = new Set<string>(); let tries = 0
while (seen.size < 51000) { tries++; seen.add(pseudoWord(rng)) }
console.log('vocab', performance.now() - t, tries)
t = performance.now()
new Zipf(51000)
console.log('zipf', performance.now() - t)
t = performance.now(); let c = 0
for (let i = 0; i < 3500; i++) { const w = pseudoWord(rng); if (INFOBOX_LABELS.some((l) => w.startsWith(l.split(' ')[0] ?? l))) c++ }
console.log('names', performance.now() - t)
