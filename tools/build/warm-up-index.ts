/**
 * @module The index the Worker warms its query path over when an isolate starts (src/core/engine/warm-up.ts):
 * a few synthetic articles built with pieces so small that its queries take every path a large index makes
 * them take (a frequent word's head and tail tiers, a typo piece that keeps only its most frequent words,
 * completions in other shards, several articles for the facets), and of its pieces only those the queries
 * read. Deterministic: the same build code gives the same bytes, which tests/unit/shards/warm-up.test.ts
 * checks against the committed file.
 */
import { readFile } from 'node:fs/promises'
import { parseArticle } from '../../src/core/parse/index.ts'
import { buildShards, type ShardOptions } from '../../src/core/shards/build.ts'
import { warmUp, type WarmUpIndex } from '../../src/core/engine/warm-up.ts'
import { generateArticles } from '../corpus/synth.ts'
import { FIXTURE_SLUG } from '../corpus/fixture.ts'

export const WARM_UP_INDEX_FILE = 'src/core/engine/warm-up-index.json'

/**
 * Pieces a fraction of a large build's, so 80 KB of text spreads over them as 100 MB spreads over its own.
 * Heads of 2 KB, not smaller, so that the loops over a head run long enough for V8 to optimize them: the
 * first query at 100 MB after the warm-up took a median 7.2 ms of CPU over 12 fresh isolates, 10.0 ms with
 * heads of 256 B (30 KB of text), 8.3 ms with heads of 4 KB (150 KB, a 284 KB index).
 */
const PIECES: ShardOptions = {
  termShard: 4096,
  headBytes: 2048,
  bigTerm: 1024,
  typoHead: 8,
  docBlock: 1024,
  catalogPage: 512,
  directory: { titles: 2, categories: 4 },
}

/** Each kind of query of the isolate bench's mix (tools/bench/query-mix.ts), and the request options the API passes. */
const SEARCHES: WarmUpIndex['searches'] = [
  { q: 'the' },
  { q: 'sisko' },
  { q: 'sisko dax' },
  { q: 'sisko dukat odo weyoun' },
  { q: 'garak of' },
  { q: 'siskp' },
  { q: 'sisko d' },
  { q: 'the wa' },
  { q: '"the dominion"' },
  { q: 'sisko -dax' },
  { q: 'who directed new' },
  { q: 'the', offset: 20 },
  { q: 'sisko', group: 'article' },
]

const SUGGESTS = ['s', 'sis', 'the d']

export async function makeWarmUpIndex(): Promise<WarmUpIndex> {
  const seedText = await readFile(new URL(`../../index/corpus/${FIXTURE_SLUG}.txt`, import.meta.url), 'utf8')
  const articles = [...generateArticles({ mb: 0.08, seed: 11, seedText })].map((a) =>
    parseArticle(a.text, a.sidecar, a.slug),
  )
  const all = new Map<string, string>()
  const build = await buildShards(articles, {}, (name, value) => void all.set(name, value), PIECES)
  const read = new Set<string>()
  const recording = new Proxy(Object.fromEntries(all), {
    get: (pieces, name: string) => (read.add(name), pieces[name]),
  })
  await warmUp({ meta: build.metaName, pieces: recording, searches: SEARCHES, suggests: SUGGESTS }, 1)
  const pieces = Object.fromEntries(
    [...read]
      .filter((name) => all.has(name))
      .sort()
      .map((n) => [n, all.get(n)!]),
  )
  return { meta: build.metaName, searches: SEARCHES, suggests: SUGGESTS, pieces }
}

/** The index as the committed file holds it: one piece a line, so a rebuild's diff shows what changed. */
export const warmUpIndexJson = (index: WarmUpIndex): string => JSON.stringify(index, null, 2) + '\n'
