import { describe, expect, it } from 'vitest'
import { compounds, fold, joinsOf, stem } from '../../../src/core/search/normalize.ts'

const terms = (text: string): string[] =>
  compounds(text).flatMap((c) => [...c.parts.map((p) => p.term), ...joinsOf(c.parts, 0).map((j) => j.term)])

describe('normalization', () => {
  it('folds case, diacritics and compatibility forms', () => {
    expect(fold('Ça Déjà-Vu ﬁnal ß')).toBe('cadejavufinalss')
  })
  it('drops apostrophes inside words and indexes the pieces and their join', () => {
    expect(terms("Jem'Hadar")).toEqual(['jem', 'hadar', 'jemhadar'])
    expect(terms('JEM-HADAR')).toEqual(['jem', 'hadar', 'jemhadar'])
  })
  it('strips a possessive s', () => {
    expect(terms("Sisko's")).toEqual(['sisko'])
    expect(terms("O'Brien's")).toEqual(['o', 'brien', 'obrien'])
  })
  it('splits camel case runs glued by lost punctuation', () => {
    expect(terms('HadarBreenCardassian')).toContain('cardassian')
  })
  it('stems English word forms to one term (Porter)', () => {
    const forms = ['novelize', 'novelized', 'novelization', 'novelizations'].map((w) => stem(fold(w)))
    expect(new Set(forms).size).toBe(1)
  })
  it('keeps numbers whole and joins decimals', () => {
    expect(terms('3.5/4')).toEqual(expect.arrayContaining(['3', '5', '4', '35']))
  })
  it('reads ASCII text as the Unicode classes do (the ASCII text takes a shortcut)', () => {
    const ascii = "Jem'Hadar O'Brien's USS-Defiant 3.5/4 HadarBreenCardassian DS9 a_b x&y"
    // One letter outside ASCII, after the rest, sends the text through the Unicode expressions (the
    // camel-case split chooses per word: the next test covers its Unicode side).
    const unicode = compounds(`${ascii} é`)
    expect(unicode.pop()!.parts[0]!.key).toBe('e')
    expect(compounds(ascii)).toEqual(unicode)
  })
  it('splits a camel-case word with letters outside ASCII as one of ASCII', () => {
    const keys = (text: string) => compounds(text)[0]!.parts.map((p) => p.key)
    expect(keys('ÉpéeHadarBreen')).toEqual(['epee', 'hadar', 'breen'])
    expect(keys('EpeeHadarBreen')).toEqual(['epee', 'hadar', 'breen'])
  })
  it('keeps offsets into the original text', () => {
    const [c] = compounds('  «Épée»')
    expect(c!.parts[0]).toMatchObject({ key: 'epee', start: 3, end: 7 })
  })
})
