/**
 * Launches the system Chromium (Debian's /usr/bin/chromium) through playwright-core, headless and
 * quiet (no background networking, sync or component updates), for the browser end-to-end tests
 * and scripts/screenshots.ts.
 */
import { existsSync } from 'node:fs'
import { chromium, type Browser } from 'playwright-core'

export const CHROMIUM = '/usr/bin/chromium'

export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-quic',
  '--no-first-run',
  '--disable-component-update',
  '--disable-sync',
]

export async function launchBrowser(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(
      `wylb browser tests: no Chromium at ${CHROMIUM}. ` +
        "Install it with `apt-get install -y chromium` (CI's .ci/run does).",
    )
  }
  return chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS })
}
