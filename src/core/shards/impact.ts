/**
 * @module A posting's impact: what its passage scores for its term, the idf aside (as score.ts's
 * matchUnit weighs one alternative): BM25's tf factor over the passage's own text, plus the weight of
 * the best field the term is in (title, alias, heading, article), times the passage kind's weight.
 * A frequent term's head and tiers (./heads.ts) and FlexSearch's resolution slots (./retrieval.ts)
 * order its passages by it, so the article titled with a word is among the word's first passages:
 * by the tf factor alone, "garak" at 100 MB kept one of the seven articles with garak in the title
 * in its best 600 passages.
 */
import { PASSAGE_KINDS } from '../model.ts'
import { FIELD_BASE, FIELD_WEIGHTS, FIELDS, kindWeight } from '../search/fields.ts'
import { tfNorm } from '../search/score.ts'

/** By a record's kind number (section * 8 + kind, low three bits). */
const KIND_WEIGHT = Array.from({ length: 8 }, (_, k) => kindWeight(PASSAGE_KINDS[k]))
/** By field number (position / FIELD_BASE - 1). */
const FIELD_WEIGHT = FIELDS.map((field) => FIELD_WEIGHTS[field])

/** The impact of the postings record of `list` that starts at `at` (see format.ts's Postings). */
export function recordImpact(list: ArrayLike<number>, at: number, avgLength: number): number {
  const parts = list[at + 4]!
  const joins = list[at + 5]!
  let inText = parts + joins
  let field = 0
  // Positions ascend, a field's past the text: only a part or join starting at FIELD_BASE or later
  // is in a field, and those come last.
  let pos = 0
  for (let k = 0, i = at + 6; k < parts; k++, i += 3) {
    pos += list[i]!
    if (pos >= FIELD_BASE) {
      inText--
      field = Math.max(field, FIELD_WEIGHT[(pos / FIELD_BASE - 1) >> 0] ?? 0)
    }
  }
  pos = 0
  for (let k = 0, i = at + 6 + 3 * parts; k < joins; k++, i += 4) {
    pos += list[i]!
    if (pos >= FIELD_BASE) {
      inText--
      field = Math.max(field, FIELD_WEIGHT[(pos / FIELD_BASE - 1) >> 0] ?? 0)
    }
  }
  const text = inText > 0 ? tfNorm(inText, list[at + 1]!, avgLength) : 0
  return KIND_WEIGHT[list[at + 2]! & 7]! * (text + field)
}
