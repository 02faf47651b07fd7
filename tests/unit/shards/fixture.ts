/** A corpus small enough for both engines: the real article plus a few synthetic ones, and a sharded build of it in memory. */
import { readFile } from 'node:fs/promises'
import type { Article } from '../../../src/core/model.ts'
import { parseArticle } from '../../../src/core/parse/index.ts'
import { buildShards, type ShardOptions } from '../../../src/core/shards/build.ts'
import { openShardedSearch, type ShardedSearch } from '../../../src/core/engine/engine.ts'
import { fixtureCorpus } from '../../../tools/corpus/fixture.ts'
import { generateArticles } from '../../../tools/corpus/synth.ts'

export async function smallCorpus(mb = 0.15, seed = 1): Promise<Article[]> {
  const real = (await fixtureCorpus()).articles
  const seedText = await readFile('index/corpus/what-you-leave-behind.txt', 'utf8')
  const synth = [...generateArticles({ mb, seed, seedText })].map((a) => parseArticle(a.text, a.sidecar, a.slug))
  return [...real, ...synth]
}

const CYRILLIC: Record<string, string> = Object.fromEntries(
  [...'abcdefghijklmnopqrstuvwxyz'].map((letter, i) => [letter, 'абцдефгхийклмнопярстувшжыз'[i]!]),
)

/** A word or text in the Cyrillic letters the cyrillic corpus writes it in: two bytes a letter in UTF-8. */
export const inCyrillic = (text: string): string => text.replace(/[a-z]/g, (letter) => CYRILLIC[letter]!)

/**
 * Synthetic articles whose paragraphs (their lines longer than 80 characters: not headings, infobox rows
 * or references) are written in Cyrillic letters, as a wiki in Russian or Greek takes about twice the
 * bytes of its characters.
 */
export async function cyrillicCorpus(mb = 0.15, seed = 1): Promise<Article[]> {
  const seedText = await readFile('index/corpus/what-you-leave-behind.txt', 'utf8')
  return [...generateArticles({ mb, seed, seedText })].map((a) => {
    const text = a.text
      .split('\n')
      .map((line) => (line.length > 80 ? inCyrillic(line) : line))
      .join('\n')
    return parseArticle(text, a.sidecar, a.slug)
  })
}

/** Small shard sizes so even a small corpus spreads over many pieces (and big-term chunks). */
export const TINY: ShardOptions = {
  termShard: 2048,
  headBytes: 1e9,
  bigTerm: 4096,
  typoHead: 1e9,
  docBlock: 2048,
  catalogPage: 512,
}

export async function shardedOf(
  articles: Article[],
  aliases: Record<string, string> = {},
  options: ShardOptions = TINY,
  /** The engine's bounds; by default a last word's completions may read every shard (as the monolithic engine does). */
  engineOptions: { maxTailChunks?: number; maxPrefixShards?: number; maxScored?: number; coldQueryBytes?: number } = {},
): Promise<{ engine: ShardedSearch; pieces: Map<string, string>; reads: string[]; metaName: string }> {
  const pieces = new Map<string, string>()
  const build = await buildShards(articles, aliases, (name, value) => void pieces.set(name, value), options)
  const reads: string[] = []
  const engine = await openShardedSearch(
    async (name) => {
      reads.push(name)
      const v = pieces.get(name)
      if (v === undefined) throw new Error(`no piece ${name}`)
      return v
    },
    build.metaName,
    { maxPrefixShards: Infinity, ...engineOptions },
  )
  return { engine, pieces, reads, metaName: build.metaName }
}
