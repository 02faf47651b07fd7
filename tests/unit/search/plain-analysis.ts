/**
 * The plain analysis the builds' PassageReader stands for (what both builds ran before it): each
 * compound analysed afresh, every sighting of a word form counted with `see`. The reference the
 * fast path is checked against, never used by a build.
 */
import { SUGGEST_MAX_LEN, SUGGEST_MAX_PARTS } from '../../../src/core/search/vocab-build.ts'
import { compounds, joinsOf, type Join, type Part } from '../../../src/core/search/normalize.ts'

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

/**
 * Walks a passage's analysed words: each word part at its token position, each joined form of
 * adjacent parts (jem + hadar → jemhadar), counting every form into the vocabulary with `see`.
 * Returns the passage's length in tokens.
 */
export function analysePassage(
  text: string,
  see: ReturnType<typeof vocabCounter>,
  onPart: (part: Part, pos: number) => void,
  onJoin: (join: Join) => void,
): number {
  let pos = 0
  for (const c of compounds(text)) {
    const seen = new Set<string>()
    for (const w of c.words) {
      see(w.key, w.term, w.display, w.parts <= SUGGEST_MAX_PARTS && w.key.length <= SUGGEST_MAX_LEN)
      seen.add(w.key)
    }
    c.parts.forEach((part, i) => {
      onPart(part, pos + i)
      if (!seen.has(part.key)) see(part.key, part.term, text.slice(part.start, part.end), false)
    })
    for (const j of joinsOf(c.parts, pos)) {
      onJoin(j)
      if (!seen.has(j.key)) see(j.key, j.term, text.slice(j.start, j.end), false)
      seen.add(j.key)
    }
    pos += c.parts.length
  }
  return pos
}
