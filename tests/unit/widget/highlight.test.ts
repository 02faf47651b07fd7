import { describe, expect, it } from 'vitest'
import { parseSnippet, snippetText, unescapeEntities } from '../../../src/widget/highlight.ts'

describe('unescapeEntities', () => {
  it('unescapes exactly the five entities, in one pass', () => {
    expect(unescapeEntities('&amp; &lt; &gt; &quot; &#39;')).toBe('& < > " \'')
    expect(unescapeEntities('&amp;lt;')).toBe('&lt;')
    expect(unescapeEntities('&nbsp; &#x3C; &#60; &copy;')).toBe('&nbsp; &#x3C; &#60; &copy;')
  })
})

describe('parseSnippet', () => {
  it('splits on <mark> tokens into text segments', () => {
    expect(parseSnippet('Captain <mark>Sisko</mark> &amp; <mark>Odo</mark>.')).toEqual([
      { text: 'Captain ', marked: false },
      { text: 'Sisko', marked: true },
      { text: ' & ', marked: false },
      { text: 'Odo', marked: true },
      { text: '.', marked: false },
    ])
  })

  it('keeps script tags, other tags and attribute breakouts as text', () => {
    const hostile = '<script>alert(1)</script><img src=x onerror=alert(1)>"><b>x</b> <mark onclick="x">y</mark>'
    const segs = parseSnippet(hostile)
    expect(segs.every((s) => !s.marked)).toBe(true)
    // the one real token, the closing </mark> outside a mark, is dropped; the rest stays text
    expect(snippetText(hostile)).toBe(hostile.slice(0, -'</mark>'.length))
  })

  it('keeps escaped markup as literal text after unescaping', () => {
    const segs = parseSnippet('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; <mark>&lt;b&gt;</mark>')
    expect(segs).toEqual([
      { text: '<script>alert("x")</script> ', marked: false },
      { text: '<b>', marked: true },
    ])
  })

  it('does not turn escaped mark tokens into marks', () => {
    expect(parseSnippet('&lt;mark&gt;no&lt;/mark&gt;')).toEqual([{ text: '<mark>no</mark>', marked: false }])
  })

  it('tolerates unbalanced, nested and empty marks', () => {
    expect(parseSnippet('a<mark>b')).toEqual([
      { text: 'a', marked: false },
      { text: 'b', marked: true },
    ])
    expect(parseSnippet('a</mark>b')).toEqual([{ text: 'ab', marked: false }])
    expect(parseSnippet('<mark><mark>x</mark></mark>y')).toEqual([
      { text: 'x', marked: true },
      { text: 'y', marked: false },
    ])
    expect(parseSnippet('<mark></mark>')).toEqual([])
  })

  it('returns no segments for non-strings', () => {
    expect(parseSnippet(undefined)).toEqual([])
    expect(parseSnippet(42)).toEqual([])
    expect(parseSnippet({ toString: () => '<b>' })).toEqual([])
  })

  it('only ever yields {text, marked} segments', () => {
    const inputs = ['<MARK>x</MARK>', '<mark >x</mark >', '<<mark>>', '&amp;amp;', '<mark>&#39;</mark>"\'']
    for (const input of inputs) {
      for (const seg of parseSnippet(input)) {
        expect(Object.keys(seg).sort()).toEqual(['marked', 'text'])
        expect(typeof seg.text).toBe('string')
        expect(typeof seg.marked).toBe('boolean')
      }
    }
  })
})
