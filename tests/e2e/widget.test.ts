/**
 * The `<wylb-search>` widget in a real browser (Chromium via playwright-core) against `wrangler dev`
 * serving the real build: what a visitor of a host page sees and does.
 */
import { createServer, type Server } from 'node:http'
import { createRequire } from 'node:module'
import type { Browser, BrowserContext, BrowserContextOptions, Page, Route } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { showResults, waitForState, widgetInput, widgetReady } from '../../tools/browser/widget-driver.ts'
import { MAX_QUERY_LENGTH } from '../../src/api/limits.ts'
import { launchBrowser } from '../../tools/browser/launch.ts'
import { freePort, startDevServer, type DevServer } from '../../tools/dev-server/harness.ts'

const require = createRequire(import.meta.url)
const AXE_PATH = require.resolve('axe-core/axe.min.js')
const ARTICLE = '/articles/what-you-leave-behind'

let server: DevServer
let browser: Browser
const contexts: BrowserContext[] = []

beforeAll(async () => {
  ;[server, browser] = await Promise.all([startDevServer(), launchBrowser()])
})
afterAll(async () => {
  await browser?.close()
  await server?.stop()
})

async function newPage(options: BrowserContextOptions = {}): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1000, height: 800 }, ...options })
  contexts.push(context)
  return context.newPage()
}

async function closeContexts(): Promise<void> {
  await Promise.all(contexts.splice(0).map((c) => c.close()))
}

/** The passage ids of the result options, in order. */
function resultIds(page: Page): Promise<string[]> {
  return page
    .locator('wylb-search li[role=option][data-kind=result]')
    .evaluateAll((lis) => lis.map((li) => li.getAttribute('data-passage') ?? ''))
}

function statusText(page: Page): Promise<string> {
  return page.locator('wylb-search [part=status]').innerText()
}

/** What the API itself answers, as the widget asks it (limit 6 on /demo). */
async function apiIds(q: string, limit = 6): Promise<string[]> {
  const res = await fetch(`${server.origin}/v1/search?q=${encodeURIComponent(q)}&limit=${limit}`)
  const body = (await res.json()) as { results: { id: string }[] }
  return body.results.map((r) => r.id)
}

function widgetState(page: Page): Promise<string | null> {
  return page.locator('wylb-search').getAttribute('data-state')
}

/** The id of the focused element inside the widget's shadow root (null when focus is elsewhere). */
function focusedInWidget(page: Page): Promise<string | null> {
  return page.evaluate(() => {
    const host = document.querySelector('wylb-search')
    return document.activeElement === host ? (host?.shadowRoot?.activeElement?.id ?? null) : null
  })
}

describe('the widget on the demo page', () => {
  afterAll(closeContexts)

  it('highlights the matched words of each result snippet', async () => {
    const page = await newPage()
    await page.goto(`${server.origin}/demo`)
    await showResults(page, 'garak')
    expect(await widgetState(page)).toBe('results')
    const snippets = page.locator('wylb-search li[data-kind=result] [part=snippet]')
    expect(await snippets.count()).toBeGreaterThan(0)
    const marks = page.locator('wylb-search li[data-kind=result] [part=snippet] mark')
    expect(await marks.count()).toBeGreaterThan(0)
    for (const text of await marks.allInnerTexts()) expect(text).toMatch(/^garak$/i)
    // every result snippet has at least one highlight
    for (const snippet of await snippets.all()) expect(await snippet.locator('mark').count()).toBeGreaterThan(0)
    expect(await resultIds(page)).toEqual(await apiIds('garak'))
  })

  it("credits the publisher and licence of the answer's attributions, not a fixed one", async () => {
    const page = await newPage()
    await page.goto(`${server.origin}/demo`)
    const credit = page.locator('wylb-search .attribution')
    await showResults(page, 'garak')
    expect(await credit.innerText()).toBe('Text from Wikipedia, CC BY-SA 4.0')
    expect(await credit.locator('a').getAttribute('href')).toBe('https://creativecommons.org/licenses/by-sa/4.0/')
  })

  it('shows the answer to a field question above the results, and none for a plain query', async () => {
    const page = await newPage()
    await page.goto(`${server.origin}/demo`)
    await showResults(page, 'who directed the finale')
    const answer = page.locator('wylb-search li.answer')
    expect(await answer.innerText()).toContain('Directed by: Allan Kroeker')
    expect(await answer.getAttribute('data-passage')).toBe('what-you-leave-behind:infobox-directed_by')
    const first = page.locator('wylb-search li[role=option][data-kind=result]').first()
    expect(await first.getAttribute('class')).toBe('answer')
    // One article: no grouping, no facet buttons.
    expect(await page.locator('wylb-search li.sub').count()).toBe(0)
    expect(await page.locator('wylb-search [part=facets] button').count()).toBe(0)
    await showResults(page, 'garak')
    expect(await page.locator('wylb-search li.answer').count()).toBe(0)
  })

  it('finds a passage despite a typo in the query', async () => {
    // The API answers "Epsicokan" with the passages naming the critic Jamahl Epsicokhan.
    expect(await apiIds('Epsicokan')).toContain('what-you-leave-behind:critical-reception-3')
    const page = await newPage()
    await page.goto(`${server.origin}/demo`)
    await showResults(page, 'Epsicokan')
    expect(await widgetState(page)).toBe('results')
    expect(await resultIds(page)).toContain('what-you-leave-behind:critical-reception-3')
    expect(await page.locator('wylb-search [part=snippet] mark').first().innerText()).toMatch(/^epsicokhan$/i)
  })

  it('sends a query no longer than the server takes: a long paste gets results, not an error', async () => {
    const page = await newPage()
    await page.goto(`${server.origin}/demo`)
    await widgetReady(page)
    const input = widgetInput(page)
    expect(await input.getAttribute('maxlength')).toBe(String(MAX_QUERY_LENGTH))
    // Set as a script would: maxlength holds back typing only, so the widget itself must cap what it sends.
    await input.fill('garak '.repeat(100))
    await waitForState(page, 'results', 'empty', 'error')
    expect(await widgetState(page)).toBe('results')
  })

  it('is driven from the keyboard: / and Ctrl+K focus it, arrows pick a result, Enter opens it, Esc closes', async () => {
    const page = await newPage()
    await page.goto(`${server.origin}/demo`)
    await widgetReady(page)
    expect(await page.evaluate(() => document.activeElement === document.body)).toBe(true)

    await page.keyboard.press('/')
    expect(await focusedInWidget(page)).toBe('wylb-input')
    expect(await widgetInput(page).inputValue()).toBe('') // the slash is not typed into the box

    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur())
    expect(await focusedInWidget(page)).toBeNull()
    await page.keyboard.press('Control+k')
    expect(await focusedInWidget(page)).toBe('wylb-input')

    await page.keyboard.type('garak')
    await page.waitForFunction(() =>
      document.querySelector('wylb-search')?.shadowRoot?.querySelector('[part=status]')?.textContent?.includes('garak'),
    )
    const input = widgetInput(page)
    expect(await input.getAttribute('aria-expanded')).toBe('true')
    expect(await input.getAttribute('aria-activedescendant')).toBeNull()

    // Esc closes the list, ArrowDown reopens it on the first option.
    await page.keyboard.press('Escape')
    expect(await input.getAttribute('aria-expanded')).toBe('false')
    expect(await page.locator('wylb-search [part=listbox]').isVisible()).toBe(false)

    const seen: string[] = []
    let activeKind = ''
    for (let i = 0; i < 6 && activeKind !== 'result'; i++) {
      const before = await input.getAttribute('aria-activedescendant')
      await page.keyboard.press('ArrowDown')
      expect(await input.getAttribute('aria-expanded')).toBe('true')
      const id = await input.getAttribute('aria-activedescendant')
      expect(id).toBeTruthy()
      expect(id).not.toBe(before)
      const active = page.locator(`wylb-search li#${id}`)
      expect(await active.getAttribute('aria-selected')).toBe('true')
      expect(await page.locator('wylb-search li[role=option][aria-selected=true]').count()).toBe(1)
      activeKind = (await active.getAttribute('data-kind')) ?? ''
      seen.push(id!)
    }
    expect(activeKind).toBe('result')
    const activeId = seen[seen.length - 1]!
    const passage = (await page.locator(`wylb-search li#${activeId}`).getAttribute('data-passage'))!
    expect(passage).toMatch(/^what-you-leave-behind:/)

    await Promise.all([page.waitForURL((url) => url.pathname === ARTICLE), page.keyboard.press('Enter')])
    const url = new URL(page.url())
    expect(url.pathname).toBe(ARTICLE)
    expect(decodeURIComponent(url.hash.slice(1))).toBe(passage)
    const target = await page.evaluate((id) => {
      const el = document.getElementById(id)
      return el ? { tag: el.tagName, target: el.matches(':target') } : null
    }, passage)
    expect(target).toEqual({ tag: expect.any(String), target: true })
  })

  it('never shows a stale result list when answers arrive out of order', async () => {
    const page = await newPage()
    let sawEarly!: () => void
    const earlyRequested = new Promise<void>((r) => (sawEarly = r))
    let earlyAnswered!: () => void
    const earlyDone = new Promise<void>((r) => (earlyAnswered = r))
    await page.route('**/v1/search**', async (route) => {
      const q = new URL(route.request().url()).searchParams.get('q')
      if (q === 'ga') {
        sawEarly()
        const res = await route.fetch()
        await new Promise((r) => setTimeout(r, 800))
        await route.fulfill({ response: res }).catch(() => {}) // the widget may have aborted it
        earlyAnswered()
        return
      }
      await route.continue()
    })
    await page.goto(`${server.origin}/demo`)
    await widgetReady(page)
    const input = widgetInput(page)
    await input.click()
    await input.fill('ga')
    await earlyRequested
    await input.pressSequentially('rak')
    await page.waitForFunction(() =>
      document.querySelector('wylb-search')?.shadowRoot?.querySelector('[part=status]')?.textContent?.includes('garak'),
    )
    const garak = await apiIds('garak')
    expect(await widgetState(page)).toBe('results')
    expect(await resultIds(page)).toEqual(garak)
    // After the slow answer for "ga" has come (or been dropped), the list is still the one for "garak".
    await earlyDone
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 50))))
    expect(await resultIds(page)).toEqual(garak)
    expect(await statusText(page)).toContain('garak')
    expect(await widgetState(page)).toBe('results')
  })

  it('says so kindly when the API is down, and recovers when it is back', async () => {
    const page = await newPage()
    const down = async (route: Route): Promise<void> => {
      if (route.request().url().includes('/v1/search')) await route.abort('connectionrefused')
      else
        await route.fulfill({
          status: 503,
          contentType: 'application/problem+json',
          body: JSON.stringify({ title: 'Service Unavailable', status: 503 }),
        })
    }
    await page.route('**/v1/search**', down)
    await page.route('**/v1/suggest**', down)
    await page.goto(`${server.origin}/demo`)
    await showResults(page, 'gara')
    expect(await widgetState(page)).toBe('error')
    const message = await statusText(page)
    expect(message).toMatch(/unavailable|try again/i)
    expect(message).not.toMatch(/503|ApiError|TypeError|undefined|null|fetch/i)
    expect(await page.locator('wylb-search [part=status]').isVisible()).toBe(true)
    expect(await page.locator('wylb-search li[data-kind=result]').count()).toBe(0)

    // A 503 from the search endpoint too.
    let answered503!: () => void
    const got503 = new Promise<void>((r) => (answered503 = r))
    await page.unroute('**/v1/search**', down)
    await page.route('**/v1/search**', async (route) => {
      await route.fulfill({
        status: 503,
        contentType: 'application/problem+json',
        body: '{"title":"Service Unavailable","status":503}',
      })
      if (new URL(route.request().url()).searchParams.get('q') === 'gar') answered503()
    })
    await widgetInput(page).press('Backspace')
    await got503
    await waitForState(page, 'error')
    expect(await statusText(page)).toBe(message)

    await page.unrouteAll({ behavior: 'ignoreErrors' })
    await widgetInput(page).pressSequentially('ak')
    await page.waitForFunction(() =>
      document.querySelector('wylb-search')?.shadowRoot?.querySelector('[part=status]')?.textContent?.includes('garak'),
    )
    expect(await widgetState(page)).toBe('results')
    expect(await resultIds(page)).toEqual(await apiIds('garak'))
  })
})

describe('isolation from the host page', () => {
  afterAll(closeContexts)

  const PROPS = [
    'font-family',
    'font-size',
    'color',
    'display',
    'visibility',
    'letter-spacing',
    'text-transform',
  ] as const
  type Styles = Record<string, Record<string, string>>

  /** Computed styles of the widget's input, first result, its snippet and first mark. */
  function widgetStyles(page: Page): Promise<Styles> {
    return page.evaluate(
      (props) => {
        const root = document.querySelector('wylb-search')!.shadowRoot!
        const parts: Record<string, string> = {
          input: 'input[part=input]',
          listbox: '[part=listbox]',
          result: 'li[data-kind=result]',
          snippet: 'li[data-kind=result] [part=snippet]',
          mark: 'li[data-kind=result] [part=snippet] mark',
          status: '[part=status]',
        }
        const out: Record<string, Record<string, string>> = {}
        for (const [name, selector] of Object.entries(parts)) {
          const el = root.querySelector(selector)
          if (!el) throw new Error(`no ${selector} in the widget`)
          const cs = getComputedStyle(el)
          out[name] = Object.fromEntries(props.map((p) => [p, cs.getPropertyValue(p)]))
        }
        return out
      },
      [...PROPS],
    )
  }

  it('looks the same under the demo page’s hostile stylesheet as on a plain page', async () => {
    const page = await newPage()
    await page.route(`${server.origin}/plain-host`, (route) =>
      route.fulfill({
        contentType: 'text/html',
        body: '<!doctype html><html lang="en"><title>plain</title><script type="module" src="/widget.js"></script><wylb-search limit="6"></wylb-search>',
      }),
    )
    await page.goto(`${server.origin}/plain-host`)
    await showResults(page, 'garak')
    const plain = await widgetStyles(page)

    await page.goto(`${server.origin}/demo`)
    await showResults(page, 'garak')
    const hostile = await widgetStyles(page)
    expect(hostile).toEqual(plain)
    expect(plain.input!.display).not.toBe('none')
    expect(plain.mark!.visibility).toBe('visible')

    for (const selector of [
      'input[part=input]',
      '[part=listbox]',
      'li[data-kind=result]',
      '[part=snippet] mark',
      '[part=status]',
    ]) {
      expect(await page.locator(`wylb-search ${selector}`).first().isVisible(), selector).toBe(true)
    }
  })
})

describe('accessibility and content security', () => {
  afterAll(closeContexts)

  interface AxeViolation {
    id: string
    impact: string | null
    help: string
    nodes: { target: unknown; failureSummary?: string }[]
  }

  /** Runs axe-core on the page, served from the page's own origin so the page's CSP allows it. */
  async function axe(page: Page): Promise<AxeViolation[]> {
    await page.addScriptTag({ url: `${server.origin}/__test/axe.min.js` })
    return page.evaluate(async () => {
      const result = await (window as any).axe.run(document, { resultTypes: ['violations'] })
      return (result.violations as AxeViolation[]).map((v) => ({
        id: v.id,
        impact: v.impact,
        help: v.help,
        nodes: v.nodes.map((n) => ({ target: n.target, failureSummary: n.failureSummary })),
      }))
    })
  }

  function serious(where: string, violations: AxeViolation[]): AxeViolation[] {
    const bad = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')
    if (violations.length) console.log(`axe on ${where}:`, JSON.stringify(violations, null, 2))
    return bad
  }

  for (const colorScheme of ['light', 'dark'] as const) {
    it(`has no serious or critical axe violations (${colorScheme})`, async () => {
      const page = await newPage({ colorScheme })
      await page.route(`${server.origin}/__test/axe.min.js`, (route) =>
        route.fulfill({ path: AXE_PATH, contentType: 'text/javascript; charset=utf-8' }),
      )
      await page.goto(`${server.origin}/demo`)
      await showResults(page, 'garak')
      expect(await widgetState(page)).toBe('results')
      expect(serious(`/demo with results (${colorScheme})`, await axe(page))).toEqual([])

      await page.goto(`${server.origin}${ARTICLE}`)
      await widgetReady(page)
      expect(serious(`${ARTICLE} (${colorScheme})`, await axe(page))).toEqual([])
    })
  }

  it('raises no Content Security Policy errors on the demo and article pages', async () => {
    const page = await newPage()
    const problems: string[] = []
    page.on('console', (msg) => {
      if (/Content[- ]Security[- ]Policy/i.test(msg.text())) problems.push(`${msg.type()}: ${msg.text()}`)
    })
    page.on('pageerror', (err) => problems.push(`pageerror: ${err.message}`))
    await page.goto(`${server.origin}/demo`)
    await showResults(page, 'garak')
    expect(await widgetState(page)).toBe('results')
    await page.goto(`${server.origin}${ARTICLE}#what-you-leave-behind:plot-1`)
    await showResults(page, 'dukat')
    expect(await widgetState(page)).toBe('results')
    expect(problems).toEqual([])
  })
})

describe('embedding on another origin', () => {
  let host: Server
  let hostOrigin: string

  beforeAll(async () => {
    const port = await freePort()
    hostOrigin = `http://127.0.0.1:${port}`
    host = createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' })
      res.end(
        `<!doctype html><html lang="en"><title>Another site</title>` +
          `<script type="module" src="${server.origin}/widget.js"></script><wylb-search></wylb-search>`,
      )
    })
    await new Promise<void>((resolve) => host.listen(port, '127.0.0.1', resolve))
  })
  afterAll(async () => {
    await closeContexts()
    await new Promise((resolve) => host?.close(resolve))
  })

  it('works with one script tag and one element, calling the API on the script’s origin', async () => {
    const page = await newPage()
    const apiCalls: string[] = []
    page.on('request', (req) => {
      if (req.url().includes('/v1/')) apiCalls.push(new URL(req.url()).origin)
    })
    await page.goto(`${hostOrigin}/`)
    expect(new URL(page.url()).origin).not.toBe(server.origin)
    await showResults(page, 'dukat')
    expect(await widgetState(page)).toBe('results')
    expect(await resultIds(page)).toEqual(await apiIds('dukat', 8))
    expect(apiCalls.length).toBeGreaterThan(0)
    expect(new Set(apiCalls)).toEqual(new Set([server.origin]))
  })
})
