/**
 * The index an isolate warms its query path over at its start (src/core/engine/warm-up.ts): the file the
 * Worker bundles is the one the current build code makes, it holds every piece its queries read, and those
 * queries take the paths a large index makes queries take, so the code they warm is the code a first
 * search runs.
 */
import { readFile } from 'node:fs/promises'
import { describe, expect, it, vi } from 'vitest'
import { openShardedSearch } from '../../../src/core/engine/engine.ts'
import { warmUp, type WarmUpIndex } from '../../../src/core/engine/warm-up.ts'
import type { AttributedAnswer } from '../../../src/core/search/types.ts'
import { makeWarmUpIndex, warmUpIndexJson, WARM_UP_INDEX_FILE } from '../../../tools/build/warm-up-index.ts'

const committed = JSON.parse(await readFile(WARM_UP_INDEX_FILE, 'utf8')) as WarmUpIndex

async function answers(index: WarmUpIndex): Promise<Map<string, AttributedAnswer>> {
  const fetchPiece = async (name: string) => index.pieces[name]!
  const engine = await openShardedSearch(fetchPiece, index.meta)
  const out = new Map<string, AttributedAnswer>()
  for (const s of index.searches) out.set(JSON.stringify(s), await engine.search({ q: '', limit: 10, offset: 0, ...s }))
  return out
}

describe('the warm-up index', () => {
  it('is the one the current build code makes (else: npm run build:warm-up)', async () => {
    expect(await readFile(WARM_UP_INDEX_FILE, 'utf8')).toBe(warmUpIndexJson(await makeWarmUpIndex()))
  })

  it('holds every piece its searches and suggestions read', async () => {
    await expect(warmUp(committed, 2)).resolves.toBeUndefined()
  })

  it('sets no timer, which workerd refuses at an isolate start (wrangler dev would fail to start)', async () => {
    const timers = vi.spyOn(globalThis, 'setTimeout').mockImplementation(() => {
      throw new Error('Disallowed operation called within global scope')
    })
    try {
      await expect(warmUp(committed, 1)).resolves.toBeUndefined()
      expect(timers).not.toHaveBeenCalled()
    } finally {
      timers.mockRestore()
    }
  })

  it('answers every search with hits, over several articles', async () => {
    const all = await answers(committed)
    for (const [search, answer] of all) expect(answer.results.length, search).toBeGreaterThan(0)
    const sisko = all.get(JSON.stringify({ q: 'sisko' }))!
    expect(sisko.facets!.articles.length).toBeGreaterThan(1)
  })

  it('cuts as a large index does: a frequent word answered from its head, a typo from the most frequent words', async () => {
    const meta = JSON.parse(committed.pieces[committed.meta]!) as { typos: Record<string, string> }
    expect(Object.values(meta.typos).some((name) => name in committed.pieces)).toBe(true)
    const all = await answers(committed)
    expect(all.get(JSON.stringify({ q: 'the' }))!.approximate).toBe(true)
    const typo = all.get(JSON.stringify({ q: 'siskp' }))!
    expect(typo.approximate).toBe(true)
    expect(typo.results[0]!.snippet).toContain('<mark>')
  })
})
