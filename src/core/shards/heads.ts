/**
 * @module A frequent term's postings cut in two: the head, kept in its term shard, holds its passages
 * of highest BM25 impact; the tail goes to chunk pieces of its own, read only when the heads cannot
 * fill a page (see engine.ts).
 */
import { tfNorm } from '../search/rank.ts'
import { encodeNumbers } from './format.ts'

/**
 * Splits a frequent term's postings: the head, its passages of highest impact (ties: reading order)
 * up to about `budget` characters, and the tail, the others; both in ordinal order, deltas restarted.
 */
export function splitByImpact(list: Int32Array, budget: number, avgLength: number): { head: Int32Array; tail: Int32Array } {
  const at = recordStarts(list)
  const impacts = new Float64Array(at.length)
  for (let r = 0; r < at.length; r++) impacts[r] = tfNorm(list[at[r]! + 4]! + list[at[r]! + 5]!, list[at[r]! + 1]!, avgLength)
  const ranked = new Uint32Array(at.length)
  for (let r = 0; r < ranked.length; r++) ranked[r] = r
  // Records in reading order are ordinal order, so ties break on the index.
  // A comparator returning a fraction allocates a number per comparison: compare, don't subtract.
  ranked.sort((a, b) => (impacts[b]! > impacts[a]! ? 1 : impacts[b]! < impacts[a]! ? -1 : a - b))
  const inHead = new Uint8Array(at.length)
  let size = 0
  let taken = 0
  let headLength = 0
  for (const r of ranked) {
    // About 1.6 characters a number once encoded (most are small deltas).
    size += recordLength(list, at[r]!) * 1.6
    if (size > budget && taken > 0) break
    inHead[r] = 1
    taken++
    headLength += recordLength(list, at[r]!)
  }
  const head = new Int32Array(headLength)
  const tail = new Int32Array(list.length - headLength)
  let h = 0
  let t = 0
  let ordinal = 0
  let lastHead = 0
  let lastTail = 0
  for (let r = 0; r < at.length; r++) {
    const i = at[r]!
    const end = i + recordLength(list, i)
    ordinal += list[i]!
    if (inHead[r]) {
      head[h++] = ordinal - lastHead
      for (let k = i + 1; k < end; k++) head[h++] = list[k]!
      lastHead = ordinal
    } else {
      tail[t++] = ordinal - lastTail
      for (let k = i + 1; k < end; k++) tail[t++] = list[k]!
      lastTail = ordinal
    }
  }
  return { head, tail }
}

/** Where each record of a postings list starts. */
function recordStarts(list: Int32Array): Int32Array {
  let count = 0
  for (let i = 0; i < list.length; i += recordLength(list, i)) count++
  const at = new Int32Array(count)
  for (let i = 0, r = 0; i < list.length; i += recordLength(list, i)) at[r++] = i
  return at
}

/** Numbers in the postings record at `i`: six, then three per occurrence and four per join. */
function recordLength(list: Int32Array, i: number): number {
  return 6 + 3 * list[i + 4]! + 4 * list[i + 5]!
}

/** Cuts a big term's postings at passage boundaries; each chunk restarts its ordinal deltas. */
export async function chunkPostings(list: Int32Array, target: number, put: (v: string) => Promise<string>): Promise<string[]> {
  const out: string[] = []
  let i = 0
  let ordinal = 0
  while (i < list.length) {
    const start = i
    const first = ordinal + list[i]!
    let size = 0
    while (i < list.length && size < target) {
      ordinal += list[i]!
      const n = recordLength(list, i)
      size += n * 1.5
      i += n
    }
    const chunk = list.slice(start, i)
    chunk[0] = first
    out.push(await put(encodeNumbers(chunk)))
  }
  return out
}

