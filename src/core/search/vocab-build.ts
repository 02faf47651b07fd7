/**
 * @module How both index builds (whole and sharded) read a passage: its analysed words in order, and
 * the vocabulary they gather from it — every indexed word form with its term, how often it occurs,
 * whether it may be offered as a completion, and the spellings it was seen in (the most frequent
 * becomes the one suggestions show).
 */
import { analyzeCompound, compoundEnd, compoundStart, joinsOf, stem, type Join, type Part } from './normalize.ts'

/** Words longer than this, or of more pieces, are indexed but never offered as completions. */
export const SUGGEST_MAX_LEN = 24
export const SUGGEST_MAX_PARTS = 3

/** One sighting of a word form: its key, term, spelling and whether it may be offered as a completion. */
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

/** Bounds the memory of a PassageReader's table on any corpus; refilling after a clear is cheap. */
const MAX_RECORDS = 200_000

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

/** One spelling of a word form and how often a build saw it. */
export interface Spelling {
  display: string
  n: number
}

/** A word form as one build counts it: its spellings in the order first seen (ties go to the first). */
export interface FormCount {
  term: number
  suggest: boolean
  spellings: Spelling[]
}

/** A form's frequency and its most frequent spelling (ties: the first seen). */
export function usage(form: FormCount): { freq: number; display: string } {
  let freq = 0
  let best = form.spellings[0]!
  for (const s of form.spellings) {
    freq += s.n
    if (s.n > best.n) best = s
  }
  return { freq, display: best.display }
}

/**
 * A compound of one ASCII word with no inner capital after a small letter: one part, no joins, its
 * key the word in lower case (see analyzeCompound).
 */
const PLAIN_WORD = /^[A-Za-z0-9]+$/
const CAMEL_STEP = /[a-z][A-Z]/
const NO_JOINS: number[] = []

/** Slots of PassageReader's table at first (a power of two). */
const FIRST_TABLE_SIZE = 1 << 12

/** FNV-1a of text[start, end). */
function hashOf(text: string, start: number, end: number): number {
  let h = 0x811c9dc5
  for (let i = start; i < end; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193)
  return h
}

/**
 * A compound as one build records it, its terms resolved to the build's ids: per part [term, pos,
 * start, length], per join [term, pos, span, start, length] (positions and offsets from the compound's
 * own), and the spellings it counts, one entry per sighting.
 */
export interface CompoundRecord {
  parts: number[]
  joins: number[]
  spellings: Spelling[]
  /** Its length in tokens (parts). */
  length: number
}

/**
 * Reads a build's passages, its vocabulary counted in place: each distinct compound is resolved
 * once (term ids, word forms, spellings), so a repeated one costs a single lookup by its text.
 */
export class PassageReader {
  /** Word form (key) → its counts. */
  readonly forms = new Map<string, FormCount>()
  /**
   * The records by compound text: an open-addressing table of [hash, entry + 1] pairs, probed by a hash
   * of the text's slice of the passage (finding a compound seen before makes no string), over dense
   * lists of entries. It grows with the corpus, so a small one's probes stay in cache.
   */
  private slots = new Int32Array(2 * FIRST_TABLE_SIZE)
  private raws: string[] = []
  private records: (CompoundRecord | null)[] = []

  constructor(private readonly termId: (term: string) => number) {}

  /** Calls `record` with each compound of `text`, its offset and token position; returns the length in tokens. */
  read(text: string, record: (c: CompoundRecord, offset: number, pos: number) => void): number {
    let pos = 0
    for (let start = compoundStart(text, 0), end = 0; start < text.length; start = compoundStart(text, end)) {
      end = compoundEnd(text, start)
      const c = this.recordOf(text, start, end)
      if (!c) continue
      for (const s of c.spellings) s.n++
      record(c, start, pos)
      pos += c.length
    }
    return pos
  }

  private recordOf(text: string, start: number, end: number): CompoundRecord | null {
    const h = hashOf(text, start, end)
    const slots = this.slots
    const mask = slots.length / 2 - 1
    for (let slot = h & mask; ; slot = (slot + 1) & mask) {
      const entry = slots[2 * slot + 1]! - 1
      if (entry < 0) return this.add(h, text.slice(start, end))
      const raw = this.raws[entry]!
      if (slots[2 * slot] === h && raw.length === end - start && text.startsWith(raw, start)) return this.records[entry]!
    }
  }

  private add(h: number, raw: string): CompoundRecord | null {
    if (this.raws.length >= MAX_RECORDS) {
      this.slots.fill(0)
      this.raws = []
      this.records = []
    } else if (2 * (this.raws.length + 1) > this.slots.length / 2) this.grow()
    // A slice keeps its passage alive: the table keeps a copy of its own.
    const own = (' ' + raw).slice(1)
    const c = PLAIN_WORD.test(own) && !CAMEL_STEP.test(own) ? this.plainWord(own) : this.resolve(planWalk(own))
    this.raws.push(own)
    this.records.push(c)
    this.place(this.slots, h, this.raws.length)
    return c
  }

  /** Doubles the table (kept at most half full). */
  private grow(): void {
    const old = this.slots
    this.slots = new Int32Array(old.length * 2)
    for (let i = 0; i < old.length; i += 2) if (old[i + 1] !== 0) this.place(this.slots, old[i]!, old[i + 1]!)
  }

  private place(slots: Int32Array, h: number, entry: number): void {
    const mask = slots.length / 2 - 1
    let slot = h & mask
    while (slots[2 * slot + 1] !== 0) slot = (slot + 1) & mask
    slots[2 * slot] = h
    slots[2 * slot + 1] = entry
  }

  /** What resolve(planWalk(raw)) gives a word of one part (most words), without the general analysis. */
  private plainWord(raw: string): CompoundRecord {
    const key = raw.toLowerCase()
    const term = stem(key)
    const sighting = { key, term, display: raw, suggest: key.length <= SUGGEST_MAX_LEN }
    return { parts: [this.termId(term), 0, 0, raw.length], joins: NO_JOINS, spellings: [this.spelling(sighting)], length: 1 }
  }

  private resolve(walk: Walk | null): CompoundRecord | null {
    if (!walk) return null
    const parts = walk.parts.flatMap(({ part }, i) => [this.termId(part.term), i, part.start, part.end - part.start])
    const joins = walk.joins.flatMap(({ join }) => [this.termId(join.term), join.pos, join.span, join.start, join.end - join.start])
    // Words, then parts, then joins: a form's spellings are listed in the order a reading first meets them.
    const sightings = [...walk.words, ...walk.parts.map((p) => p.sighting), ...walk.joins.map((j) => j.sighting)]
    const spellings: Spelling[] = []
    for (const s of sightings) if (s) spellings.push(this.spelling(s))
    return { parts, joins, spellings, length: walk.parts.length }
  }

  private spelling({ key, term, display, suggest }: Sighting): Spelling {
    let form = this.forms.get(key)
    if (!form) this.forms.set(key, (form = { term: this.termId(term), suggest: false, spellings: [] }))
    // Set when the compound is resolved, which is just before its first sighting is counted.
    if (suggest) form.suggest = true
    let s = form.spellings.find((x) => x.display === display)
    if (!s) form.spellings.push((s = { display, n: 0 }))
    return s
  }
}
