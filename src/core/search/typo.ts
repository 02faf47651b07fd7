/** @module Typo tolerance: bounded Damerau (optimal string alignment) distance and the tolerance rule. */

// Three rows reused across calls: the typo scan calls this for hundreds of vocabulary words per
// query, and allocating fresh rows each time was most of its cost.
let rows = [new Int32Array(64), new Int32Array(64), new Int32Array(64)]

/** Edit distance with adjacent transpositions, or `max + 1` as soon as it must exceed `max`. */
export function editDistance(a: string, b: string, max: number): number {
  const n = a.length
  const m = b.length
  if (Math.abs(n - m) > max) return max + 1
  if (n === 0 || m === 0) return Math.max(n, m)
  if (rows[0]!.length < m + 1) rows = [new Int32Array(2 * m + 2), new Int32Array(2 * m + 2), new Int32Array(2 * m + 2)]
  let [prev2, prev, cur] = rows as [Int32Array, Int32Array, Int32Array]
  for (let j = 0; j <= m; j++) prev[j] = j
  for (let i = 1; i <= n; i++) {
    cur[0] = i
    let rowMin = i
    const ai = a.charCodeAt(i - 1)
    const ai1 = i > 1 ? a.charCodeAt(i - 2) : -1
    for (let j = 1; j <= m; j++) {
      const bj = b.charCodeAt(j - 1)
      const cost = ai === bj ? 0 : 1
      let v = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + cost)
      if (i > 1 && j > 1 && ai === b.charCodeAt(j - 2) && ai1 === bj) v = Math.min(v, prev2[j - 2]! + 1)
      cur[j] = v
      if (v < rowMin) rowMin = v
    }
    if (rowMin > max) return max + 1
    ;[prev2, prev, cur] = [prev, cur, prev2]
  }
  return prev[m]!
}

/**
 * The characters of a folded word as a 32-bit set (a–z one bit each; other characters share the
 * remaining bits). Collisions only make `maskBound` smaller, so it stays a lower bound. Both bits are
 * computed for every character: the warm-up's words are all a–z, and the arithmetic of the other
 * branch, never run, deoptimized a fresh isolate's first typo search at the first candidate with a
 * digit or an accent ("siskp prophts" at 100 MB).
 */
export function letterMask(s: string): number {
  let mask = 0
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i)
    const letter = c - 97
    const other = 26 + (c % 6)
    mask |= 1 << (letter >= 0 && letter <= 25 ? letter : other)
  }
  return mask
}

function popcount(x: number): number {
  x -= (x >>> 1) & 0x55555555
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333)
  return (((x + (x >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24
}

/**
 * A lower bound on the edit distance of two words from their letter masks: every edit removes at
 * most one distinct character of one word that the other lacks. Lets the typo scan skip most
 * words without running the dynamic program.
 */
export function maskBound(a: number, b: number): number {
  return Math.max(popcount(a & ~b), popcount(b & ~a))
}

/**
 * How many edits a word may be away: 1 from 5 letters, 2 from 8; a 4-letter word that is not in
 * the vocabulary at all may still use 1 (fans type "Worf" as "Warf").
 */
export function tolerance(key: string, known: boolean): number {
  const n = key.length
  if (n >= 8) return 2
  if (n >= 5) return 1
  if (n === 4 && !known) return 1
  return 0
}

/** The looser tolerance of "did you mean" (only offered when it finds more). */
export function suggestionTolerance(key: string): number {
  const n = key.length
  return n >= 5 ? 2 : n >= 3 ? 1 : 0
}

/** Candidates a did-you-mean weighs per unknown word. */
export const SUGGESTION_CAP = 16
