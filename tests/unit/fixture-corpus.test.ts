/**
 * Tests own their fixtures: adding an article to index/corpus the way docs/indexing.md describes changes no test's
 * expectation. The suites that count or rank build the fixture corpus (the default article alone, see
 * tests/fixture-corpus.ts); this builds index/corpus plus an extra article, as a user would, and checks
 * that what the suites see does not move.
 */
import { spawnSync } from 'node:child_process'
import { cp, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { buildIndex } from '../../src/build/kv-entries.ts'
import { generateArticles } from '../../scripts/lib/synth.ts'
import { FIXTURE_SLUG, fixtureCorpus } from '../fixture-corpus.ts'
import { firstBuild } from '../worker/second-build.ts'

const temp = await mkdtemp(join(tmpdir(), 'wylb-extra-article-'))
afterAll(() => rm(temp, { recursive: true, force: true }))

/** A copy of index/corpus with one more article dropped in (a .txt and its .json sidecar). */
async function corpusWithExtraArticle(): Promise<{ dir: string; slug: string }> {
  const dir = join(temp, 'corpus')
  await cp('index/corpus', dir, { recursive: true })
  const seedText = await readFile(`index/corpus/${FIXTURE_SLUG}.txt`, 'utf8')
  const extra = [...generateArticles({ mb: 0.01, seed: 7, seedText })][0]!
  await writeFile(join(dir, `${extra.slug}.txt`), extra.text)
  await writeFile(join(dir, `${extra.slug}.json`), JSON.stringify(extra.sidecar, null, 2))
  return { dir, slug: extra.slug }
}

describe('an article added to the corpus', () => {
  it('builds, and leaves the corpus and builds the tests use as they were', async () => {
    const before = await firstBuild()
    const { dir, slug } = await corpusWithExtraArticle()
    const out = join(temp, 'build')
    const run = spawnSync(
      process.execPath,
      ['--import', 'tsx', 'scripts/build-index.ts', '--corpus', dir, '--out', out, '--quiet'],
      {
        encoding: 'utf8',
      },
    )
    expect(run.stderr).not.toMatch(/Error/)
    expect(run.status).toBe(0)
    const built = JSON.parse(await readFile(join(out, 'manifest.json'), 'utf8'))
    const inCorpus = (await readdir('index/corpus')).filter((f) => f.endsWith('.txt')).length
    expect(built.counts.articles).toBe(inCorpus + 1)

    // The fixture is the default article alone, whatever index/corpus holds.
    const { articles } = await fixtureCorpus()
    expect(articles.map((a) => a.slug)).toEqual([FIXTURE_SLUG])
    expect(articles.map((a) => a.slug)).not.toContain(slug)
    const after = await firstBuild()
    expect(after.pointer.version).toBe(before.pointer.version)
    expect((await buildIndex(articles)).manifest.counts).toMatchObject({ articles: 1, references: 22, notes: 2 })
  }, 120_000)
})
