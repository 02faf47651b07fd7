/**
 * analysePassage reuses the walk of a compound it has seen before, wherever it occurs: what it reports
 * must be what a fresh analysis of the passage (compounds and their joins) gives, call for call.
 */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { compounds, joinsOf } from '../../../src/core/search/normalize.ts'
import { SUGGEST_MAX_LEN, SUGGEST_MAX_PARTS, analysePassage } from '../../../src/core/search/vocab-build.ts'
import { WORDS } from './words.ts'

type Call = unknown[]

function calls(text: string): Call[] {
  const out: Call[] = []
  const pos = analysePassage(
    text,
    (...sighting) => out.push(['see', ...sighting]),
    (part, at) => out.push(['part', { ...part }, at]),
    (join) => out.push(['join', { ...join }]),
  )
  out.push(['length', pos])
  return out
}

/** The walk spelled out from a fresh analysis of the whole passage. */
function expected(text: string): Call[] {
  const out: Call[] = []
  let pos = 0
  for (const c of compounds(text)) {
    const seen = new Set(c.words.map((w) => w.key))
    for (const w of c.words) {
      out.push(['see', w.key, w.term, w.display, w.parts <= SUGGEST_MAX_PARTS && w.key.length <= SUGGEST_MAX_LEN])
    }
    c.parts.forEach((part, i) => {
      out.push(['part', part, pos + i])
      if (!seen.has(part.key)) out.push(['see', part.key, part.term, text.slice(part.start, part.end), false])
    })
    for (const j of joinsOf(c.parts, pos)) {
      out.push(['join', j])
      if (!seen.has(j.key)) out.push(['see', j.key, j.term, text.slice(j.start, j.end), false])
      seen.add(j.key)
    }
    pos += c.parts.length
  }
  out.push(['length', pos])
  return out
}


describe('analysePassage', () => {
  it('reports a repeated compound at each of its own offsets and positions', () => {
    const text = "Jem'Hadar met the Jem'Hadar; «Jem'Hadar» and O'Brien's JEM-HADAR pah-wraith."
    const got = calls(text)
    expect(got).toEqual(expected(text))
    const starts = got.filter(([kind, p]) => kind === 'part' && (p as { key: string }).key === 'jem')
    expect(starts.map(([, p, at]) => [(p as { start: number }).start, at])).toEqual([
      [0, 0],
      [18, 4],
      [30, 6],
      [55, 11],
    ])
  })

  it('walks any passage as a fresh analysis does, however often its compounds repeat', () => {
    const piece = fc.oneof(fc.constantFrom(...WORDS), fc.string({ unit: 'grapheme', maxLength: 12 }))
    const separator = fc.constantFrom(' ', ', ', '-', "'", '.', '/', ' — ', '\n', '')
    const passage = fc
      .array(fc.tuple(piece, separator), { maxLength: 30 })
      .map((pairs) => pairs.map(([w, sep]) => w + sep).join(''))
    fc.assert(
      fc.property(passage, (text) => {
        expect(calls(text)).toEqual(expected(text))
        // Again, now that every compound of it was walked before.
        expect(calls(text)).toEqual(expected(text))
      }),
      { numRuns: 400 },
    )
  })
})
