/** @module Specification of block, paragraph and heading splitting and of section naming from the sidecar. */
import { describe, expect, it } from 'vitest'
import { headingText, splitBlocks, toLines } from '../../../src/core/parse/blocks.ts'
import { assignSections } from '../../../src/core/parse/sections.ts'

const blocks = (text: string) => splitBlocks(toLines(text))

describe('blocks and paragraphs', () => {
  it('separates sections by two or more blank lines and paragraphs by one', () => {
    const b = blocks('p1\n\np2\n\n\nq1\n\n\n\n\nr1\nr1b')
    expect(b).toEqual([
      { heading: null, paragraphs: [['p1'], ['p2']] },
      { heading: null, paragraphs: [['q1']] },
      { heading: null, paragraphs: [['r1', 'r1b']] },
    ])
  })
  it('starts a section at a line ending in a glued `Edit`, wherever it stands', () => {
    const b = blocks('intro\n\nCritical receptionEdit\n\nreview\n\nExternal linksEdit')
    expect(b).toEqual([
      { heading: null, paragraphs: [['intro']] },
      { heading: 'Critical reception', paragraphs: [['review']] },
      { heading: 'External links', paragraphs: [] },
    ])
  })
  it('keeps a heading with its text across a run of blank lines', () => {
    expect(blocks('HistoryEdit\n\n\nbody')).toEqual([{ heading: 'History', paragraphs: [['body']] }])
  })
  it('tells headings from prose', () => {
    expect(headingText('Critical receptionEdit')).toBe('Critical reception')
    expect(headingText('  External linksEdit  ')).toBe('External links')
    expect(headingText('He asked them to Edit')).toBeNull()
    expect(headingText('Edit')).toBeNull()
    expect(headingText('The end.Edit')).toBeNull()
    expect(headingText(`${'x'.repeat(200)}Edit`)).toBeNull()
  })
  it('accepts CRLF line ends and yields nothing for blank text', () => {
    expect(blocks('a\r\n\r\nb')).toEqual([{ heading: null, paragraphs: [['a'], ['b']] }])
    expect(blocks('')).toEqual([])
    expect(blocks('\n\n\n\n')).toEqual([])
  })
})

describe('section names from the sidecar', () => {
  const untitled = { heading: null, paragraphs: [['x']] }
  it('gives each block, titled or not, the next sidecar entry; level-2 sections get the nearest level-1 parent', () => {
    const metas = assignSections(
      [untitled, untitled, { heading: 'Critical reception', paragraphs: [] }],
      [
        { id: 'lead', title: 'Lead' },
        { id: 'reception', title: 'Reception', level: 1 },
        { id: 'critical-reception', title: 'Critical reception', level: 2 },
      ],
    )
    expect(metas).toEqual([
      { id: 'lead', title: 'Lead', level: 1, parent: null },
      { id: 'reception', title: 'Reception', level: 1, parent: null },
      { id: 'critical-reception', title: 'Critical reception', level: 2, parent: 'reception' },
    ])
  })
  it('falls back to section-N for untitled blocks and the heading for headings when the sidecar runs out', () => {
    const metas = assignSections([untitled, untitled, { heading: 'External links', paragraphs: [] }], [])
    expect(metas.map((m) => [m.id, m.title])).toEqual([
      ['lead', 'Lead'],
      ['section-2', 'Section 2'],
      ['external-links', 'External links'],
    ])
  })
  it('keeps section ids unique', () => {
    const metas = assignSections(
      [untitled, untitled],
      [
        { id: 'a', title: 'A' },
        { id: 'a', title: 'A' },
      ],
    )
    expect(metas.map((m) => m.id)).toEqual(['a', 'a-2'])
  })
})

describe('no-break spaces', () => {
  it('read as plain spaces', () => {
    expect(toLines('Season\u00A07\nJune\u00A02,\u202F1999')).toEqual(['Season 7', 'June 2, 1999'])
  })
})
