/**
 * @module The build checks itself before anything points at it: it reads its own pieces back (as
 * the Worker will, through the FlexSearch KV adapter and the engine) and compares a sample of queries
 * with the in-memory index it wrote them from: terms of every frequency band, a phrase from a stored
 * passage, a typo of a frequent word. A difference fails the build and names the query, so a build
 * whose pieces would search as an empty or partial index is never uploaded.
 */
import { Index } from 'flexsearch'
import { KvStorage } from '../core/flexsearch-kv/index.ts'
import { openShardedSearch } from '../core/engine/engine.ts'
import type { DocBlock, ShardMeta } from '../core/shards/format.ts'
import { docBlockAt } from '../core/storage/keys.ts'
import { SLOTS } from '../core/shards/retrieval.ts'
import { ShardTermSource } from '../core/shards/term-source.ts'
import type { TermSample } from '../core/shards/term-sample.ts'

export class SelfCheckError extends Error {
  constructor(query: string, problem: string) {
    super(
      `wylb build: self-check failed on the query ${JSON.stringify(query)}: ${problem}. Nothing was written ` +
        'to point at this build; rebuild, and report it if it happens again.',
    )
    this.name = 'SelfCheckError'
  }
}

export interface SelfCheck {
  /** The queries checked, in order. */
  queries: string[]
}

const encode = (text: string): string[] => text.split(' ').filter((t) => t.length > 0)

/** Replaces the third letter, so the word is one edit away from a word the index holds. */
function typoOf(word: string): string {
  const c = word[2] === 'x' ? 'z' : 'x'
  return word.slice(0, 2) + c + word.slice(3)
}

/** Three consecutive plain words (no punctuation between them) from the longest passage of the first doc block. */
function phraseOf(block: DocBlock): { q: string; id: string; article: string } | undefined {
  const passage = [...block.passages].sort((a, b) => b[3].length - a[3].length)[0]
  if (!passage) return undefined
  const words = passage[3].split(/\s+/)
  const plain = (i: number) => /^\p{L}{3,}$/u.test(words[i] ?? '')
  const starts = words.map((_, i) => i).filter((i) => plain(i) && plain(i + 1) && plain(i + 2))
  const at = starts[starts.length >> 1]
  if (at === undefined) return undefined
  const article = block.articles[block.sections[passage[1]]![0]]![0]
  return { q: `"${words.slice(at, at + 3).join(' ')}"`, id: passage[0], article }
}

export async function selfCheck(
  meta: ShardMeta,
  metaName: string,
  sample: TermSample,
  /** Reads a piece back from where the build wrote it. */
  read: (name: string) => Promise<string>,
): Promise<SelfCheck> {
  const queries: string[] = []
  const index = new Index({ tokenize: 'strict', encode, resolution: SLOTS, cache: false })
  await index.mount(new KvStorage(new ShardTermSource(meta, read)) as never)
  for (const { term, df, ordinals } of sample.terms()) {
    queries.push(term)
    const found = ((await index.search(term, { limit: df + 1 })) as number[]).sort((a, b) => a - b)
    if (found.length !== ordinals.length || found.some((o, i) => o !== ordinals[i])) {
      throw new SelfCheckError(
        term,
        `the stored pieces give ${found.length} passages, the index built from the corpus ${ordinals.length}`,
      )
    }
  }
  const engine = await openShardedSearch(read, metaName, { maxTailChunks: Infinity, coldQueryBytes: Infinity })
  // The first doc block starts at passage 0.
  const firstBlock = docBlockAt(meta.docs.names, [0], 0)
  const phrase = firstBlock ? phraseOf(JSON.parse(await read(firstBlock)) as DocBlock) : undefined
  if (phrase) {
    queries.push(phrase.q)
    const answer = await engine.search({ q: phrase.q, limit: 100, offset: 0, article: phrase.article })
    if (!answer.results.some((hit) => hit.id === phrase.id))
      throw new SelfCheckError(phrase.q, `the passage ${phrase.id} that holds it is not found`)
  }
  const long = sample.longWord()
  if (long) {
    const typo = typoOf(long)
    queries.push(typo)
    const answer = await engine.search({ q: typo, limit: 10, offset: 0 })
    if (answer.total === 0) throw new SelfCheckError(typo, `nothing is found, though "${long}" is one edit away`)
  }
  return { queries }
}
