/**
 * @module A posting's impact: what its passage scores for its term, the idf aside, as ranking weighs
 * one match (score.ts's occurrenceWeight, times the passage kind's weight). A frequent term's head and
 * tiers (./heads.ts) and FlexSearch's resolution slots (./retrieval.ts) order its passages by it, so
 * the article titled with a word is among the word's first passages: by the tf factor alone, "garak"
 * at 100 MB kept one of the seven articles with garak in the title in its best 600 passages.
 */
import { PASSAGE_KINDS } from '../model.ts'
import { FIELD_BASE, FIELD_WEIGHTS, FIELDS, fieldAt, kindWeight } from '../search/fields.ts'
import { occurrenceWeight } from '../search/score.ts'

/** By a record's kind number (section * 8 + kind, low three bits). */
const KIND_WEIGHT = Array.from({ length: 8 }, (_, k) => kindWeight(PASSAGE_KINDS[k]))
/** By field number (fieldAt). */
const FIELD_WEIGHT = FIELDS.map((field) => FIELD_WEIGHTS[field])

/** The impact of the postings record of `list` that starts at `at` (see format.ts's Postings). */
export function recordImpact(list: ArrayLike<number>, at: number, avgLength: number): number {
  const parts = list[at + 4]!
  const occurrences = parts + list[at + 5]!
  let inText = occurrences
  let field = 0
  // Its parts (three numbers each), then its joins (four), each run's positions ascending from 0 as
  // deltas; a field's positions lie past the passage's text.
  for (let k = 0, i = at + 6, pos = 0; k < occurrences; i += k < parts ? 3 : 4, k++) {
    if (k === parts) pos = 0
    pos += list[i]!
    if (pos < FIELD_BASE) continue
    inText--
    field = Math.max(field, FIELD_WEIGHT[fieldAt(pos)] ?? 0)
  }
  return KIND_WEIGHT[list[at + 2]! & 7]! * occurrenceWeight(inText, field, list[at + 1]!, avgLength)
}
