/** The KV layout: versioned keys, a pointer written apart, values chunked under KV's limit. */
import { describe, expect, it } from 'vitest'
import { buildIndex } from '../../../src/build/kv-entries.ts'
import { POINTER_KEY, keys, nameMatches, sha256Hex } from '../../../src/core/storage/keys.ts'
import { splitChunks } from '../../../src/core/storage/limits.ts'
import { fixtureCorpus } from '../../fixture-corpus.ts'

const { articles } = await fixtureCorpus()
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/

describe('splitChunks', () => {
  it('keeps a small value whole', () => {
    expect(splitChunks('abc', 10)).toEqual(['abc'])
  })

  it('cuts a large value into pieces that join back to it', () => {
    const value = 'x'.repeat(25)
    const chunks = splitChunks(value, 10)
    expect(chunks.map((c) => c.length)).toEqual([10, 10, 5])
    expect(chunks.join('')).toBe(value)
  })

  it('never cuts inside a surrogate pair', () => {
    const value = 'ab🖖cd🖖ef'
    for (const size of [2, 3, 4, 5]) {
      const chunks = splitChunks(value, size)
      expect(chunks.join('')).toBe(value)
      for (const chunk of chunks) expect(chunk).not.toMatch(LONE_SURROGATE)
    }
  })
})

describe('buildIndex', () => {
  it('writes and lists every key once, equal pieces being one content-addressed key', async () => {
    const build = await buildIndex(articles)
    const keysWritten = build.entries.map((e) => e.key)
    expect(new Set(keysWritten).size).toBe(keysWritten.length)
    const listed = JSON.parse(build.entries.find((e) => e.key === keys.list(build.manifest.version))!.value) as [
      string,
    ][]
    expect(new Set(listed.map(([key]) => key)).size).toBe(listed.length)
  })

  it('puts every key under the version or under its content hash, the manifest last, and leaves the pointer apart', async () => {
    const build = await buildIndex(articles)
    const { version } = build.manifest
    for (const e of build.entries) {
      if (e.key.startsWith('s/')) expect(nameMatches(e.key, await sha256Hex(e.value))).toBe(true)
      else expect(e.key.startsWith(keys.prefix(version))).toBe(true)
    }
    expect(build.entries.at(-1)?.key).toBe(keys.manifest(version))
    expect(build.entries.some((e) => e.key === POINTER_KEY)).toBe(false)
    expect(build.pointer.version).toBe(version)
  })

  it('lists every stored key in the key list with the hash of its value', async () => {
    const build = await buildIndex(articles)
    const values = new Map(build.entries.map((e) => [e.key, e.value]))
    const listed = JSON.parse(values.get(keys.list(build.manifest.version)) as string) as [string, string, number][]
    for (const [key, sha256] of listed)
      expect((await sha256Hex(values.get(key) as string)).startsWith(sha256)).toBe(true)
    expect(listed).toHaveLength(build.entries.length - 2)
    expect(build.manifest.key_count).toBe(build.entries.length)
  })

  it('gives the same version to the same corpus, whenever it is built', async () => {
    const a = await buildIndex(articles, new Date('2026-01-01'))
    const b = await buildIndex(articles, new Date('2026-06-01'))
    expect(a.manifest.version).toBe(b.manifest.version)
    expect(a.manifest.built_at).not.toBe(b.manifest.built_at)
  })

  it('gives a new version when the text changes', async () => {
    const [article] = articles
    const edited = { ...article!, summary: `${article!.summary} Edited.` }
    expect((await buildIndex([edited])).manifest.version).not.toBe((await buildIndex(articles)).manifest.version)
  })

  it('counts what it stored', async () => {
    const { counts } = (await buildIndex(articles)).manifest
    expect(counts).toMatchObject({ articles: 1, references: 22, notes: 2, sections: 8 })
  })

  it('refuses two articles with one slug', async () => {
    await expect(buildIndex([...articles, ...articles])).rejects.toThrow(/two articles have the slug/)
  })
})
