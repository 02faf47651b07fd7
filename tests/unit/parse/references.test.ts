/** @module Specification of the Notes/References lists and of reference fields, every real reference included. */
import { describe, expect, it } from 'vitest'
import { parseReferenceFields } from '../../../src/core/parse/reference-fields.ts'
import { isListBlock, parseListEntries, splitBacklinks } from '../../../src/core/parse/references.ts'
import { ARTICLE } from './real-article.ts'

describe('numbered lists with back-links', () => {
  it('reads `N. ^ a b c text` as number, back-link letters and text', () => {
    expect(parseListEntries([['  1. ^ a b c Smith, J. "T". P.', '  2. ^ Bare entry.']])).toEqual([
      { n: 1, backlinks: ['a', 'b', 'c'], text: 'Smith, J. "T". P.' },
      { n: 2, backlinks: [], text: 'Bare entry.' },
    ])
  })
  it('takes letters only as a run a, b, c... of two or more', () => {
    expect(splitBacklinks('a review of it')).toEqual({ backlinks: [], text: 'a review of it' })
    expect(splitBacklinks('a c text')).toEqual({ backlinks: [], text: 'a c text' })
    expect(splitBacklinks('a b')).toEqual({ backlinks: ['a', 'b'], text: '' })
  })
  it('continues an entry on a line that is not numbered', () => {
    expect(parseListEntries([['  1. ^ first', 'more'], ['  2. ^ second']]).map((e) => e.text)).toEqual([
      'first more',
      'second',
    ])
  })
  it('recognises a list block by its first line', () => {
    expect(isListBlock([['  1. ^ x']])).toBe(true)
    expect(isListBlock([['1. Not a back-linked list']])).toBe(false)
    expect(isListBlock([])).toBe(false)
  })
})

describe('reference fields (crafted)', () => {
  it('reads author, date, title with inner quotes, publisher and retrieved', () => {
    expect(
      parseReferenceFields(
        'DeCandido, Keith (February 24, 2015). "Rewatch: "What You Leave Behind"". Tor.com. Retrieved November 5, 2016.',
      ),
    ).toEqual({
      authors: ['DeCandido, Keith'],
      title: 'Rewatch: "What You Leave Behind"',
      publisher: 'Tor.com',
      date: '2015-02-24',
      retrieved: '2016-11-05',
      archived: null,
    })
  })
  it('keeps a publisher with periods whole', () => {
    expect(parseReferenceFields('"T". The A.V. Club. Retrieved May 8, 2014.').publisher).toBe('The A.V. Club')
  })
  it('skips (Interview), Interviewed by, Archived and Retrieved when looking for the publisher', () => {
    const r = parseReferenceFields(
      'A, B. "T" (Interview). Interviewed by x. Archived from the original on 2 January 2010. Retrieved 2020-07-04.',
    )
    expect([r.publisher, r.archived, r.retrieved, r.authors]).toEqual([null, '2010-01-02', '2020-07-04', ['A, B']])
  })
  it('reads a bare date after the publisher as the publication date', () => {
    expect(parseReferenceFields('"T". Empire. 2016-07-27. Retrieved 2019-06-29.').date).toBe('2016-07-27')
  })
  it('splits several authors on semicolons', () => {
    expect(parseReferenceFields('A, B; C, D (May 1, 2020). "T". P.').authors).toEqual(['A, B', 'C, D'])
  })
  it('never throws on unstructured text', () => {
    for (const t of ['', '"', '""', '"unterminated', 'just words', '(((', 'Retrieved']) {
      expect(() => parseReferenceFields(t)).not.toThrow()
    }
    expect(parseReferenceFields('just words').title).toBeNull()
  })
})

type Row = [
  n: number,
  authors: string[],
  title: string | null,
  publisher: string | null,
  date: string | null,
  retrieved: string | null,
  archived: string | null,
  backlinks: number,
]

// Every reference of the real article, field by field.
const EXPECTED: Row[] = [
  [
    1,
    ['DeCandido, Keith'],
    'Star Trek: Deep Space Nine Rewatch: "What You Leave Behind"',
    'Tor.com',
    '2015-02-24',
    '2016-11-05',
    null,
    10,
  ],
  [
    2,
    ['Handlen, Zack'],
    'Star Trek: Deep Space Nine: "What You Leave Behind"',
    'The A.V. Club',
    '2014-05-08',
    '2016-11-05',
    null,
    3,
  ],
  [
    3,
    ['Epsicokhan, Jamahl'],
    '[DS9] Jammer\'s Review: "What You Leave Behind"',
    "Jammer's Reviews",
    null,
    '2016-11-05',
    null,
    3,
  ],
  [4, ['Moore, Ron D.'], 'Ron D. Moore Q&A', null, '2019-05-19', '2020-07-04', null, 0],
  [5, ['Behr, Ira Steven'], 'Ira Steven Behr (Executive Producer)', null, null, '2020-07-04', '2010-01-02', 0],
  [
    6,
    ['Staff, TrekMovie com'],
    "Star Trek: DS9 Documentary 'What We Left Behind' To Screen In Theaters For One Night In May",
    'TrekMovie.com',
    null,
    '2019-04-28',
    null,
    0,
  ],
  [7, [], 'What We Left Behind: Star Trek Deep Space Nine Doc', 'Indiegogo', null, '2017-02-10', null, 0],
  [
    8,
    ['Burt, Kaytl'],
    'Star Trek: Deep Space Nine Documentary Gets Crowdfunding Campaign',
    'Den of Geek',
    '2017-02-09',
    '2017-02-10',
    null,
    0,
  ],
  [9, [], 'Star Trek: Deep Space Nine * SEASON 7 NIELSEN RATINGS', 'WebTrek', null, '2017-01-24', '2017-01-24', 0],
  [
    10,
    ['DeCandido, Keith'],
    'Star Trek: The Next Generation Rewatch: "All Good Things..."',
    'Tor.com',
    '2013-04-03',
    '2016-11-05',
    null,
    0,
  ],
  [
    11,
    ['Wheeler, Gem'],
    'Top 10 Star Trek: Deep Space Nine episodes',
    'Den of Geek',
    '2012-11-02',
    '2016-11-05',
    null,
    0,
  ],
  [
    12,
    ['DeCandido, Keith'],
    'Star Trek: Deep Space Nine Rewatch: "Sacrifice of Angels"',
    'Tor.com',
    '2014-08-26',
    '2016-11-11',
    null,
    0,
  ],
  [
    13,
    ['DeCandido, Keith'],
    'Star Trek: Deep Space Nine Rewatch: "The Assignment"',
    'Tor.com',
    '2014-05-16',
    '2016-11-11',
    null,
    0,
  ],
  [
    14,
    ['DeCandido, Keith'],
    'Star Trek: Deep Space Nine Rewatch: "Covenant"',
    'Tor.com',
    '2014-12-23',
    '2016-11-12',
    null,
    0,
  ],
  [
    15,
    [],
    'Star Trek: Deep Space Nine - Season 7, Episode 25: What You Leave Behind (1)',
    'TV.com',
    null,
    '2016-11-11',
    null,
    0,
  ],
  [
    16,
    [],
    'Star Trek: Deep Space Nine - Season 7, Episode 25: What You Leave Behind (2)',
    'TV.com',
    null,
    '2016-11-11',
    null,
    0,
  ],
  [17, [], '"Star Trek: Deep Space Nine" What You Leave Behind (TV Episode 1999)', 'IMDb', null, '2016-11-11', null, 0],
  [
    18,
    ['Hinman, Michael'],
    "'300,' 'Battlestar Galactica' Take Top Prizes In Genre Awards",
    'Airlock Alpha',
    '2007-10-01',
    '2016-11-12',
    null,
    0,
  ],
  [
    19,
    ['StarTrek.com staff'],
    'Star Trek "Tribble-ations" Wins Best DS9 Episode Poll',
    'StarTrek.com',
    '2012-04-09',
    '2016-08-27',
    null,
    0,
  ],
  // Unstructured entry: title and author are a best effort from `Title by Author – on date`.
  [20, ['Michael Weyer'], "Star Trek's Greatest Episodic Sagas, Ranked", null, '2018-11-23', null, null, 2],
  [
    21,
    [],
    "'Star Trek: Deep Space Nine' — The 20 Greatest Episodes",
    'The Hollywood Reporter',
    null,
    '2019-06-06',
    null,
    0,
  ],
  [22, [], 'The 50 best Star Trek episodes ever', 'Empire', '2016-07-27', '2019-06-29', null, 0],
]

describe('references of the real article', () => {
  it('has 22 references numbered 1..22 with ids ref-N', () => {
    expect(ARTICLE.references.map((r) => r.id)).toEqual(EXPECTED.map(([n]) => `ref-${n}`))
  })
  it.each(EXPECTED)('ref %i has its fields', (n, authors, title, publisher, date, retrieved, archived, backlinks) => {
    const r = ARTICLE.references.find((x) => x.n === n)
    expect(r).toMatchObject({ authors, title, publisher, date, retrieved, archived })
    expect(r?.backlinks).toEqual('abcdefghij'.slice(0, backlinks).split('').filter(Boolean))
    expect(r?.passage).toBe(`what-you-leave-behind:ref-${n}`)
    expect(r?.text.startsWith('^')).toBe(false)
  })
  it('has one citing place per back-link letter for every reference that has letters', () => {
    for (const r of ARTICLE.references) {
      if (r.backlinks.length) expect(r.cited_by.length, r.id).toBe(r.backlinks.length)
      else expect(r.cited_by.length, r.id).toBeGreaterThan(0)
    }
  })
  it('lists citing places in reading order, repeating a passage that cites twice', () => {
    expect(ARTICLE.references[0]?.cited_by[0]).toBe('what-you-leave-behind:lead-3')
    expect(ARTICLE.references[0]?.cited_by.at(-1)).toBe('what-you-leave-behind:critical-reception-5')
    expect(ARTICLE.references[19]?.cited_by).toEqual([
      'what-you-leave-behind:critical-reception-7',
      'what-you-leave-behind:critical-reception-7',
    ])
  })
  it('counts citations made from inside a note', () => {
    expect(ARTICLE.references.find((r) => r.n === 10)?.cited_by).toEqual(['what-you-leave-behind:note-1'])
  })
})
