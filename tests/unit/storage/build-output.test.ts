/**
 * What `npm run build:index` leaves for the seed: keys.json lists each key it wrote once, and every one
 * of them is a key the storage contract (src/core/storage/keys.ts) names.
 */
import { spawnSync } from 'node:child_process'
import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import type { KvEntry } from '../../../src/build/kv-entries.ts'
import { parseKey, versionOf } from '../../../src/core/storage/keys.ts'
import type { Manifest } from '../../../src/core/storage/manifest.ts'
import { fixtureCorpusDir } from '../../../tools/corpus/fixture.ts'

const temp = await mkdtemp(join(tmpdir(), 'wylb-build-output-'))
afterAll(() => rm(temp, { recursive: true, force: true }))

interface BuildOutput {
  manifest: Manifest
  listed: string[]
  written: string[]
}

async function cliBuild(flags: string[]): Promise<BuildOutput> {
  const out = join(temp, flags.join('') || 'default')
  const corpus = await fixtureCorpusDir()
  const run = spawnSync(
    process.execPath,
    ['--import', 'tsx', 'scripts/build-index.ts', '--corpus', corpus, '--out', out, '--quiet', ...flags],
    { encoding: 'utf8' },
  )
  expect(run.stderr).not.toMatch(/Error/)
  expect(run.status).toBe(0)
  const listed = (JSON.parse(await readFile(join(out, 'keys.json'), 'utf8')) as [string][]).map(([key]) => key)
  const written: string[] = []
  for (const file of (await readdir(join(out, 'kv'))).sort()) {
    const entries = JSON.parse(await readFile(join(out, 'kv', file), 'utf8')) as KvEntry[]
    written.push(...entries.map((e) => e.key))
  }
  const manifest = JSON.parse(await readFile(join(out, 'manifest.json'), 'utf8')) as Manifest
  return { manifest, listed, written }
}

describe.each([
  ['article models under the version', []],
  ['article models by content', ['--content-articles']],
])('the keys of a build with %s', (_, flags) => {
  const build = cliBuild(flags)

  it('are listed in keys.json once each, as the batch files hold them and the manifest counts them', async () => {
    const { manifest, listed, written } = await build
    expect(new Set(listed).size).toBe(listed.length)
    expect(new Set(written).size).toBe(written.length)
    expect([...listed].sort()).toEqual([...written].sort())
    expect(manifest.key_count).toBe(listed.length)
  })

  it('are each named by the storage contract, under the build version or by content', async () => {
    const { manifest, listed } = await build
    const kinds = listed.map((key) => ({ key, kind: parseKey(key)?.kind }))
    expect(kinds.filter((k) => k.kind === undefined)).toEqual([])
    for (const key of listed) expect([undefined, manifest.version]).toContain(versionOf(key))
    expect(kinds.filter((k) => k.kind === 'manifest')).toHaveLength(1)
    expect(kinds.filter((k) => k.kind === 'key-list')).toHaveLength(1)
    expect(kinds.some((k) => k.kind === 'pointer')).toBe(false)
    const articleKind = manifest.article_keys === 'content' ? 'content-article' : 'article'
    expect(kinds.filter((k) => k.kind === articleKind)).toHaveLength(manifest.counts.articles)
    expect(kinds.filter((k) => k.kind === 'doc-block').length).toBeGreaterThan(0)
    expect(kinds.filter((k) => k.kind === 'term-shard').length).toBeGreaterThan(0)
    expect(kinds.filter((k) => k.kind === 'piece').length).toBeGreaterThan(0)
  })
})

describe('parseKey', () => {
  it('reads back each kind of key from its name, and nothing else', () => {
    expect(parseKey('live')).toEqual({ kind: 'pointer' })
    expect(parseKey('v/125e252ff9d780e0/manifest')).toEqual({ kind: 'manifest', version: '125e252ff9d780e0' })
    expect(parseKey('v/125e252ff9d780e0/keys')).toEqual({ kind: 'key-list', version: '125e252ff9d780e0' })
    expect(parseKey('v/125e252ff9d780e0/article/what-you-leave-behind')).toEqual({
      kind: 'article',
      version: '125e252ff9d780e0',
      slug: 'what-you-leave-behind',
    })
    expect(parseKey('s/kkihrzsvIqd8')).toEqual({ kind: 'piece', name: 's/kkihrzsvIqd8' })
    expect(parseKey('s/d0.HdCNUVaD')).toEqual({ kind: 'doc-block', name: 's/d0.HdCNUVaD' })
    expect(parseKey('s/t2s.HdCNUVaD')).toEqual({ kind: 'term-shard', name: 's/t2s.HdCNUVaD' })
    expect(parseKey('s/cd5814b5b6e8c053a8edea85')).toEqual({
      kind: 'content-article',
      name: 's/cd5814b5b6e8c053a8edea85',
    })
    for (const key of ['v/1/search/meta', 'v/1/article/Not A Slug', 's/short', 'x/whatever', 'livE'])
      expect(parseKey(key)).toBeUndefined()
  })
})
