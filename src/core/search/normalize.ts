/**
 * @module Text analysis shared by the build and the query side: folding (case, diacritics,
 * punctuation), tokenizing into parts with their character offsets, joins of adjacent parts
 * (so Jem'Hadar = Jem Hadar = jemhadar = JEM-HADAR) and Porter stemming.
 */
import { stemmer } from 'stemmer'

/** Characters that bind word pieces into one compound when they sit between letters or digits. */
const CONNECTOR = "'’ʼ‘`´\\-‐‑‒–—./_&·"
const APOSTROPHES = /['’ʼ‘`´]/
const POSSESSIVE = /['’ʼ‘`´][sS]$/u
const DASHES = /[‐‑‒–—]/
const COMPOUND = new RegExp(`[\\p{L}\\p{N}\\p{M}]+(?:[${CONNECTOR}][\\p{L}\\p{N}\\p{M}]+)*`, 'gu')
/**
 * COMPOUND, UPPER and LOWER for ASCII text, where letters, digits and marks are [A-Za-z0-9]: V8 builds a
 * Unicode property class when the expression first runs, ~2 ms of a fresh isolate's first query for
 * these three, and nearly every query is ASCII.
 */
const ASCII = /^[^\u0080-\uffff]*$/
const ASCII_COMPOUND = new RegExp(`[A-Za-z0-9]+(?:[${CONNECTOR}][A-Za-z0-9]+)*`, 'g')
const WORD_SPLIT = new RegExp(`[${CONNECTOR.replace(/['’ʼ‘`´]/g, '')}]`, 'u')
/** The longest join of adjacent parts indexed (beside the whole compound). */
const MAX_JOIN = 4
/** A compound is cut into at most this many parts (a guard against pathological input). */
export const MAX_PARTS = 16

const SPECIAL: Record<string, string> = {
  ß: 'ss',
  æ: 'ae',
  œ: 'oe',
  ø: 'o',
  đ: 'd',
  ł: 'l',
  þ: 'th',
  ð: 'd',
  ı: 'i',
  ŋ: 'n',
}
const SPECIAL_RE = /[ßæœøđłþðıŋ]/g

const PLAIN = /^[A-Za-z0-9]*$/

/** Lower case, no diacritics, compatibility forms unfolded, only letters and digits left. */
export function fold(s: string): string {
  // Nearly every word is plain ASCII, which the Unicode steps below would leave as it is.
  if (PLAIN.test(s)) return s.toLowerCase()
  return s
    .normalize('NFKD')
    .toLowerCase()
    .replace(SPECIAL_RE, (c) => SPECIAL[c] ?? c)
    .replace(/[^\p{L}\p{N}]/gu, '')
}

const stemCache = new Map<string, string>()
/** Porter stem of a folded word; words holding digits are kept as they are. */
export function stem(folded: string): string {
  if (folded.length < 3 || /\d/.test(folded)) return folded
  let s = stemCache.get(folded)
  if (s === undefined) {
    s = stemmer(folded)
    if (stemCache.size > 50_000) stemCache.clear()
    stemCache.set(folded, s)
  }
  return s
}

/** One finest piece of a compound: `Jem`, `Hadar`, `Breen`. */
export interface Part {
  /** Folded text (no stem). */
  key: string
  /** Stemmed index term. */
  term: string
  start: number
  end: number
}

/** A word between whitespace/hyphens, apostrophes dropped: `jemhadar` for `Jem'Hadar`; possessive 's removed. */
export interface Word {
  key: string
  term: string
  /** The original text, e.g. `Jem'Hadar`. */
  display: string
  start: number
  end: number
  /** Parts of this word (camel case and apostrophe pieces). */
  parts: number
}

export interface Compound {
  parts: Part[]
  words: Word[]
  /** Folded word keys joined with the connector that separated them: `pah-wraith`, `3.5/4`. */
  canonical: string
}

const UPPER = /\p{Lu}/u
const LOWER = /\p{Ll}/u
const ASCII_UPPER = /[A-Z]/
const ASCII_LOWER = /[a-z]/

/** Splits `HadarBreenCardassian` into `Hadar`, `Breen`, `Cardassian` (lower → upper boundaries). */
function camelPieces(seg: string, offset: number): { text: string; start: number }[] {
  const ascii = ASCII.test(seg)
  const upper = ascii ? ASCII_UPPER : UPPER
  const lower = ascii ? ASCII_LOWER : LOWER
  // Most words (and nearly every query) have no inner capital: one piece, without a per-letter regex.
  if (!upper.test(seg)) return [{ text: seg, start: offset }]
  const out: { text: string; start: number }[] = []
  let from = 0
  // Code unit by code unit: a capital outside the BMP (a surrogate pair) never starts a piece.
  for (let i = 1; i < seg.length; i++) {
    if (upper.test(seg[i] as string) && lower.test(seg[i - 1] as string)) {
      out.push({ text: seg.slice(from, i), start: offset + from })
      from = i
    }
  }
  out.push({ text: seg.slice(from), start: offset + from })
  return out
}

/** Analyzes one compound (a match of COMPOUND) found at `offset`. */
export function analyzeCompound(raw: string, offset: number): Compound | null {
  const parts: Part[] = []
  const words: Word[] = []
  const canon: string[] = []
  let pos = 0
  let pendingSep = ''
  for (const w of raw.split(WORD_SPLIT)) {
    const wStart = offset + pos
    const sepChar = raw[pos + w.length] ?? ''
    pos += w.length + 1
    // Possessive: Sisko's → Sisko; O'Brien's → O'Brien.
    const text = w.replace(POSSESSIVE, '')
    if (!text) continue
    const wordParts: Part[] = []
    // Rendering: apostrophe pieces stay together, camel pieces are marked with '-' so "JemHadar" ≠ "jemhadar".
    const rendered: string[] = []
    let segPos = 0
    for (const seg of text.split(APOSTROPHES)) {
      const keys: string[] = []
      for (const piece of camelPieces(seg, wStart + segPos)) {
        const key = fold(piece.text)
        if (!key) continue
        keys.push(key)
        if (parts.length + wordParts.length < MAX_PARTS) {
          wordParts.push({ key, term: stem(key), start: piece.start, end: piece.start + piece.text.length })
        }
      }
      if (keys.length > 0) rendered.push(keys.join('-'))
      segPos += seg.length + 1
    }
    if (wordParts.length === 0) continue
    const key = wordParts.map((p) => p.key).join('')
    words.push({
      key,
      term: stem(key),
      display: text,
      start: wStart,
      end: wStart + text.length,
      parts: wordParts.length,
    })
    canon.push(pendingSep + rendered.join("'"))
    pendingSep = DASHES.test(sepChar) ? '-' : sepChar
    parts.push(...wordParts)
  }
  if (parts.length === 0) return null
  return { parts, words, canonical: canon.join('') }
}

/** Every compound of `text`, in order, with offsets into `text`. */
export function compounds(text: string): Compound[] {
  const out: Compound[] = []
  eachCompound(text, (raw, offset) => {
    const c = analyzeCompound(raw, offset)
    if (c) out.push(c)
  })
  return out
}

/** Calls `fn` with each compound (a match of COMPOUND) of `text` and its offset, in order. */
export function eachCompound(text: string, fn: (raw: string, offset: number) => void): void {
  for (const m of text.matchAll(ASCII.test(text) ? ASCII_COMPOUND : COMPOUND)) fn(m[0], m.index ?? 0)
}

/** Classes of a UTF-16 code unit for the scan below; 0 is not yet known. */
const WORD = 1
const LINK = 2
const OTHER = 3
const HIGH_SURROGATE = 4
const WORD_CHAR = /^[\p{L}\p{N}\p{M}]$/u
const LINK_CHAR = new RegExp(`^[${CONNECTOR}]$`, 'u')
const unitClasses = new Uint8Array(0x10000)

function unitClass(c: number): number {
  let k = unitClasses[c]!
  if (k === 0) unitClasses[c] = k = classOf(c)
  return k
}

function classOf(c: number): number {
  if (c >= 0xd800 && c <= 0xdbff) return HIGH_SURROGATE
  const ch = String.fromCharCode(c)
  // A letter that is a connector too (ʼ) is a letter, as COMPOUND's greedy runs take it.
  return WORD_CHAR.test(ch) ? WORD : LINK_CHAR.test(ch) ? LINK : OTHER
}

/** Code units of the letter, digit or mark at `i` (a code point, as COMPOUND's `u` flag reads it); 0 if none. */
function wordWidth(text: string, i: number): number {
  if (i >= text.length) return 0
  const k = unitClass(text.charCodeAt(i))
  if (k === WORD) return 1
  if (k !== HIGH_SURROGATE) return 0
  const cp = text.codePointAt(i)!
  return cp > 0xffff && WORD_CHAR.test(String.fromCodePoint(cp)) ? 2 : 0
}

/**
 * Where the next compound of `text` at or after `from` (a code point boundary) starts, text.length if
 * none: the index of COMPOUND's next match, found without a match object or a slice.
 */
export function compoundStart(text: string, from: number): number {
  for (let i = from; i < text.length; i++) {
    const k = unitClass(text.charCodeAt(i))
    if (k === WORD) return i
    if (k === HIGH_SURROGATE) {
      if (wordWidth(text, i) > 0) return i
      // A pair is one code point: the scan never stops between its halves.
      if (text.codePointAt(i)! > 0xffff) i++
    }
  }
  return text.length
}

/** Where the compound starting at `start` ends: runs of letters, digits and marks, one connector between runs. */
export function compoundEnd(text: string, start: number): number {
  let i = start
  for (;;) {
    for (let w = wordWidth(text, i); w > 0; w = wordWidth(text, i)) i += w
    if (i >= text.length || unitClass(text.charCodeAt(i)) !== LINK) return i
    const next = wordWidth(text, i + 1)
    if (next === 0) return i
    i += 1 + next
  }
}

/** A join of adjacent parts of one compound, indexed at the position of its first part. */
export interface Join {
  key: string
  term: string
  pos: number
  span: number
  start: number
  end: number
}

/** Joins of 2..MAX_JOIN adjacent parts, and the whole compound when longer. */
export function joinsOf(parts: Part[], firstPos: number): Join[] {
  const out: Join[] = []
  const n = parts.length
  for (let i = 0; i < n; i++) {
    for (let len = 2; i + len <= n; len++) {
      if (len > MAX_JOIN && !(i === 0 && len === n)) continue
      const slice = parts.slice(i, i + len)
      const key = slice.map((p) => p.key).join('')
      out.push({ key, term: stem(key), pos: firstPos + i, span: len, start: slice[0]!.start, end: slice[len - 1]!.end })
    }
  }
  return out
}

/** Query-side stem of a word key (a compound's parts joined). */
export function termOf(key: string): string {
  return stem(key)
}
