/**
 * @module The typo pieces of a build: a word of length L is looked up in the piece of L, which holds
 * the most frequent entries (`typoHead`) of every length within two of it (the widest typo tolerance),
 * and lists the lengths it holds only the head of.
 */
import { byFrequency, compareKeys } from '../search/vocab.ts'
import type { ShardMeta, ShardVocabEntry, TypoPiece } from './format.ts'

/** How far in length a typo piece reaches: the widest tolerance (typo.ts: two edits). */
const TYPO_REACH = 2

/** Writes the typo pieces of these vocabulary entries through `put`; their names by length. */
export async function typoPieces(
  vocabEntries: ShardVocabEntry[],
  typoHead: number,
  put: (value: string) => Promise<string>,
): Promise<ShardMeta['typos']> {
  const byLength = new Map<number, ShardVocabEntry[]>()
  for (const e of vocabEntries) {
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
  const typos: ShardMeta['typos'] = {}
  for (const len of [...byLength.keys()].sort((a, b) => a - b)) {
    const entries: ShardVocabEntry[] = []
    const cut: number[] = []
    for (let l = Math.max(1, len - TYPO_REACH); l <= len + TYPO_REACH; l++) {
      entries.push(...(heads.get(l) ?? []))
      if ((byLength.get(l)?.length ?? 0) > typoHead) cut.push(l)
    }
    const piece: TypoPiece = { entries: entries.sort((a, b) => compareKeys(a[0], b[0])), cut }
    typos[len] = await put(JSON.stringify(piece))
  }
  return typos
}
