/** @module Specification of the flattened infobox: labels, values, dates, image and chronology. */
import { describe, expect, it } from 'vitest'
import {
  fieldKey,
  findInfoboxStart,
  INFOBOX_LABELS,
  matchLabel,
  parseInfobox,
} from '../../../src/core/parse/infobox.ts'
import { ARTICLE } from './real-article.ts'

const box = (text: string) => parseInfobox(text.split('\n'))

describe('infobox labels and keys', () => {
  it('knows the labels the spec requires', () => {
    for (const label of [
      'Episode no.',
      'Directed by',
      'Written by',
      'Story by',
      'Teleplay by',
      'Featured music',
      'Cinematography by',
      'Editing by',
      'Production code',
      'Original air date',
      'Running time',
      'Guest appearance(s)',
      'Episode chronology',
      'Release date',
      'Genre',
      'Created by',
      'Starring',
      'Country of origin',
      'No. of seasons',
      'No. of episodes',
    ])
      expect(INFOBOX_LABELS).toContain(label)
  })
  it('reads a label glued to its value', () => {
    expect(matchLabel('Directed byAllan Kroeker')).toEqual({ label: 'Directed by', rest: 'Allan Kroeker' })
    expect(matchLabel('Episode 25 & 26')).toBeNull()
  })
  it('keys are snake_case with punctuation dropped', () => {
    expect(fieldKey('Guest appearance(s)')).toBe('guest_appearances')
    expect(fieldKey('Episode no.')).toBe('episode_no')
    expect(fieldKey('No. of seasons')).toBe('no_of_seasons')
  })
})

describe('infobox parsing (crafted)', () => {
  const text = [
    '"Pilot"',
    'Some Show episode',
    'Pilot card.PNG',
    'The crew on the bridge',
    'Directed byA. Director',
    'Written byFirst Writer',
    'Second Writer',
    'Production code101 & 102',
    'Original air dateJanuary 5, 2001 (2001-01-05)',
    'Running time45 minutes',
    'Guest appearance(s)',
    'Episode chronology',
    '← Previous',
    '"Before"',
    'Next →',
    '"After"',
    'Some Show (season 1)',
  ].join('\n')
  const b = box(text)
  it('keeps the heading as written, then the subheading, image file and caption', () => {
    expect(b.heading).toBe('"Pilot"')
    expect(b.subheading).toBe('Some Show episode')
    expect(b.image).toEqual({ file: 'Pilot card.PNG', caption: 'The crew on the bridge' })
  })
  it('continues a field on lines that are not labels', () => {
    expect(b.fields.find((f) => f.key === 'written_by')?.values).toEqual(['First Writer', 'Second Writer'])
  })
  it('splits numbers joined by & and keeps other values whole', () => {
    expect(b.fields.find((f) => f.key === 'production_code')?.values).toEqual(['101', '102'])
    expect(box('"X"\nEpisode no.Season 1\nEpisode 3 & 4').fields[0]?.values).toEqual(['Season 1', 'Episode 3 & 4'])
  })
  it('moves a parenthesised ISO date out of the value into iso_date', () => {
    expect(b.fields.find((f) => f.key === 'original_air_date')).toEqual({
      label: 'Original air date',
      key: 'original_air_date',
      values: ['January 5, 2001'],
      iso_date: '2001-01-05',
    })
  })
  it('keeps a label without value, with no values', () => {
    expect(b.fields.find((f) => f.key === 'guest_appearances')?.values).toEqual([])
  })
  it('reads the chronology as previous/next, not as a field, and ignores navigation lines', () => {
    expect(b.previous).toBe('Before')
    expect(b.next).toBe('After')
    expect(b.fields.map((f) => f.key)).not.toContain('episode_chronology')
    expect(b.fields.flatMap((f) => f.values)).not.toContain('Some Show (season 1)')
  })
  it('has no next when `Next →` is followed by a non-title line (a finale)', () => {
    const finale = box('"End"\nEpisode chronology\n← Previous\n"Before"\nNext →\nList of episodes')
    expect([finale.previous, finale.next]).toEqual(['Before', null])
  })
  it('copes with an image but no subheading, and with garbage', () => {
    expect(box('"X"\nx.svg\nDirected byY').image).toEqual({ file: 'x.svg', caption: null })
    expect(() => box('')).not.toThrow()
    expect(box('').fields).toEqual([])
  })
  it('starts at the line repeating the title in quotes', () => {
    expect(findInfoboxStart(['Intro.', '"Pilot"', 'Directed byA'], 'Pilot')).toBe(1)
    expect(findInfoboxStart(['Just prose about "Pilot".'], 'Pilot')).toBe(-1)
  })
})

describe('infobox of the real article', () => {
  const ib = ARTICLE.infobox
  const field = (key: string) => ib?.fields.find((f) => f.key === key)
  it('has heading, subheading and image', () => {
    expect(ib?.heading).toBe('"What You Leave Behind"')
    expect(ib?.subheading).toBe('Star Trek: Deep Space Nine episode')
    expect(ib?.image).toEqual({
      file: 'What You Leave Behind.jpg',
      caption: 'The Federation Alliance fleet prepares for the final battle over Cardassia Prime',
    })
  })
  it('has the fields in order with their values', () => {
    expect(ib?.fields.map((f) => [f.key, f.values])).toEqual([
      ['episode_no', ['Season 7', 'Episode 25 & 26']],
      ['directed_by', ['Allan Kroeker']],
      ['written_by', ['Ira Steven Behr', 'Hans Beimler']],
      ['featured_music', ['Dennis McCarthy']],
      ['production_code', ['575', '576']],
      ['original_air_date', ['June 2, 1999']],
      ['guest_appearances', []],
    ])
    expect(field('original_air_date')?.iso_date).toBe('1999-06-02')
    expect(field('guest_appearances')?.label).toBe('Guest appearance(s)')
  })
  it('is a finale: previous "The Dogs of War", no next', () => {
    expect(ib?.previous).toBe('The Dogs of War')
    expect(ib?.next).toBeNull()
  })
})
