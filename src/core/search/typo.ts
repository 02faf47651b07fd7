/** @module Typo tolerance: bounded Damerau (optimal string alignment) distance and the tolerance rule. */

/** Edit distance with adjacent transpositions, or `max + 1` as soon as it must exceed `max`. */
export function editDistance(a: string, b: string, max: number): number {
  const n = a.length
  const m = b.length
  if (Math.abs(n - m) > max) return max + 1
  if (n === 0 || m === 0) return Math.max(n, m)
  let prev2 = new Array<number>(m + 1).fill(0)
  let prev = Array.from({ length: m + 1 }, (_, j) => j)
  let cur = new Array<number>(m + 1).fill(0)
  for (let i = 1; i <= n; i++) {
    cur[0] = i
    let rowMin = i
    for (let j = 1; j <= m; j++) {
      const cost = a.charCodeAt(i - 1) === b.charCodeAt(j - 1) ? 0 : 1
      let v = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + cost)
      if (i > 1 && j > 1 && a.charCodeAt(i - 1) === b.charCodeAt(j - 2) && a.charCodeAt(i - 2) === b.charCodeAt(j - 1)) {
        v = Math.min(v, prev2[j - 2]! + 1)
      }
      cur[j] = v
      if (v < rowMin) rowMin = v
    }
    if (rowMin > max) return max + 1
    ;[prev2, prev, cur] = [prev, cur, prev2]
  }
  return prev[m]!
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
