/**
 * `npm run corpus:synth -- --mb 100 [--seed 1] [--out bench/corpora/synth-100mb]`: writes a deterministic synthetic
 * corpus in the format of `index/corpus` (same seed → same bytes), its vocabulary grown from the real articles.
 */
import { readdir, readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import { writeSynthCorpus } from '../tools/corpus/synth.ts'

/** The real articles (as tools/corpus/load.ts; not imported here: it loads the wikitext parser). */
const DEFAULT_CORPUS = 'index/corpus'

const { values } = parseArgs({
  options: {
    mb: { type: 'string', default: '10' },
    seed: { type: 'string', default: '1' },
    out: { type: 'string' },
    vocab: { type: 'string', default: DEFAULT_CORPUS },
  },
})
const mb = Number(values.mb)
const seed = Number(values.seed)
if (!Number.isFinite(mb) || mb <= 0) throw new Error(`wylb: --mb must be a positive number, got ${values.mb}`)
if (!Number.isInteger(seed)) throw new Error(`wylb: --seed must be an integer, got ${values.seed}`)
const out = values.out ?? `bench/corpora/synth-${mb}mb${seed === 1 ? '' : `-seed${seed}`}`

// The real articles' words seed the vocabulary; read in name order so the output stays deterministic.
const vocabDir = values.vocab as string
const files = (await readdir(vocabDir)).filter((f) => f.endsWith('.txt')).sort()
const seedText = (await Promise.all(files.map((f) => readFile(join(vocabDir, f), 'utf8')))).join('\n')

const cpu = process.cpuUsage()
const s = await writeSynthCorpus(out, { mb, seed, seedText })
const { user, system } = process.cpuUsage(cpu)
const cpuSeconds = (user + system) / 1e6
console.log(
  `wylb: synthesized ${s.articles} article(s), ${(s.bytes / 1e6).toFixed(2)} MB of text ` +
    `(+${(s.sidecarBytes / 1e6).toFixed(2)} MB sidecars) in ${s.seconds.toFixed(2)} s ` +
    `(${(s.bytes / 1e6 / s.seconds).toFixed(1)} MB/s; ${cpuSeconds.toFixed(2)} s of CPU, ` +
    `${(s.bytes / 1e6 / cpuSeconds).toFixed(1)} MB per CPU-second), seed ${seed} → ${out}`,
)
