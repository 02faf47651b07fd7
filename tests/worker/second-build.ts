/**
 * A second real build for the version-swap tests, made in Node when vitest.config.ts starts (workerd
 * cannot read the corpus or run the build): the real corpus with " Swapped." appended to the article's
 * summary, its first lead paragraph. Only build B holds the word "swapped".
 */
import { buildIndex, type KvEntry } from '../../src/build/build-index.ts'
import type { Pointer } from '../../src/store/layout.ts'
import { loadCorpus } from '../../scripts/lib/corpus.ts'

export const SWAP_MARKER = ' Swapped.'

export async function secondBuild(corpus = 'index/corpus'): Promise<{ entries: KvEntry[]; pointer: Pointer }> {
  const { articles } = await loadCorpus(corpus)
  const edited = articles.map((article, i) => {
    if (i !== 0) return article
    const [lead, ...rest] = article.sections
    const first = lead?.passages[0]
    if (!lead || !first) throw new Error('wylb tests: the first article has no lead paragraph to edit')
    return {
      ...article,
      summary: article.summary + SWAP_MARKER,
      sections: [{ ...lead, passages: [{ ...first, text: first.text + SWAP_MARKER }, ...lead.passages.slice(1)] }, ...rest],
    }
  })
  const build = await buildIndex(edited)
  return { entries: build.entries, pointer: build.pointer }
}
