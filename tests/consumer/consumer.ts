/**
 * A consumer project's use of the package, type-checked in CI (`npm run consumer:check`): the typed
 * client for the API and the widget module for bundlers, imported by the package's name as an install
 * would (the package refers to itself through its `exports`).
 */
import { hc } from 'hono/client'
import type { AppType } from 'wylb'
import { ERROR_MESSAGE, type WylbSearch } from 'wylb/widget'

const client = hc<AppType>('https://wylb.example')

export async function firstHit(q: string): Promise<string | undefined> {
  const res = await client.v1.search.$get({ query: { q } })
  if (!res.ok) return undefined
  const answer = await res.json()
  return answer.results[0]?.snippet
}

export function mount(parent: HTMLElement): WylbSearch {
  const box = document.createElement('wylb-search') as WylbSearch
  parent.append(box)
  return box
}

export const unavailable: string = ERROR_MESSAGE
