/** @module Reads a corpus folder: every `<slug>.txt` with its `<slug>.json` sidecar, parsed into articles. */
import { readdir, readFile } from 'node:fs/promises'
import { join } from 'node:path'
import type { Article, Sidecar } from '../../src/core/model.ts'
import { parseArticle } from '../../src/core/parse/index.ts'

export const DEFAULT_CORPUS = 'index/corpus'

export async function loadCorpus(dir = DEFAULT_CORPUS): Promise<Article[]> {
  const texts = (await readdir(dir)).filter((f) => f.endsWith('.txt')).sort()
  if (texts.length === 0) throw new Error(`wylb: no articles (*.txt) in ${dir}`)
  return Promise.all(
    texts.map(async (file) => {
      const slug = file.slice(0, -'.txt'.length)
      const sidecarPath = join(dir, `${slug}.json`)
      const sidecar = JSON.parse(
        await readFile(sidecarPath, 'utf8').catch(() => {
          throw new Error(`wylb: ${file} has no sidecar ${sidecarPath} (source, licence, section titles)`)
        }),
      ) as Sidecar
      return parseArticle(await readFile(join(dir, file), 'utf8'), sidecar, slug)
    }),
  )
}
