/** Content-addressed pieces: a rebuild after one article changed re-uses almost every key. */
import { describe, expect, it } from 'vitest'
import { buildIndex } from '../../../src/build/kv-entries.ts'
import type { Article } from '../../../src/core/model.ts'
import { smallCorpus } from './fixture.ts'

const SMALL = { termShard: 8192, docBlock: 4096, catalogPage: 2048 }

function editOne(articles: Article[], i: number): Article[] {
  return articles.map((a, k) => {
    if (k !== i) return a
    const [lead, ...rest] = a.sections
    const first = lead!.passages[0]!
    return {
      ...a,
      sections: [
        { ...lead!, passages: [{ ...first, text: `${first.text} Quarkonium.` }, ...lead!.passages.slice(1)] },
        ...rest,
      ],
    }
  })
}

describe('a rebuild after one article changed', () => {
  it('changes a small fraction of the keys (articles content-addressed too)', async () => {
    const articles = await smallCorpus(1)
    const before = await buildIndex(articles, new Date(0), { articleKeys: 'content', shards: SMALL })
    const after = await buildIndex(editOne(articles, 5), new Date(0), { articleKeys: 'content', shards: SMALL })
    const old = new Set(before.entries.map((e) => `${e.key}\n${e.value}`))
    const changed = after.entries.filter((e) => !old.has(`${e.key}\n${e.value}`))
    const bytes = (list: { value: string }[]) => list.reduce((n, e) => n + e.value.length, 0)
    console.log(
      `one article of ${articles.length} changed: ${changed.length} of ${after.entries.length} keys ` +
        `(${((100 * changed.length) / after.entries.length).toFixed(1)} %), ${bytes(changed)} of ${bytes(after.entries)} bytes`,
    )
    expect(after.manifest.version).not.toBe(before.manifest.version)
    expect(changed.length).toBeGreaterThan(0)
    // One passage's ~50 words touch their term shards, vocabulary pages and top lists; the rest is re-used.
    // (The share falls as the corpus grows: the same words, many more pieces.)
    expect(changed.length / after.entries.length).toBeLessThan(0.2)
    expect(bytes(changed) / bytes(after.entries)).toBeLessThan(0.25)
  }, 60_000)
})
