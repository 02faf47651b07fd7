/**
 * The builds' fast paths against the plain analysis they stand for (plain-analysis.ts). Both builds
 * read passages with PassageReader (a hand-written compound scan, a table of resolved compounds, a fast
 * path for plain words): what it reports and counts must be what a fresh analysis of every compound
 * gives, passage for passage, spelling for spelling, however often its compounds repeat.
 */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { compoundEnd, compoundStart, eachCompound } from '../../../src/core/search/normalize.ts'
import { PassageReader, usage } from '../../../src/core/search/vocab-build.ts'
import { analysePassage, vocabCounter, type VocabAcc } from './plain-analysis.ts'
import { WORDS } from './words.ts'

const piece = fc.oneof(
  fc.constantFrom(...WORDS),
  fc.string({ unit: 'grapheme', maxLength: 10 }),
  fc.string({ unit: 'binary', maxLength: 6 }),
)
const separator = fc.constantFrom(' ', ', ', '-', "'", 'ʼ', '.', '/', ' — ', '\n', '', '·', '_', '& ')
const passage = fc
  .array(fc.tuple(piece, separator), { maxLength: 25 })
  .map((pairs) => pairs.map(([w, sep]) => w + sep).join(''))

function scanned(text: string): [string, number][] {
  const out: [string, number][] = []
  for (let start = compoundStart(text, 0), end: number; start < text.length; start = compoundStart(text, end)) {
    end = compoundEnd(text, start)
    out.push([text.slice(start, end), start])
  }
  return out
}

function matched(text: string): [string, number][] {
  const out: [string, number][] = []
  eachCompound(text, (raw, offset) => out.push([raw, offset]))
  return out
}

type Occurrence = (string | number)[]

/** The reader's account of some passages: each one's parts, joins and length, then the vocabulary. */
function read(texts: string[]) {
  const terms: string[] = []
  const ids = new Map<string, number>()
  const reader = new PassageReader((t) => {
    let id = ids.get(t)
    if (id === undefined) ids.set(t, (id = terms.push(t) - 1))
    return id
  })
  const passages = texts.map((text) => {
    const got: Occurrence[] = []
    const length = reader.read(text, {
      part: (term, pos, start, len) => got.push(['part', terms[term]!, pos, start, len]),
      join: (term, pos, span, start, len) => got.push(['join', terms[term]!, pos, span, start, len]),
    })
    return { got, length }
  })
  const vocab = [...reader.vocabulary()].map(([key, form]) => [
    key,
    terms[form.term],
    form.suggest,
    form.spellings.map((s) => [s.display, s.n]),
    usage(form),
  ])
  return { passages, vocab }
}

/** The same account from analysePassage and vocabCounter. */
function analysed(texts: string[]) {
  const vocab = new Map<string, VocabAcc>()
  const terms: string[] = []
  const see = vocabCounter(vocab, (t) => terms.push(t) - 1)
  const passages = texts.map((text) => {
    const parts: Occurrence[] = []
    const joins: Occurrence[] = []
    const length = analysePassage(
      text,
      see,
      (p, at) => parts.push(['part', p.term, at, p.start, p.end - p.start]),
      (j) => joins.push(['join', j.term, j.pos, j.span, j.start, j.end - j.start]),
    )
    return { parts, joins, length }
  })
  return {
    passages,
    vocab: [...vocab].map(([key, v]) => {
      let display = key
      let best = 0
      for (const [d, n] of v.displays) if (n > best) [display, best] = [d, n]
      return [key, terms[v.term], v.suggest, [...v.displays], { freq: v.freq, display }]
    }),
  }
}

describe('compoundStart / compoundEnd', () => {
  it('find the compounds the COMPOUND pattern matches, at the same offsets', () => {
    fc.assert(
      fc.property(passage, (text) => {
        expect(scanned(text)).toEqual(matched(text))
      }),
      { numRuns: 1000 },
    )
  })
})

describe('PassageReader', () => {
  it('reports a repeated compound at each of its own offsets and positions', () => {
    const text = "Jem'Hadar met the Jem'Hadar; «Jem'Hadar» and O'Brien's JEM-HADAR pah-wraith."
    const mine = read([text])
    const theirs = analysed([text])
    expect(mine.passages[0]!.got.filter((o) => o[0] === 'part')).toEqual(theirs.passages[0]!.parts)
    const starts = mine.passages[0]!.got.filter((o) => o[0] === 'part' && o[1] === 'jem')
    expect(starts.map((o) => [o[3], o[2]])).toEqual([
      [0, 0],
      [18, 4],
      [30, 6],
      [55, 11],
    ])
  })

  it('reports and counts what the plain analysis does, over passages sharing compounds', () => {
    fc.assert(
      fc.property(fc.array(passage, { minLength: 1, maxLength: 6 }), (texts) => {
        const twice = [...texts, ...texts]
        const mine = read(twice)
        const theirs = analysed(twice)
        // Per compound, analysePassage reports every part before the joins: compare in that order.
        const split = mine.passages.map(({ got, length }) => ({
          parts: got.filter((o) => o[0] === 'part'),
          joins: got.filter((o) => o[0] === 'join'),
          length,
        }))
        expect(split).toEqual(theirs.passages)
        // Forms may be listed in another order (the table resolves a compound's forms together).
        const byKey = (rows: unknown[][]) => [...rows].sort((a, b) => ((a[0] as string) < (b[0] as string) ? -1 : 1))
        expect(byKey(mine.vocab)).toEqual(byKey(theirs.vocab))
      }),
      { numRuns: 300 },
    )
  })
})
