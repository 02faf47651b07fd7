/**
 * @module The vocabulary as both index builds (whole and sharded) gather it: every indexed word form
 * with its term, how often it occurs, whether it may be offered as a completion, and the spellings
 * it was seen in (the most frequent becomes the one suggestions show).
 */

/** Words longer than this, or of more pieces, are indexed but never offered as completions. */
export const SUGGEST_MAX_LEN = 24
export const SUGGEST_MAX_PARTS = 3

export interface VocabAcc {
  term: number
  freq: number
  suggest: boolean
  displays: Map<string, number>
}

/** A `see(key, term, display, suggest)` that counts one sighting of a word form into `vocab`. */
export function vocabCounter(vocab: Map<string, VocabAcc>, termId: (term: string) => number) {
  return (key: string, term: string, display: string, suggest: boolean): void => {
    let v = vocab.get(key)
    if (!v) vocab.set(key, (v = { term: termId(term), freq: 0, suggest: false, displays: new Map() }))
    v.freq++
    if (suggest) v.suggest = true
    v.displays.set(display, (v.displays.get(display) ?? 0) + 1)
  }
}
