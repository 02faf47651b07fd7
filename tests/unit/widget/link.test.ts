import { describe, expect, it } from 'vitest'
import {
  DEFAULT_LINK_TEMPLATE,
  fillLinkTemplate,
  parseLimit,
  resolveEndpoint,
  safeHttpUrl,
} from '../../../src/widget/link.ts'

const parts = {
  endpoint: 'https://wylb.example',
  article: 'what-you-leave-behind',
  passage: 'what-you-leave-behind:plot-3',
  section: 'plot',
}

describe('fillLinkTemplate', () => {
  it('uses the default template with the passage id encoded', () => {
    expect(DEFAULT_LINK_TEMPLATE).toBe('{endpoint}/articles/{article}#{passage}')
    expect(fillLinkTemplate(null, parts)).toBe(
      'https://wylb.example/articles/what-you-leave-behind#what-you-leave-behind%3Aplot-3',
    )
  })

  it('fills custom templates, encoding every value but the endpoint', () => {
    expect(fillLinkTemplate('https://fans.example/ds9/{article}/{section}?p={passage}', parts)).toBe(
      'https://fans.example/ds9/what-you-leave-behind/plot?p=what-you-leave-behind%3Aplot-3',
    )
    expect(fillLinkTemplate('{endpoint}/a/{article}', { ...parts, article: '../x?y#"><script>' })).toBe(
      'https://wylb.example/a/..%2Fx%3Fy%23%22%3E%3Cscript%3E',
    )
  })

  it('resolves relative templates against the endpoint', () => {
    expect(fillLinkTemplate('/wiki/{article}', parts)).toBe('https://wylb.example/wiki/what-you-leave-behind')
  })

  it('rejects non-http(s) results', () => {
    expect(fillLinkTemplate('javascript:alert({passage})', parts)).toBeNull()
    expect(fillLinkTemplate(' JaVaScRiPt:alert(1)', parts)).toBeNull()
    expect(fillLinkTemplate('data:text/html,{article}', parts)).toBeNull()
    expect(fillLinkTemplate('{article}:alert(1)', { ...parts, article: 'javascript' })).toBeNull()
  })
})

describe('safeHttpUrl', () => {
  it('accepts http and https only', () => {
    expect(safeHttpUrl('https://a.example/x')).toBe('https://a.example/x')
    expect(safeHttpUrl('http://a.example')).toBe('http://a.example/')
    expect(safeHttpUrl('ftp://a.example')).toBeNull()
    expect(safeHttpUrl('vbscript:x')).toBeNull()
    expect(safeHttpUrl('https://user:pw@a.example/')).toBeNull()
    expect(safeHttpUrl('')).toBeNull()
    expect(safeHttpUrl(null)).toBeNull()
  })
})

describe('resolveEndpoint', () => {
  it('defaults to the origin of the script URL', () => {
    expect(resolveEndpoint(null, 'https://wylb.example/widget.0123456789.js')).toBe('https://wylb.example')
    expect(resolveEndpoint('  ', 'https://wylb.example/widget.js')).toBe('https://wylb.example')
  })

  it('uses the attribute, without a trailing slash', () => {
    expect(resolveEndpoint('https://api.example/', 'https://x.example/widget.js')).toBe('https://api.example')
    expect(resolveEndpoint('https://api.example/wylb/', 'https://x.example/widget.js')).toBe('https://api.example/wylb')
    expect(resolveEndpoint('/api', 'https://x.example/widget.js', 'https://host.example/page')).toBe(
      'https://host.example/api',
    )
  })

  it('rejects unusable endpoints', () => {
    expect(resolveEndpoint('javascript:alert(1)', 'https://x.example/widget.js')).toBeNull()
    expect(resolveEndpoint('not a url', 'https://x.example/widget.js')).toBeNull()
    expect(resolveEndpoint('https://api.example/?q=1', 'https://x.example/widget.js')).toBeNull()
    expect(resolveEndpoint(null, 'file:///tmp/widget.js')).toBeNull()
    expect(resolveEndpoint(null, 'blob:null/abc')).toBeNull()
  })
})

describe('parseLimit', () => {
  it('accepts integers from 1 to 50, else the default', () => {
    expect(parseLimit(null)).toBe(8)
    expect(parseLimit('5')).toBe(5)
    expect(parseLimit('50')).toBe(50)
    expect(parseLimit('0')).toBe(8)
    expect(parseLimit('51')).toBe(8)
    expect(parseLimit('3.5')).toBe(8)
    expect(parseLimit('-1')).toBe(8)
    expect(parseLimit('abc')).toBe(8)
  })
})
