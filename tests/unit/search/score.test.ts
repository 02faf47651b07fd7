import { describe, expect, it } from 'vitest'
import type { Alt, Expanded } from '../../../src/core/search/expand.ts'
import type { PassageTokens } from '../../../src/core/search/passage-tokens.ts'
import type { QUnit } from '../../../src/core/search/query.ts'
import { idfOf, matchUnit, type Stats } from '../../../src/core/search/score.ts'

const unit: QUnit = { type: 'word', parts: [], key: 'ca', term: 'ca', prefix: true, stop: false, canonical: 'ca' }
const stats: Stats = { passages: 1000, avgLength: 20, df: (term) => 1 + term * 7 }

/** A passage of 30 parts holding these terms at these positions. */
function passage(at: Record<number, number[]>): PassageTokens {
  const none = new Int32Array(0)
  const positions = new Map(Object.entries(at).map(([term, list]) => [Number(term), list]))
  return { terms: none, starts: none, ends: none, joinsAt: new Map(), positions, length: 30 }
}

describe('matching a unit in a passage', () => {
  // A last word's completions: many alternatives, of which a passage holds one or two.
  const alts: Alt[] = Array.from({ length: 12 }, (_, i) => ({
    term: 40 - 3 * i,
    weight: i === 4 ? 1 : 0.7,
    exact: i === 4,
  }))
  const completions: Expanded = { unit, alts, seq: null, known: true }
  const held = { [alts[9]!.term]: [12], [alts[4]!.term]: [3, 17] }
  // The same passage also holding more terms than the unit has alternatives (none of them its own).
  const crowded = { ...held, ...Object.fromEntries(Array.from({ length: 20 }, (_, i) => [100 + i, [i]])) }

  it('finds the alternatives a passage holds, whichever of its terms it looks through', () => {
    expect(matchUnit(completions, passage(held), stats)).toEqual(matchUnit(completions, passage(crowded), stats))
  })

  it('scores by its best alternative and merges every alternative found in position order', () => {
    const m = matchUnit(completions, passage(held), stats)!
    expect(m.exact).toBe(true)
    expect(m.positions).toEqual([3, 12, 17])
    expect(m.idf).toBe(idfOf(stats, alts[4]!.term))
  })

  it('does not match a passage holding none of its alternatives', () => {
    expect(matchUnit(completions, passage({ 8: [1], 9: [2] }), stats)).toBeNull()
  })
})
