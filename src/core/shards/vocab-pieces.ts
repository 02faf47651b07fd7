/**
 * @module What the build stores of the vocabulary beside the term shards: the typo pieces, one per key
 * length, and the top entries of the prefixes whose entries cross from one shard into the next.
 */
import { byFrequency, compareKeys, firstAtOrAfter } from '../search/vocab.ts'
import { crossesShards, shardOf, type ShardVocabEntry, type TypoPiece } from './format.ts'

/** How far in length a typo piece reaches: the widest tolerance (typo.ts: two edits). */
const TYPO_REACH = 2

/**
 * The typo pieces, by key length ascending: a word of length L is looked up in the piece of L, which
 * holds the head (the `typoHead` most frequent entries) of every length within two of it.
 */
export function typoPieces(vocab: readonly ShardVocabEntry[], typoHead: number): Map<number, TypoPiece> {
  const byLength = new Map<number, ShardVocabEntry[]>()
  for (const e of vocab) {
    let list = byLength.get(e[0].length)
    if (!list) byLength.set(e[0].length, (list = []))
    list.push(e)
  }
  const heads = new Map<number, ShardVocabEntry[]>()
  for (const [len, list] of byLength) {
    const top = list.length <= typoHead ? list : [...list].sort(byFrequency).slice(0, typoHead)
    heads.set(
      len,
      top.sort((a, b) => compareKeys(a[0], b[0])),
    )
  }
  const pieces = new Map<number, TypoPiece>()
  for (const len of [...byLength.keys()].sort((a, b) => a - b)) {
    const entries: ShardVocabEntry[] = []
    const cut: number[] = []
    for (let l = Math.max(1, len - TYPO_REACH); l <= len + TYPO_REACH; l++) {
      entries.push(...(heads.get(l) ?? []))
      if ((byLength.get(l)?.length ?? 0) > typoHead) cut.push(l)
    }
    pieces.set(len, { entries: entries.sort((a, b) => compareKeys(a[0], b[0])), cut })
  }
  return pieces
}

/**
 * Per term shard, the top entries of each prefix that starts in it but whose entries cross into the
 * next shards, precomputed so a completion reads one shard.
 */
export function crossingTops(
  first: readonly string[],
  vocab: ShardVocabEntry[],
  topAll: number,
  topSuggest: number,
): Map<number, Record<string, ShardVocabEntry[]>> {
  const candidates = new Set<string>()
  for (const f of first) for (let n = 1; n <= f.length; n++) candidates.add(f.slice(0, n))
  const tops = new Map<number, Record<string, ShardVocabEntry[]>>()
  for (const prefix of [...candidates].sort(compareKeys)) {
    if (!crossesShards(first, prefix)) continue
    const g = shardOf(first, prefix)
    let group = tops.get(g)
    if (!group) tops.set(g, (group = {}))
    group[prefix] = topEntries(vocab, prefix, topAll, topSuggest)
  }
  return tops
}

/** The entries with `prefix` that `Vocabulary.prefixed` could return under the caps (its sort order). */
function topEntries(sorted: ShardVocabEntry[], prefix: string, topAll: number, topSuggest: number): ShardVocabEntry[] {
  const all: ShardVocabEntry[] = []
  for (let i = firstAtOrAfter(sorted, prefix); i < sorted.length && sorted[i]![0].startsWith(prefix); i++)
    all.push(sorted[i]!)
  all.sort(byFrequency)
  const keep = new Set(all.slice(0, topAll))
  let n = 0
  for (const e of all) {
    if (n >= topSuggest) break
    if (e[4] === 1) {
      keep.add(e)
      n++
    }
  }
  return [...keep].sort((a, b) => compareKeys(a[0], b[0]))
}
