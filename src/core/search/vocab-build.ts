/**
 * @module How both index builds (whole and sharded) read a passage: its analysed words in order, and
 * the vocabulary they gather from it — every indexed word form with its term, how often it occurs,
 * whether it may be offered as a completion, and the spellings it was seen in (the most frequent
 * becomes the one suggestions show).
 */
import { analyzeCompound, eachCompound, joinsOf, type Join, type Part } from './normalize.ts'

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

/** One call of `see`. */
interface Sighting {
  key: string
  term: string
  display: string
  suggest: boolean
}

/**
 * What one compound gives a passage, whatever its place: offsets from the compound's start, token
 * positions from its first part. A form's sighting is null when the compound already counted its key.
 */
interface Walk {
  words: Sighting[]
  parts: { part: Part; sighting: Sighting | null }[]
  joins: { join: Join; sighting: Sighting | null }[]
}

/** Text follows Zipf's law: nearly every compound was walked before, so its walk is reused. */
const walks = new Map<string, Walk | null>()
/** Bounds the memory of `walks` on any corpus; refilling after a clear is cheap. */
const MAX_WALKS = 200_000

function walkOf(raw: string): Walk | null {
  let walk = walks.get(raw)
  if (walk === undefined) {
    // A match is a slice of its passage: a key of its own keeps the passage from being retained.
    const own = (' ' + raw).slice(1)
    walk = planWalk(own)
    if (walks.size >= MAX_WALKS) walks.clear()
    walks.set(own, walk)
  }
  return walk
}

function planWalk(raw: string): Walk | null {
  const c = analyzeCompound(raw, 0)
  if (!c) return null
  const seen = new Set(c.words.map((w) => w.key))
  const sighting = (f: Part | Join): Sighting | null =>
    seen.has(f.key) ? null : { key: f.key, term: f.term, display: raw.slice(f.start, f.end), suggest: false }
  return {
    words: c.words.map((w) => ({
      key: w.key,
      term: w.term,
      display: w.display,
      suggest: w.parts <= SUGGEST_MAX_PARTS && w.key.length <= SUGGEST_MAX_LEN,
    })),
    // Parts are not added to `seen`: a part repeated in one compound is counted each time.
    parts: c.parts.map((part) => ({ part, sighting: sighting(part) })),
    joins: joinsOf(c.parts, 0).map((join) => {
      const s = sighting(join)
      seen.add(join.key)
      return { join, sighting: s }
    }),
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
  eachCompound(text, (raw, offset) => {
    const walk = walkOf(raw)
    if (!walk) return
    for (const w of walk.words) see(w.key, w.term, w.display, w.suggest)
    for (let i = 0; i < walk.parts.length; i++) {
      const { part, sighting } = walk.parts[i]!
      onPart({ key: part.key, term: part.term, start: offset + part.start, end: offset + part.end }, pos + i)
      if (sighting) see(sighting.key, sighting.term, sighting.display, sighting.suggest)
    }
    for (const { join, sighting } of walk.joins) {
      const { key, term, span } = join
      onJoin({ key, term, pos: pos + join.pos, span, start: offset + join.start, end: offset + join.end })
      if (sighting) see(sighting.key, sighting.term, sighting.display, sighting.suggest)
    }
    pos += walk.parts.length
  })
  return pos
}
