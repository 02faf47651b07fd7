import { describe, expect, it } from 'vitest'
import { article, engineOf } from './fixture.ts'

const long = (n: number): string => Array.from({ length: n }, (_, i) => `word${i}`).join(' ')

describe('snippets', async () => {
  const nasty = `Tom & Jerry <script>alert("x")</script> said 'hi' &amp; "quoted" \ud800 onerror=alert(1) garak`
  const engine = await engineOf(
    article('s', {
      a: [['paragraph', nasty]],
      b: [['paragraph', `${long(60)} Garak and Dukat meet ${long(60)}`]],
      c: [['paragraph', 'A short one about Garak.']],
      d: [['paragraph', "The Jem'Hadar attack."]],
    }),
  )
  const snip = (q: string, section?: string): string =>
    engine.search({ q, limit: 1, offset: 0, ...(section ? { section } : {}) }).results[0]!.snippet

  it('escapes HTML so that only <mark> remains as markup', () => {
    const s = snip('garak', 'a')
    expect(s).not.toMatch(/<(?!\/?mark>)/)
    expect(s).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;')
    expect(s).toContain('&amp;amp;')
    expect(s).toContain('&#39;hi&#39;')
    expect(s).not.toMatch(/[\ud800-\udfff]/)
    expect(s).toContain('<mark>garak</mark>')
  })
  it('never lets the query inject markup', () => {
    const s = snip('<b>garak</b> "><img src=x>', 'a')
    expect(s.replace(/<\/?mark>/g, '')).not.toMatch(/[<>]/)
  })
  it('shows a short passage whole, without ellipses', () => {
    expect(snip('short garak', 'c')).toBe('A <mark>short</mark> one about <mark>Garak</mark>.')
  })
  it('cuts a long passage to a window around the matches, at word boundaries, with …', () => {
    const s = snip('garak dukat', 'b')
    expect(s.startsWith('…')).toBe(true)
    expect(s.endsWith('…')).toBe(true)
    expect(s).toContain('<mark>Garak</mark> and <mark>Dukat</mark>')
    const plain = s.replace(/<\/?mark>/g, '')
    expect(plain.length).toBeGreaterThanOrEqual(160)
    expect(plain.length).toBeLessThanOrEqual(242)
    expect(plain).toMatch(/^…word\d+ /)
    expect(plain).toMatch(/ word\d+…$/)
  })
  it('marks stem, typo and prefix matches and whole compounds', () => {
    expect(snip('garek', 'c')).toContain('<mark>Garak</mark>')
    expect(snip('gar', 'c')).toContain('<mark>Garak</mark>')
    expect(snip('jemhadar', 'd')).toContain('<mark>Jem&#39;Hadar</mark>')
    expect(snip('attacks', 'd')).toContain('<mark>attack</mark>')
  })
})
