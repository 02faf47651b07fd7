/**
 * @module A frequent term's postings cut into impact tiers: the head, kept in its term shard, holds
 * its passages of highest impact (./impact.ts); the next tiers go to pieces of their own, read best
 * first and only when the heads cannot fill a page (see src/core/engine/plan.ts). They are FlexSearch's
 * resolution slots made into pieces: a query reads a frequent term's first tiers, never all of them.
 */
import { recordLength } from './format.ts'
import { recordImpact } from './impact.ts'

/**
 * Cuts a frequent term's postings into impact tiers: the head, its passages of highest impact (ties:
 * reading order) up to about `headBudget` characters, then tiers of about `tierBudget` characters each,
 * every one holding the passages of highest impact among those left. Each tier is in ordinal order with
 * its deltas restarted, so reading the first k tiers reads the term's best passages: a query bounded
 * to a few tiers answers from the best of a stopword's million passages, not from an arbitrary slice.
 */
export function tiersByImpact(
  list: Int32Array,
  headBudget: number,
  tierBudget: number,
  avgLength: number,
): Int32Array[] {
  const at = recordStarts(list)
  const impacts = new Float64Array(at.length)
  for (let r = 0; r < at.length; r++) impacts[r] = recordImpact(list, at[r]!, avgLength)
  const ranked = new Uint32Array(at.length)
  for (let r = 0; r < ranked.length; r++) ranked[r] = r
  // Records in reading order are ordinal order, so ties break on the index.
  // A comparator returning a fraction allocates a number per comparison: compare, don't subtract.
  ranked.sort((a, b) => (impacts[b]! > impacts[a]! ? 1 : impacts[b]! < impacts[a]! ? -1 : a - b))
  const tierOf = new Uint16Array(at.length)
  const lengths: number[] = [0]
  let size = 0
  let tier = 0
  for (const r of ranked) {
    const n = recordLength(list, at[r]!)
    // About 1.6 characters a number once encoded (most are small deltas).
    size += n * 1.6
    if (size > (tier === 0 ? headBudget : tierBudget) && lengths[tier]! > 0) {
      tier++
      lengths.push(0)
      size = n * 1.6
    }
    tierOf[r] = tier
    lengths[tier]! += n
  }
  const tiers = lengths.map((n) => new Int32Array(n))
  const filled = new Int32Array(tiers.length)
  const last = new Int32Array(tiers.length)
  let ordinal = 0
  for (let r = 0; r < at.length; r++) {
    const i = at[r]!
    const t = tierOf[r]!
    const out = tiers[t]!
    ordinal += list[i]!
    let o = filled[t]!
    out[o++] = ordinal - last[t]!
    for (let k = i + 1, end = i + recordLength(list, i); k < end; k++) out[o++] = list[k]!
    filled[t] = o
    last[t] = ordinal
  }
  return tiers
}

/** Where each record of a postings list starts. */
function recordStarts(list: Int32Array): Int32Array {
  let count = 0
  for (let i = 0; i < list.length; i += recordLength(list, i)) count++
  const at = new Int32Array(count)
  for (let i = 0, r = 0; i < list.length; i += recordLength(list, i)) at[r++] = i
  return at
}
