/**
 * The workerd tests' builds, made in Node when vitest.config.ts starts (workerd cannot read the corpus
 * or run the build), all of the fixture corpus (tests/fixture-corpus.ts): build A as `npm run
 * build:index` makes it; the sharded build; and build B for the version-swap tests, with " Swapped."
 * appended to the article's summary, its first lead paragraph. Only build B holds the word "swapped".
 */
import { buildIndex, type KvEntry } from '../../src/build/kv-entries.ts'
import type { Pointer } from '../../src/core/storage/manifest.ts'
import { fixtureCorpus } from '../fixture-corpus.ts'

export const SWAP_MARKER = ' Swapped.'

export async function firstBuild(): Promise<{ entries: KvEntry[]; pointer: Pointer }> {
  const build = await buildIndex((await fixtureCorpus()).articles)
  return { entries: build.entries, pointer: build.pointer }
}

export async function secondBuild(): Promise<{ entries: KvEntry[]; pointer: Pointer }> {
  const { articles } = await fixtureCorpus()
  const edited = articles.map((article, i) => {
    if (i !== 0) return article
    const [lead, ...rest] = article.sections
    const first = lead?.passages[0]
    if (!lead || !first) throw new Error('wylb tests: the first article has no lead paragraph to edit')
    return {
      ...article,
      summary: article.summary + SWAP_MARKER,
      sections: [
        { ...lead, passages: [{ ...first, text: first.text + SWAP_MARKER }, ...lead.passages.slice(1)] },
        ...rest,
      ],
    }
  })
  const build = await buildIndex(edited)
  return { entries: build.entries, pointer: build.pointer }
}
