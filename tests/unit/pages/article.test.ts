import { describe, expect, it } from 'vitest'
import { noteLabel, renderArticlePage } from '../../../src/pages/article.tsx'
import { jsx, type Child } from 'hono/jsx'
import { fragmentHref, safeHref } from '../../../src/pages/hrefs.ts'
import { ARTICLE } from './fixture.ts'

const html = renderArticlePage(ARTICLE, { widgetSrc: '/widget.0123456789.js' })
const ids = [...html.matchAll(/\sid="([^"]*)"/g)].map((m) => m[1])

/** An element as the pages render it: hono/jsx, which escapes text and attribute values. */
const rendered = (tag: string, props: Record<string, unknown>, child?: Child) => String(jsx(tag, props, child))

describe('escaping', () => {
  it('escapes the five characters', () => {
    expect(rendered('span', {}, `<a href="x" title='y'>&</a>`)).toBe(
      '<span>&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&lt;/a&gt;</span>',
    )
    expect(rendered('span', { title: `"'&<>` })).toBe('<span title="&quot;&#39;&amp;&lt;&gt;"></span>')
    expect(rendered('span', {}, null)).toBe('<span></span>')
  })

  it('allows only safe hrefs', () => {
    expect(safeHref('javascript:alert(1)')).toBe('#')
    expect(safeHref('//evil.example/x')).toBe('#')
    expect(safeHref('/widget.js')).toBe('/widget.js')
    expect(rendered('a', { href: safeHref('https://a.example/?a=1&b="2"') })).toBe(
      '<a href="https://a.example/?a=1&amp;b=%222%22"></a>',
    )
    expect(fragmentHref('what-you-leave-behind:plot-3')).toBe('#what-you-leave-behind:plot-3')
  })
})

describe('renderArticlePage', () => {
  it('escapes hostile text', () => {
    expect(html).not.toContain('<script>alert')
    expect(html).not.toContain('<img src=x')
    expect(html).not.toContain('"><b>')
    expect(html).not.toMatch(/<i>/)
    expect(html).toContain('Sisko &amp; Kasidy &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;')
    expect(html).toContain('Dukat&#39;s &lt;img src=x onerror=alert(1)&gt; plan fails.&quot;&gt;&lt;b&gt;')
  })

  it('has no inline scripts: only the widget module script', () => {
    const scripts = [...html.matchAll(/<script\b[^>]*>/g)].map((m) => m[0])
    expect(scripts).toEqual(['<script type="module" src="/widget.0123456789.js">'])
    expect(html).toMatch(/<script type="module" src="\/widget\.0123456789\.js"><\/script>/)
    expect(html).toContain('<wylb-search')
    expect(html).not.toMatch(/<[a-z][^>]*\son[a-z]+=/i)
    expect(html).not.toMatch(/<[a-z][^>]*\sstyle=/i)
  })

  it('gives every passage an anchor, once', () => {
    for (const section of ARTICLE.sections) for (const p of section.passages) expect(ids).toContain(p.id)
    expect(new Set(ids).size).toBe(ids.length)
    expect(html).toContain('<p id="what-you-leave-behind:plot-1" class="passage">')
  })

  it('renders headings by level and the infobox as a table', () => {
    expect(html).toContain('<h1>What You Leave Behind</h1>')
    expect(html).toContain('<h2 id="plot">Plot</h2>')
    expect(html).toContain('<h3 id="critical-reception">Critical reception</h3>')
    expect(html).toContain('<table class="infobox"')
    expect(html).toContain('<th scope="row">Directed by</th><td>Allan Kroeker</td>')
    expect(html).toContain('<time datetime="1999-06-02">')
    expect(html).toContain('&quot;The Dogs of War&quot;')
  })

  it('links citations to notes and references, with back-links', () => {
    expect(html).toContain('<a href="#note-1"><span class="vh">Note </span>[a]</a>')
    expect(html).toContain('<a href="#ref-1"><span class="vh">Reference </span>[1]</a>')
    expect(ids).toEqual(expect.arrayContaining(['note-1', 'ref-1', 'ref-2']))
    expect(html).toContain('href="#what-you-leave-behind:lead-1"><span class="vh">Back to citing passage </span>a</a>')
    expect(html).toContain('href="#what-you-leave-behind:plot-1"><span class="vh">Back to citing passage </span>b</a>')
  })

  it('has the attribution in a footer and a :target style', () => {
    const footer = html.slice(html.indexOf('<footer>'))
    expect(footer).toContain('href="https://en.wikipedia.org/wiki/What_You_Leave_Behind"')
    expect(footer).toContain('Wikipedia')
    expect(footer).toContain('<a rel="license" href="https://creativecommons.org/licenses/by-sa/4.0/">CC BY-SA 4.0</a>')
    expect(html).toContain(':target{')
  })

  it('escapes the widget src', () => {
    expect(renderArticlePage(ARTICLE, { widgetSrc: 'javascript:alert(1)' })).toContain('<script type="module" src="#">')
    expect(renderArticlePage(ARTICLE, { widgetSrc: '/w.js?a="><script>' })).toContain(
      'src="/w.js?a=&quot;&gt;&lt;script&gt;"',
    )
  })

  it('escapes a hostile title and summary in the head and the heading', () => {
    const title = '</title><script>alert(1)</script>'
    const page = renderArticlePage({ ...ARTICLE, title, summary: '"><script>x</script>' }, { widgetSrc: '/w.js' })
    const escaped = '&lt;/title&gt;&lt;script&gt;alert(1)&lt;/script&gt;'
    expect(page).toContain(`<title>${escaped}</title>`)
    expect(page).toContain(`<h1>${escaped}</h1>`)
    expect(page).toMatch(/<meta name="description" content="&quot;&gt;&lt;script&gt;x&lt;\/script&gt;"\/?>/)
    expect(page.match(/<script\b/g)).toHaveLength(1)
  })

  it('labels notes with letters', () => {
    expect([1, 2, 26, 27, 28].map(noteLabel)).toEqual(['a', 'b', 'z', 'aa', 'ab'])
  })
})
