/**
 * @module The terms a build checks itself on: a few of every frequency band (df 1, 2-9, 10-99,
 * 100-999, 1000 and more) and the most frequent term (its tail chunks), each with the passages the
 * in-memory postings give it; and the most frequent long word (a typo of it must still be found).
 */
import { termHash } from './format.ts'

export interface SampledTerm {
  term: string
  df: number
  /** The passages holding the term, ascending, as the build's in-memory postings hold them. */
  ordinals: Int32Array
}

const BANDS = [1, 10, 100, 1000, Infinity]
const PER_BAND = 4
/** Picks terms by hash, so the sample spreads over the vocabulary and stays the same build to build. */
const PICK = 7

function ordinalsOf(list: Int32Array, df: number): Int32Array {
  const out = new Int32Array(df)
  let ordinal = 0
  let n = 0
  for (let i = 0; i < list.length; i += 6 + 3 * list[i + 4]! + 4 * list[i + 5]!) out[n++] = ordinal += list[i]!
  return out.subarray(0, n)
}

export class TermSample {
  private readonly bands: SampledTerm[][] = BANDS.map(() => [])
  private top: SampledTerm | undefined
  private long: { word: string; freq: number } | undefined

  /** Sees one term with its postings (ordinal-delta records, as PostingsBuilder lists them). */
  offer(term: string, df: number, list: Int32Array): void {
    const band = this.bands[BANDS.findIndex((upper) => df <= upper)]!
    if (band.length < PER_BAND && termHash(term) % PICK === 0) band.push({ term, df, ordinals: ordinalsOf(list, df) })
    // The list is the builder's buffer, reused for the next term: read it now.
    if (!this.top || df > this.top.df) this.top = { term, df, ordinals: ordinalsOf(list, df) }
  }

  /** Sees one vocabulary word (a surface form, as people type it) and how often it occurs. */
  offerWord(word: string, freq: number): void {
    if (word.length >= 6 && /^[a-z]+$/.test(word) && (!this.long || freq > this.long.freq)) this.long = { word, freq }
  }

  /** Every sampled term, the most frequent last. */
  terms(): SampledTerm[] {
    const top = this.top
    const sampled = this.bands.flat().filter((s) => s.term !== top?.term)
    return top ? [...sampled, top] : sampled
  }

  /** The most frequent word of six letters or more, which a one-letter typo must still find. */
  longWord(): string | undefined {
    return this.long?.word
  }
}
