/**
 * @module Drives the `<wylb-search>` widget on a page in headless Chromium: waits for it to upgrade, types a
 * query and waits for a settled state. Used by the browser tests (tests/e2e/widget.test.ts) and
 * scripts/screenshots.ts.
 */
import type { Locator, Page } from 'playwright-core'

/** The widget's search box (playwright's CSS locators pierce the open shadow root). */
export const widgetInput = (page: Page): Locator => page.locator('wylb-search input[part=input]')

/** Waits until the widget on the page is defined and upgraded. */
export async function widgetReady(page: Page): Promise<void> {
  await page.waitForFunction(() => {
    const host = document.querySelector('wylb-search')
    return !!host && customElements.get('wylb-search') !== undefined && !!host.shadowRoot?.querySelector('input')
  })
}

/** Waits until the widget's host has `data-state` equal to one of `states`. */
export async function waitForState(page: Page, ...states: string[]): Promise<void> {
  await page.waitForFunction(
    (want) => want.includes(document.querySelector('wylb-search')?.getAttribute('data-state') ?? ''),
    states,
  )
}

/** Types `query` into the widget and waits for a settled state (results, empty or error). */
export async function showResults(page: Page, query: string): Promise<void> {
  await widgetReady(page)
  const input = widgetInput(page)
  await input.click()
  await input.fill('')
  await input.pressSequentially(query)
  await page.waitForFunction((q) => {
    const host = document.querySelector('wylb-search')
    const state = host?.getAttribute('data-state')
    const msg = host?.shadowRoot?.querySelector('[part=status]')?.textContent ?? ''
    return (state === 'results' || state === 'empty' || state === 'error') && (state === 'error' || msg.includes(q))
  }, query)
}
