import { describe, expect, it } from 'vitest'
import HOSTILE_CSS from '../../../src/pages/demo-hostile.css'
import { renderDemoPage } from '../../../src/pages/demo.tsx'

describe('renderDemoPage', () => {
  const html = renderDemoPage({ widgetSrc: '/widget.js' })

  it('embeds the widget as a host would: one module script, one element', () => {
    expect([...html.matchAll(/<script\b[^>]*>/g)].map((m) => m[0])).toEqual(['<script type="module" src="/widget.js">'])
    expect(html.match(/<wylb-search\b/g)).toHaveLength(1)
    expect(html).toContain('Deep Space Nine fan archive')
  })

  it('carries a hostile stylesheet', () => {
    expect(html).toContain(HOSTILE_CSS)
    expect(HOSTILE_CSS).toContain('Comic Sans MS')
    expect(HOSTILE_CSS).toContain('[role=option]')
  })

  it('escapes the widget src', () => {
    expect(renderDemoPage({ widgetSrc: '"><script>alert(1)</script>' })).not.toContain('<script>alert(1)')
  })
})
