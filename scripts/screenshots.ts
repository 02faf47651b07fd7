/**
 * Screenshots of the demo page with the widget's results for "garak" open, in the light and the dark
 * colour scheme, at 900×700: public/widget-light.png and public/widget-dark.png (served as static assets).
 *
 * Usage: tsx scripts/screenshots.ts [--origin http://127.0.0.1:8787] [--out public]
 * Without --origin it starts its own `wrangler dev` (seeded local KV) and stops it afterwards.
 */
import { mkdir } from 'node:fs/promises'
import { resolve } from 'node:path'
import { parseArgs } from 'node:util'
import type { Browser } from 'playwright-core'
import { launchBrowser } from '../tools/browser/launch.ts'
import { showResults } from '../tools/browser/widget-driver.ts'
import { startDevServer } from '../tools/dev-server/harness.ts'

async function takeScreenshots(
  browser: Browser,
  origin: string,
  outDir = 'public',
  query = 'garak',
): Promise<string[]> {
  await mkdir(outDir, { recursive: true })
  const written: string[] = []
  for (const scheme of ['light', 'dark'] as const) {
    const context = await browser.newContext({ viewport: { width: 900, height: 700 }, colorScheme: scheme })
    try {
      const page = await context.newPage()
      await page.goto(`${origin}/demo`)
      await showResults(page, query)
      // Let the spinner and scroll settle, and hide the caret so the images are stable.
      await page.evaluate(() => document.fonts.ready)
      const path = resolve(outDir, `widget-${scheme}.png`)
      await page.screenshot({ path, caret: 'hide', animations: 'disabled' })
      written.push(path)
    } finally {
      await context.close()
    }
  }
  return written
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { origin: { type: 'string' }, out: { type: 'string', default: 'public' } } })
  let origin = values.origin
  let stop: (() => Promise<void>) | undefined
  if (!origin) {
    const server = await startDevServer()
    origin = server.origin
    stop = server.stop
  }
  const browser = await launchBrowser()
  try {
    for (const path of await takeScreenshots(browser, origin, values.out)) console.log(`wrote ${path}`)
  } finally {
    await browser.close()
    await stop?.()
  }
}

await main()
