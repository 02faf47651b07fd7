/**
 * @module Random queries as people type them, for the memory, CPU and HTTP floors of the sharded engine:
 * a word, two words, three or four, a typo, a prefix, a last word typed halfway, a quoted phrase. Words
 * are drawn from a vocabulary ranked by frequency (the real article's, which the synthetic corpora start
 * with), so most queries hit and some reach the frequent words' long postings. Same words and seed → same queries.
 */
import { mulberry32, rankWords } from '../corpus/synth.ts'

export type QueryKind = 'word' | 'two words' | 'more words' | 'typo' | 'prefix' | 'halfway' | 'phrase'

/** Each kind's share of the mix. */
export const MIX: Record<QueryKind, number> = {
  word: 0.2,
  'two words': 0.25,
  'more words': 0.1,
  typo: 0.15,
  prefix: 0.1,
  halfway: 0.1,
  phrase: 0.1,
}

/** Words a query draws from: the most frequent of the vocabulary (a stopword-free list is the caller's). */
const POOL = 1500

export interface Query {
  kind: QueryKind
  q: string
}

/** One edit of `word`: a letter replaced, two neighbours swapped or a letter dropped (never the first letter). */
function typo(word: string, rng: () => number): string {
  const at = 1 + Math.floor(rng() * (word.length - 1))
  const edit = rng()
  if (edit < 0.4) {
    const letter = String.fromCharCode(97 + Math.floor(rng() * 26))
    const replaced = word.slice(0, at) + letter + word.slice(at + 1)
    return replaced === word ? word.slice(0, at) + word.slice(at + 1) : replaced
  }
  if (edit < 0.7 && at < word.length - 1) return word.slice(0, at) + word[at + 1] + word[at] + word.slice(at + 2)
  return word.slice(0, at) + word.slice(at + 1)
}

/** A word cut after 2-4 letters, as typed so far. */
const prefixOf = (word: string, rng: () => number): string => word.slice(0, 2 + Math.floor(rng() * 3))

/** A text's words for queries, most frequent first: four letters or more, which leaves out the stopwords. */
export const vocabulary = (text: string): string[] => rankWords(text).filter((w) => w.length >= 4)

/**
 * An endless source of random queries over `words` (most frequent first; at least a few dozen).
 * @param seed same seed → same queries
 */
export function queryMix(words: string[], seed = 7): () => Query {
  if (words.length < 20) throw new Error(`wylb bench: a query mix needs at least 20 words, got ${words.length}`)
  const rng = mulberry32(seed)
  const pool = Math.min(POOL, words.length)
  const word = (): string => words[Math.floor(rng() * pool)]!
  const long = (): string => {
    for (;;) {
      const w = word()
      if (w.length >= 5) return w
    }
  }
  const kinds = Object.entries(MIX) as [QueryKind, number][]
  const make: Record<QueryKind, () => string> = {
    word,
    'two words': () => `${word()} ${word()}`,
    'more words': () => Array.from({ length: rng() < 0.6 ? 3 : 4 }, word).join(' '),
    typo: () => (rng() < 0.5 ? typo(long(), rng) : `${word()} ${typo(long(), rng)}`),
    prefix: () => prefixOf(long(), rng),
    halfway: () => `${word()} ${prefixOf(long(), rng)}`,
    phrase: () => `"${word()} ${word()}"`,
  }
  return () => {
    let r = rng()
    const kind = kinds.find(([, share]) => (r -= share) < 0)?.[0] ?? 'two words'
    return { kind, q: make[kind]() }
  }
}

/**
 * Queries no earlier call returned (the answer caches key on the query string): drawn from `next`,
 * lengthened by another word from `extra` where the draw was seen before.
 */
export function unseenQueries(next: () => Query, extra: () => Query): () => Query {
  const seen = new Set<string>()
  return () => {
    const query = next()
    while (seen.has(query.q)) query.q = `${query.q} ${extra().q.replace(/"/g, '').split(' ')[0]}`
    seen.add(query.q)
    return query
  }
}
