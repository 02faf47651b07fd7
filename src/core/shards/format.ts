/**
 * @module The pieces of a sharded search index and the small `meta` piece that names them, and how
 * their numbers are encoded. Every piece is content-addressed: how pieces are named, and the format
 * number the meta carries, are the storage contract's (src/core/storage).
 *
 * - term shards: sorted terms, each with its document frequency and postings (passage ordinal, the
 *   passage's length, kind and section, then every position of the term with its character offsets),
 *   and the surface vocabulary (as in the monolithic index) whose keys fall in the shard's range, so one
 *   read answers a word and the completions of a last word typed so far. A frequent term keeps only its
 *   head in the shard: its passages of highest BM25 impact, up to a byte budget; the rest (its tail) is
 *   in chunk pieces of its own, read only when the head cannot fill the page asked for.
 *   For the prefixes whose entries cross from a shard into the next, the shard they start in holds
 *   their top entries, precomputed.
 * - typo pieces, one per key length: the entries of every length within two of it (the most frequent
 *   ones only where a length has many), so one read gives the typo candidates of a word.
 * - doc blocks: consecutive passages (text, id, kind, section, article slug/title/attribution).
 * - catalog: article pages by slug (passage range, model key and hash, alias target) and by title.
 */
import type { Attribution } from '../model.ts'
import { IndexFormatError } from '../search/types.ts'
import type { VocabEntry } from '../search/vocab.ts'

/** Postings of one term (stored encoded with encodeNumbers): per passage [ordinalDelta, length, section*8+kind, parent+1, nParts, nJoins,
 *  (posDelta, startDelta, len)*nParts, (posDelta, span, startDelta, len)*nJoins]. */
export type Postings = number[]

/** Numbers in the postings record that starts at `at`: six, then three per part and four per join. */
export const recordLength = (list: ArrayLike<number>, at: number): number => 6 + 3 * list[at + 4]! + 4 * list[at + 5]!

/**
 * [term, id, df, postings] or, for a frequent term, [term, id, df, head, tail tiers]: the head holds its
 * passages of highest impact (in ordinal order), the tail the others. A term's id is a hash of the term
 * (31 bits, collisions probed in sorted order), so it stays the same across rebuilds and a new word does
 * not renumber the others (nor change every piece that holds ids).
 */
export type TermRow = [term: string, id: number, df: number, postings: string, tail?: TailTierRef[]]

/**
 * A tail tier's piece and its size in bytes: a query knows what a tier costs before it reads it, so it
 * reads only the tiers its byte budget holds.
 */
export type TailTierRef = [name: string, bytes: number]

/**
 * A term shard: its rows (by term), the vocabulary entries whose keys fall in its range (by key), and
 * the top entries of the prefixes that start in it but whose entries cross into the next shards
 * (`crossesShards`).
 */
export interface TermShard {
  rows: TermRow[]
  vocab: ShardVocabEntry[]
  tops?: Record<string, ShardVocabEntry[]>
}

/** A vocabulary entry as stored: the monolithic entry plus its term's string (to find the term's shard). */
export type ShardVocabEntry = [
  key: string,
  term: number,
  freq: number,
  display: string,
  suggest: 0 | 1,
  termString: string,
]

/** FNV-1a, 31 bits: the starting point of a term's id. */
export function termHash(term: string): number {
  let h = 0x811c9dc5
  for (let i = 0; i < term.length; i++) {
    h ^= term.charCodeAt(i)
    h = Math.imul(h, 0x01000193)
  }
  return h & 0x7fffffff
}

/** A doc block: passages [first, first + passages.length). */
export interface DocBlock {
  first: number
  articles: [slug: string, title: string, attribution: Attribution][]
  sections: [article: number, id: string, title: string][]
  passages: [id: string, section: number, kind: number, text: string][]
}

/** One article in the slug catalog: its passage range and its model's hash; or an alias. */
export type SlugRow =
  [slug: string, first: number, count: number, sha256: string, title: string] | [slug: string, target: string]

export type TitleRow = [slug: string, title: string, attribution: Attribution]

export interface ShardMeta {
  format: number
  counts: { articles: number; aliases: number; sections: number; passages: number; terms: number; vocab: number }
  avgLength: number
  /** Distinct section ids, in first-seen order (the `section` facet). */
  sections: string
  /**
   * Term shards: where each starts (a separator: the shortest prefix of its first term that sorts after
   * the previous shard's last; '' for the first), joined by spaces (see shardStarts), and their names
   * (PLACED_HASH_CHARS each; see termShardAt). Every cold isolate reads these: short prefixes in one string
   * and short hashes halve them (at 100 MB, 71 -> 40 KB). `topShards`: where the top completions of the
   * prefixes that cross shards lie, so a query reads them beside its words (see ./top-shards.ts).
   */
  terms: { first: string; names: string; topShards: string }
  /** Key length → its typo piece: the candidates of a word of that length (see TypoPiece). */
  typos: Record<string, string>
  /**
   * Doc blocks: the first passage ordinal of each (encoded deltas) and the hash part of their names
   * (packed, PLACED_HASH_CHARS each; see docBlockAt). The directory is read by every cold isolate, so it
   * is kept as two flat strings, not JSON arrays. `most`: the largest block's size in bytes (UTF-8), what
   * a query sets aside for each hit of its page when it shares out its byte budget.
   */
  docs: { first: string; names: string; most: number }
  /** Slug catalog: first slug of each page (aliases included), in slug order. */
  slugs: { first: string[]; keys: string[] }
  /** Title catalog: first sort key (folded title) of each page, and how many articles precede it. */
  titles: { first: string[]; offset: number[]; keys: string[] }
  /** Synonym groups from the corpus's synonyms file, as written (src/core/search/synonyms.ts). */
  synonyms?: string[][]
  /**
   * The article directory, by passage ordinal (facets, grouping and the category filter read it). The
   * facets of every query count the articles of up to FACET_SCAN passages, so what counting needs is
   * here (no read); titles and categories are in pieces of consecutive articles, read for the facets'
   * top articles and for the counted ones.
   */
  directory?: ArticleDirectoryMeta
}

export interface ArticleDirectoryMeta {
  /** The first passage ordinal of every article with passages, in ordinal order (encoded ascending). */
  first: string
  /** Each article's place in slug order (encodeDeltas): facets list articles of equal count by slug. */
  order: string
  /** Pieces of `per` consecutive articles' DirectoryTitle each (packed names; see ./directory.ts). */
  titles: { per: number; names: string }
  /** Pieces of `per` consecutive articles' categories each (packed names); absent when no article has one. */
  categories?: { per: number; names: string }
}

/**
 * What a word of one length may be a typo of: for each length within two of it, the entries of that
 * length, but only the most frequent ones (`typoHead` of them, in key order) where it has more; those
 * lengths are listed in `cut`. One read gives every candidate a query's typo search looks at.
 */
export interface TypoPiece {
  entries: ShardVocabEntry[]
  cut: number[]
}

export type { VocabEntry }

/** The sort key of a title in the title catalog: lower case, so `?prefix=` is case-insensitive. */
export function titleKey(title: string): string {
  return title.toLowerCase()
}

/** The last index i with list[i] <= key (or 0). */
export function shardOf(list: readonly (string | number)[], key: string | number): number {
  let lo = 0
  let hi = list.length
  while (lo < hi) {
    const mid = (lo + hi) >> 1
    if (list[mid]! <= key) lo = mid + 1
    else hi = mid
  }
  return Math.max(0, lo - 1)
}

/**
 * shardOf over a decoded list (the meta's doc-block and article starts), in a function of its own: the
 * facets look up every counted passage's article, and shardOf, which also reads lists of strings and of
 * numbers, took 157 ns a lookup in 12,668 starts where this takes 105.
 */
export function lastAtMost(list: Int32Array, key: number): number {
  let lo = 0
  let hi = list.length
  while (lo < hi) {
    const mid = (lo + hi) >> 1
    if (list[mid]! <= key) lo = mid + 1
    else hi = mid
  }
  return Math.max(0, lo - 1)
}

/** The shortest prefix of `next` that sorts after `last` (a term shard's start, see ShardMeta.terms). */
export function separator(last: string, next: string): string {
  let n = 1
  while (n < next.length && next.slice(0, n) <= last) n++
  return next.slice(0, n)
}

/**
 * Term shards' starts as the meta packs them, and back: each as one digit (how many characters it shares
 * with the previous start, up to 63) and the rest of it, joined by spaces (terms hold none; the build checks).
 */
export function packShardStarts(starts: readonly string[]): string {
  if (starts.some((s) => s.includes(' '))) throw new Error('wylb build: a term holds a space')
  return starts
    .map((start, i) => {
      const previous = i > 0 ? starts[i - 1]! : ''
      let shared = 0
      while (shared < 63 && shared < start.length && start[shared] === previous[shared]) shared++
      return DIGITS[shared] + start.slice(shared)
    })
    .join(' ')
}

export function shardStarts(terms: Pick<ShardMeta['terms'], 'first' | 'names'>): string[] {
  return terms.names.length === 0 ? [] : unpackStarts(terms.first)
}

/** Packed starts unpacked; the first must share nothing (a stretch of the list may be unpacked alone from one that does). */
export function unpackStarts(text: string): string[] {
  const starts: string[] = []
  for (const packed of text.split(' ')) {
    const previous = starts[starts.length - 1] ?? ''
    const shared = VALUE[packed.charCodeAt(0)] ?? -1
    if (shared < 0 || shared > previous.length)
      throw new IndexFormatError('search index meta has corrupt term shard starts')
    starts.push(previous.slice(0, shared) + packed.slice(1))
  }
  return starts
}

/** Whether the vocabulary entries starting with `prefix` may cross from one shard into the next. */
export function crossesShards(first: readonly string[], prefix: string): boolean {
  const i = shardOf(first, prefix)
  return i + 1 < first.length && first[i + 1]!.startsWith(prefix)
}

/** Ascending numbers as encoded deltas, and back. */
export function encodeAscending(list: readonly number[]): string {
  return encodeNumbers(list.map((n, i) => n - (i > 0 ? list[i - 1]! : 0)))
}

export const decodeAscending = (s: string): Int32Array => decodeSums(s, false)

/**
 * Numbers in any order as encoded signed deltas (zigzag: 0, -1, 1, -2 ... as 0, 1, 2, 3 ...), and back: a
 * list close to ascending by one, as the slug order of articles mostly is, costs a digit a number.
 */
export function encodeDeltas(list: readonly number[]): string {
  return encodeNumbers(list.map((n, i) => zigzag(n - (i > 0 ? list[i - 1]! : 0))))
}

/** A signed number as an unsigned one (0, -1, 1, -2 ... as 0, 1, 2, 3 ...), and back. */
export const zigzag = (d: number): number => (d >= 0 ? 2 * d : -2 * d - 1)
export const unzigzag = (z: number): number => (z % 2 === 0 ? z / 2 : -(z + 1) / 2)

export const decodeDeltas = (s: string): Int32Array => decodeSums(s, true)

/**
 * The running sums of encoded deltas (zigzag ones when `signed`), counted, then decoded into a list of
 * that size: every cold isolate decodes the meta's lists (12,668 doc blocks and 5,744 articles twice at
 * 100 MB) in its first query, where pushing onto an array allocated 650 KB of young generation, most of
 * it copies left behind as the array grew, and a fresh isolate's first query had a scavenge to pay.
 */
function decodeSums(s: string, signed: boolean): Int32Array {
  let count = 0
  for (let i = 0; i < s.length; i++) if (VALUE[s.charCodeAt(i)]! < 32) count++
  const out = new Int32Array(count)
  let at = 0
  let n = 0
  let sum = 0
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i)
    const v = c < 128 ? VALUE[c]! : -1
    if (v < 0) throw new IndexFormatError('search index postings are corrupt')
    if (v >= 32) n = n * 32 + (v - 32)
    else {
      const d = n * 32 + v
      sum += signed ? unzigzag(d) : d
      if (!(sum >= 0 && sum <= MAX_NUMBER)) throw new IndexFormatError('search index postings are corrupt')
      out[at++] = sum
      n = 0
    }
  }
  return out
}

/**
 * Postings travel as strings of variable-length base-32 digits (about half the size of JSON numbers):
 * each number, most significant digit first, digits of 32..63 meaning "more follows".
 */
const DIGITS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_'
const CODES = Uint16Array.from(DIGITS, (c) => c.charCodeAt(0))
const VALUE = new Int8Array(128).fill(-1)
for (let i = 0; i < DIGITS.length; i++) VALUE[DIGITS.charCodeAt(i)] = i

/** Every number in postings and directories fits 31 bits (ordinals, lengths, offsets, counts). */
const MAX_NUMBER = 0x7fffffff

export function encodeNumbers(list: ArrayLike<number>): string {
  if (list instanceof Int32Array) return encodeInt32(list)
  for (let i = 0; i < list.length; i++) {
    const n = list[i]!
    if (!Number.isInteger(n) || n < 0 || n > MAX_NUMBER) throw new Error(`wylb build: cannot encode ${n} in postings`)
  }
  return encodeInt32(Int32Array.from(list))
}

/** Digits of encodeInt32, grown as needed and reused (a build encodes thousands of lists). */
let digitBuffer = new Uint8Array(0)
const ASCII_CODES = Uint8Array.from(CODES)
const digitText = new TextDecoder()

/**
 * encodeNumbers of 32-bit integers (the build's postings): shifts instead of divisions, and one-byte
 * digits turned into a string at once.
 */
function encodeInt32(list: Int32Array): string {
  // A 31-bit number has at most 7 digits.
  if (digitBuffer.length < list.length * 7)
    digitBuffer = new Uint8Array(Math.max(list.length * 7, digitBuffer.length * 2))
  const codes = digitBuffer
  let at = 0
  for (let i = 0; i < list.length; i++) {
    let n = list[i]!
    if (n < 0) throw new Error(`wylb build: cannot encode ${n} in postings`)
    if (n < 32) {
      codes[at++] = ASCII_CODES[n]!
      continue
    }
    let digits = 1
    for (let m = n >>> 5; m > 0; m >>>= 5) digits++
    at += digits
    codes[at - 1] = ASCII_CODES[n & 31]!
    for (let k = at - 2; k >= at - digits; k--) {
      n >>>= 5
      codes[k] = ASCII_CODES[(n & 31) + 32]!
    }
  }
  // Digits are ASCII, so decoding them as UTF-8 gives them as they are: one native pass and one flat
  // string, where chunks of fromCharCode made a rope that hashing and JSON flattened again.
  return digitText.decode(codes.subarray(0, at))
}

/** The length of encodeNumbers(list), without making the string (a frequent term's list is megabytes). */
export function encodedLength(list: Int32Array): number {
  let length = 0
  for (let i = 0; i < list.length; i++) {
    length++
    for (let m = list[i]! >>> 5; m > 0; m >>>= 5) length++
  }
  return length
}

/**
 * Decoded as 32-bit integers: a quarter of the heap of a number array, nothing for the garbage
 * collector to scan, so the piece cache's byte estimate holds. `from`..`to`: the digits are that stretch
 * of `s` (a head inside its term shard's text, which a copy of would be garbage).
 */
export function decodeNumbers(s: string, from = 0, to = s.length): Int32Array {
  // Decoded into a buffer kept for the next list, then copied out at its size: one pass over the text,
  // where counting the numbers first took a second one (a list as long as the text, cut to size, made
  // twice the garbage a decoded list is).
  // Grown only to the longest list decoded, never doubled past it: a tail tier (the build's bigTerm, 48 K
  // digits by default) or a head; the meta's list of completion shards is shorter (5.4 K at 100 MB).
  if (decodeBuffer.length < to - from) decodeBuffer = new Int32Array(to - from)
  const out = decodeBuffer
  let at = 0
  let n = 0
  // Without a branch on whether a digit ends its number, which a list's mix of one- and two-digit
  // numbers made the CPU mispredict: every digit writes the number so far where the next number goes,
  // and a last digit moves on and starts the next from zero: 3.3 ns a digit where the branch took 4.2
  // (tail tiers at 100 MB, a third of whose digits are not a number's last).
  // 32-bit arithmetic holds: every number fits 31 bits (MAX_NUMBER).
  for (let i = from; i < to; i++) {
    const v = VALUE[s.charCodeAt(i)]!
    if (!(v >= 0)) throw new IndexFormatError('search index postings are corrupt')
    const more = v >> 5
    n = (n << 5) | (v & 31)
    out[at] = n
    at += 1 - more
    n &= -more
  }
  return out.slice(0, at)
}

/**
 * Sized for the longest list a build writes (a tail tier: 60,549 digits at most at 100 MB, for a build's
 * 48 K target) and written through when the module loads, at an isolate's start: a fresh
 * isolate's first query at 100 MB grew it from nothing, and the new memory's first touch cost that
 * query ~0.5 ms of CPU (page faults, measured in a worker thread here).
 */
let decodeBuffer = new Int32Array(64 * 1024).fill(0)
