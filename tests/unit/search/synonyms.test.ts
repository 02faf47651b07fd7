/** Synonym groups: the corpus's own, and the numbers built in for every index. */
import { describe, expect, it } from 'vitest'
import { parseQuery } from '../../../src/core/search/query.ts'
import { Synonyms } from '../../../src/core/search/synonyms.ts'

/** What a query says that a group holds, and the other phrases of that group. */
const found = (synonyms: Synonyms, q: string) =>
  synonyms.find(parseQuery(q).positive).map((m) => ({ said: m.text, others: m.others.map((o) => o.text) }))

describe('synonyms', () => {
  it('gives every index the built-in numbers beside its own groups, which come first', () => {
    const own = new Synonyms([
      ['DS9', 'Deep Space Nine'],
      ['7', 'VII'],
    ])
    const none = new Synonyms([])
    expect(found(own, 'ds9 season 7 episode 4th')).toEqual([
      { said: 'DS9', others: ['Deep Space Nine'] },
      { said: '7', others: ['VII'] },
      { said: '4th', others: ['fourth'] },
    ])
    // An index without groups of its own, opened beside the other, has the numbers alone.
    expect(found(none, 'ds9 season 7 episode 4th')).toEqual([
      { said: '7', others: ['seven'] },
      { said: '4th', others: ['fourth'] },
    ])
    // An index whose meta carries no synonyms at all is given no list, and has the numbers alone too.
    expect(found(new Synonyms(undefined), 'ds9 season 7 episode 4th')).toEqual(found(none, 'ds9 season 7 episode 4th'))
  })
})
