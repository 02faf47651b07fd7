/**
 * A posting's impact is what its passage scores for its term, the idf aside: the order a frequent
 * term's head, tiers and FlexSearch's slots keep its passages in.
 */
import { describe, expect, it } from 'vitest'
import { PASSAGE_KINDS } from '../../../src/core/model.ts'
import { FIELD_BASE, FIELDS } from '../../../src/core/search/fields.ts'
import { tfNorm } from '../../../src/core/search/score.ts'
import { recordImpact } from '../../../src/core/shards/impact.ts'

const AVG = 40
const kind = (k: (typeof PASSAGE_KINDS)[number]) => PASSAGE_KINDS.indexOf(k)
const deltas = (positions: number[]) => positions.map((p, i) => p - (positions[i - 1] ?? 0))
/** A record of one passage: its length, kind and the term's positions as parts, then as joins (compounds). */
function record(length: number, k: number, positions: number[], joins: number[] = []): number[] {
  return [
    ...[0, length, k, 0, positions.length, joins.length],
    ...deltas(positions).flatMap((d) => [d, 0, 4]),
    ...deltas(joins).flatMap((d) => [d, 2, 0, 9]),
  ]
}
const fieldPosition = (field: (typeof FIELDS)[number]) => FIELD_BASE * (FIELDS.indexOf(field) + 1)

describe('recordImpact', () => {
  it("is BM25's tf factor over the passage's own text", () => {
    expect(recordImpact(record(40, kind('paragraph'), [3, 9]), 0, AVG)).toBeCloseTo(tfNorm(2, 40, AVG))
  })

  it('adds the weight of the best field the term is in, counting no field as text', () => {
    const text = recordImpact(record(40, kind('paragraph'), [3]), 0, AVG)
    const titled = recordImpact(record(40, kind('paragraph'), [3, fieldPosition('title')]), 0, AVG)
    const titleOnly = recordImpact(record(40, kind('paragraph'), [fieldPosition('title')]), 0, AVG)
    expect(titled).toBeCloseTo(text + 5)
    expect(titleOnly).toBeCloseTo(5)
    const headed = recordImpact(record(40, kind('paragraph'), [3, fieldPosition('heading')]), 0, AVG)
    expect(headed).toBeCloseTo(text + 2)
  })

  it('counts a compound (a join) as a part is counted, in the text or in a field', () => {
    const twice = recordImpact(record(40, kind('paragraph'), [3, 9]), 0, AVG)
    expect(recordImpact(record(40, kind('paragraph'), [3], [9]), 0, AVG)).toBeCloseTo(twice)
    const titled = recordImpact(record(40, kind('paragraph'), [3], [fieldPosition('title')]), 0, AVG)
    expect(titled).toBeCloseTo(recordImpact(record(40, kind('paragraph'), [3]), 0, AVG) + 5)
  })

  it("weighs the passage's kind as ranking does", () => {
    const body = recordImpact(record(40, kind('paragraph'), [3]), 0, AVG)
    expect(recordImpact(record(40, kind('reference'), [3]), 0, AVG)).toBeCloseTo(0.6 * body)
    expect(recordImpact(record(40, kind('infobox'), [3]), 0, AVG)).toBeCloseTo(1.25 * body)
  })
})
