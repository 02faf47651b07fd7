/**
 * @module How both index builds (whole and sharded) read a passage: its analysed words in order, and
 * the vocabulary they gather from it — every indexed word form with its term, how often it occurs,
 * whether it may be offered as a completion, and the spellings it was seen in (the most frequent
 * becomes the one suggestions show).
 */
import { grown } from '../grown.ts'
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

/**
 * Bounds the memory of a PassageReader's table on any corpus. A clear is not cheap: every compound met
 * again is resolved again (3 clears cost a 100 MB corpus a quarter of its analysis), so the bound sits
 * well above the 268,000 distinct compounds of 100 MB of text.
 */
const MAX_RECORDS = 1_000_000

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
interface CompoundRecord {
  parts: number[]
  joins: number[]
  spellings: Spelling[]
  /** Its length in tokens (parts). */
  length: number
}

/** Where a reading reports each occurrence of a term (positions and offsets in the passage). */
export interface Occurrences {
  part(term: number, pos: number, start: number, length: number): void
  join(term: number, pos: number, span: number, start: number, length: number): void
}

/**
 * Numbers per entry in PassageReader.info: where its text is in `chars`, its length, its term if it is a
 * plain word (else -1), its sightings not yet counted.
 */
const INFO = 4
const AT = 0
const LENGTH = 1
const PLAIN = 2
const SEEN = 3

/**
 * Reads a build's passages, its vocabulary counted in place: each distinct compound is resolved
 * once (term ids, word forms, spellings), so a repeated one costs a single lookup by its text.
 */
export class PassageReader {
  /** Word form (key) → its counts, but for the sightings the table still holds (see `vocabulary`). */
  private readonly forms = new Map<string, FormCount>()
  /**
   * The compounds seen: an open-addressing table of [hash, entry + 1] pairs, probed by a hash of the
   * text's slice of the passage (finding a compound seen before makes no string), over entries kept in
   * typed arrays (their text, and all a plain word needs, in one place each), so a lookup touches few
   * cache lines. It grows with the corpus, so a small one's probes stay in cache.
   */
  private slots = new Int32Array(2 * FIRST_TABLE_SIZE)
  private info = new Int32Array(INFO * FIRST_TABLE_SIZE)
  private chars = new Uint16Array(8 * FIRST_TABLE_SIZE)
  private charsUsed = 0
  /** Per entry: its record (null: not a compound at all), read to report a compound of more than one part and to count spellings. */
  private records: (CompoundRecord | null)[] = []

  constructor(private readonly termId: (term: string) => number) {}

  /** Reports each term occurrence of `text` to `to`; returns its length in tokens. */
  read(text: string, to: Occurrences): number {
    let pos = 0
    for (let start = compoundStart(text, 0), end: number; start < text.length; start = compoundStart(text, end)) {
      end = compoundEnd(text, start)
      const at = this.entryOf(text, start, end) * INFO
      const info = this.info
      const plain = info[at + PLAIN]!
      if (plain >= 0) {
        info[at + SEEN]!++
        to.part(plain, pos, start, end - start)
        pos++
        continue
      }
      const c = this.records[at / INFO]
      if (!c) continue
      info[at + SEEN]!++
      const { parts, joins } = c
      for (let i = 0; i < parts.length; i += 4)
        to.part(parts[i]!, pos + parts[i + 1]!, start + parts[i + 2]!, parts[i + 3]!)
      for (let i = 0; i < joins.length; i += 5)
        to.join(joins[i]!, pos + joins[i + 1]!, joins[i + 2]!, start + joins[i + 3]!, joins[i + 4]!)
      pos += c.length
    }
    return pos
  }

  /** Word form (key) → its counts, every sighting so far counted; the reader keeps (and goes on counting in) it. */
  vocabulary(): Map<string, FormCount> {
    this.countAll()
    return this.forms
  }

  private countAll(): void {
    const info = this.info
    for (let e = 0; e < this.records.length; e++) {
      const seen = info[e * INFO + SEEN]!
      if (seen === 0) continue
      for (const s of this.records[e]!.spellings) s.n += seen
      info[e * INFO + SEEN] = 0
    }
  }

  private entryOf(text: string, start: number, end: number): number {
    const h = hashOf(text, start, end)
    const slots = this.slots
    const info = this.info
    const chars = this.chars
    const length = end - start
    const mask = slots.length / 2 - 1
    for (let slot = h & mask; ; slot = (slot + 1) & mask) {
      const entry = slots[2 * slot + 1]! - 1
      if (entry < 0) return this.add(h, text, start, end)
      if (slots[2 * slot] !== h || info[entry * INFO + LENGTH] !== length) continue
      const from = info[entry * INFO + AT]!
      let i = 0
      while (i < length && chars[from + i] === text.charCodeAt(start + i)) i++
      if (i === length) return entry
    }
  }

  private add(h: number, text: string, start: number, end: number): number {
    if (this.records.length >= MAX_RECORDS) {
      this.countAll()
      this.slots.fill(0)
      this.records = []
      this.charsUsed = 0
    } else if (2 * (this.records.length + 1) > this.slots.length / 2) this.grow()
    const raw = text.slice(start, end)
    const c = PLAIN_WORD.test(raw) && !CAMEL_STEP.test(raw) ? this.plainWord(raw) : this.resolve(planWalk(raw))
    const entry = this.records.length
    this.records.push(c)
    if ((entry + 1) * INFO > this.info.length) this.info = grown(this.info, (entry + 1) * INFO)
    if (this.charsUsed + raw.length > this.chars.length) this.chars = grown(this.chars, this.charsUsed + raw.length)
    for (let i = 0; i < raw.length; i++) this.chars[this.charsUsed + i] = raw.charCodeAt(i)
    const at = entry * INFO
    this.info[at + AT] = this.charsUsed
    this.info[at + LENGTH] = raw.length
    this.info[at + PLAIN] = c && isPlain(c, raw.length) ? c.parts[0]! : -1
    this.info[at + SEEN] = 0
    this.charsUsed += raw.length
    this.place(this.slots, h, entry + 1)
    return entry
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
    return {
      parts: [this.termId(term), 0, 0, raw.length],
      joins: NO_JOINS,
      spellings: [this.spelling(sighting)],
      length: 1,
    }
  }

  private resolve(walk: Walk | null): CompoundRecord | null {
    if (!walk) return null
    const parts = walk.parts.flatMap(({ part }, i) => [this.termId(part.term), i, part.start, part.end - part.start])
    const joins = walk.joins.flatMap(({ join }) => [
      this.termId(join.term),
      join.pos,
      join.span,
      join.start,
      join.end - join.start,
    ])
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

/** Whether a record is one part covering the whole compound, and nothing else: read without it. */
function isPlain(c: CompoundRecord, length: number): boolean {
  return (
    c.length === 1 &&
    c.joins.length === 0 &&
    c.parts.length === 4 &&
    c.parts[1] === 0 &&
    c.parts[2] === 0 &&
    c.parts[3] === length
  )
}
