/** @module Specification of the parser primitives: slugs, dates, citation markers. */
import { describe, expect, it } from 'vitest'
import { extractCitations, stripCitations } from '../../../src/core/parse/citations.ts'
import { findDate, parseDate } from '../../../src/core/parse/dates.ts'
import { slugify } from '../../../src/core/parse/slug.ts'

describe('slugify', () => {
  it('lowercases and joins words with hyphens', () => {
    expect(slugify('Critical reception')).toBe('critical-reception')
    expect(slugify('External links')).toBe('external-links')
    expect(slugify('What You Leave Behind')).toBe('what-you-leave-behind')
  })
  it('drops punctuation and apostrophes, folds accents, trims hyphens', () => {
    expect(slugify("  Jammer's Reviews! ")).toBe('jammers-reviews')
    expect(slugify('Café — Crème')).toBe('cafe-creme')
    expect(slugify('!!!')).toBe('')
  })
})

describe('dates to ISO 8601', () => {
  it.each([
    ['February 24, 2015', '2015-02-24'],
    ['28 April 2019', '2019-04-28'],
    ['2019-06-06', '2019-06-06'],
    ['Nov 23, 2018', '2018-11-23'],
    ['Sept. 3, 2001', '2001-09-03'],
    ['June 2, 1999.', '1999-06-02'],
  ])('parses %s as %s', (text, iso) => {
    expect(parseDate(text)).toBe(iso)
  })
  it('rejects partial and impossible dates', () => {
    expect(parseDate('May 2001')).toBeNull()
    expect(parseDate('February 30, 2015')).toBeNull()
    expect(parseDate('2019-13-01')).toBeNull()
    expect(parseDate('Retrieved November 5, 2016')).toBeNull()
    expect(parseDate('')).toBeNull()
  })
  it('finds the earliest date inside a longer text', () => {
    expect(findDate('by Michael Weyer – on Nov 23, 2018')?.iso).toBe('2018-11-23')
    expect(findDate('Archived on 2 January 2010. Retrieved 2020-07-04')?.iso).toBe('2010-01-02')
    expect(findDate('no date here')).toBeNull()
  })
})

describe('citation markers', () => {
  it('removes [n] and records ref-n', () => {
    expect(extractCitations('It aired.[9]')).toEqual({ text: 'It aired.', citations: ['ref-9'], places: ['ref-9'] })
  })
  it('removes runs like [1][2][3], in order', () => {
    expect(extractCitations('Criticized.[1][2][3]').citations).toEqual(['ref-1', 'ref-2', 'ref-3'])
  })
  it('records [note n] as note-n', () => {
    const r = extractCitations('on TV.com[note 2][15][16] and on IMDb.[17]')
    expect(r.text).toBe('on TV.com and on IMDb.')
    expect(r.citations).toEqual(['note-2', 'ref-15', 'ref-16', 'ref-17'])
  })
  it('lists each cited id once but counts every citing place', () => {
    const r = extractCitations('One.[20] Two.[20]')
    expect(r.citations).toEqual(['ref-20'])
    expect(r.places).toEqual(['ref-20', 'ref-20'])
  })
  it('fixes the spacing a marker leaves behind', () => {
    expect(stripCitations('a word [1] and more')).toBe('a word and more')
    expect(stripCitations('a word [1].')).toBe('a word.')
    expect(stripCitations('episode,[note 1] Voyager')).toBe('episode, Voyager')
    expect(stripCitations('[3] leading')).toBe('leading')
  })
  it('leaves editorial brackets in quotations alone', () => {
    const raw = 'this is [...] the only one ([with] fire) if ["Sacrifice of Angels"] was [DS9] [note] [ 1 ]'
    expect(extractCitations(raw)).toEqual({ text: raw, citations: [], places: [] })
  })
  it('does not touch spacing away from markers', () => {
    expect(stripCitations('three hours of work ... maybe four')).toBe('three hours of work ... maybe four')
  })
})
