/**
 * The corpus the tests specify behaviour over: the default article alone, copied into a folder of its
 * own, so that articles a user adds to index/corpus change no expectation (counts, top hits, unknown
 * slugs). Node only: vitest.config.ts builds the workerd tests' KV from it.
 */
import { copyFile, mkdtemp } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { loadCorpus, type Corpus } from './load.ts'

export const FIXTURE_SLUG = 'what-you-leave-behind'
const SOURCE = new URL('../../index/corpus/', import.meta.url)

let folder: Promise<string> | undefined
/** A temporary folder holding the default article's two files and nothing else. */
export function fixtureCorpusDir(): Promise<string> {
  folder ??= (async () => {
    const dir = await mkdtemp(join(tmpdir(), 'wylb-fixture-corpus-'))
    for (const ext of ['txt', 'json'])
      await copyFile(new URL(`${FIXTURE_SLUG}.${ext}`, SOURCE), join(dir, `${FIXTURE_SLUG}.${ext}`))
    return dir
  })()
  return folder
}

let corpus: Promise<Corpus> | undefined
export function fixtureCorpus(): Promise<Corpus> {
  corpus ??= fixtureCorpusDir().then((dir) => loadCorpus(dir))
  return corpus
}
