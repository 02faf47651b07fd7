import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { parseArticle } from '../../../src/core/parse/index.ts'
import { generateArticles, mulberry32, rankWords, writeSynthCorpus, Zipf } from '../../../tools/corpus/synth.ts'

const seedText = readFileSync(new URL('../../../index/corpus/what-you-leave-behind.txt', import.meta.url), 'utf8')
const dirs: string[] = []
const tempDir = () => {
  const d = mkdtempSync(join(tmpdir(), 'wylb-synth-'))
  dirs.push(d)
  return d
}
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true })
})

function snapshot(dir: string): Map<string, Buffer> {
  return new Map(
    readdirSync(dir)
      .sort()
      .map((f) => [f, readFileSync(join(dir, f))]),
  )
}

const small = [...generateArticles({ mb: 0.05, seed: 1, seedText })]

describe('writeSynthCorpus', () => {
  it('is deterministic: the same seed writes identical bytes', async () => {
    const a = tempDir()
    const b = tempDir()
    const sa = await writeSynthCorpus(a, { mb: 0.05, seed: 7, seedText })
    const sb = await writeSynthCorpus(b, { mb: 0.05, seed: 7, seedText })
    expect(sa.articles).toBe(sb.articles)
    expect(sa.bytes).toBe(sb.bytes)
    const fa = snapshot(a)
    const fb = snapshot(b)
    expect([...fa.keys()]).toEqual([...fb.keys()])
    for (const [name, bytes] of fa) expect(bytes.equals(fb.get(name) as Buffer), name).toBe(true)
    expect(fa.size).toBe(sa.articles * 2)
  })

  it('writes a different corpus for a different seed', async () => {
    const a = snapshot(await (async (d) => (await writeSynthCorpus(d, { mb: 0.05, seed: 1, seedText }), d))(tempDir()))
    const b = snapshot(await (async (d) => (await writeSynthCorpus(d, { mb: 0.05, seed: 2, seedText }), d))(tempDir()))
    const joined = (m: Map<string, Buffer>) => Buffer.concat([...m.values()])
    expect(joined(a).equals(joined(b))).toBe(false)
    expect([...a.keys()]).not.toEqual([...b.keys()])
  })

  it('writes about --mb megabytes of text, each article 5-40 KB and a sidecar per article', async () => {
    const dir = tempDir()
    const s = await writeSynthCorpus(dir, { mb: 0.2, seed: 3, seedText })
    expect(s.bytes).toBeGreaterThanOrEqual(0.2e6)
    expect(s.bytes).toBeLessThan(0.2e6 + 45_000)
    const files = readdirSync(dir)
    const texts = files.filter((f) => f.endsWith('.txt'))
    expect(texts.length).toBe(s.articles)
    for (const t of texts) {
      expect(files).toContain(t.replace(/\.txt$/, '.json'))
      const size = readFileSync(join(dir, t)).length
      expect(size).toBeGreaterThan(4_000)
      expect(size).toBeLessThan(48_000)
    }
  })
})

describe('generated articles', () => {
  it('have unique slugs matching their titles', () => {
    const slugs = small.map((a) => a.slug)
    expect(new Set(slugs).size).toBe(slugs.length)
    for (const a of small) expect(a.text.split('\n')[0]).toBe(a.title)
  })

  it('parse with the real parser: sections, infobox, notes and cited references', () => {
    for (const a of small) {
      const article = parseArticle(a.text, a.sidecar, a.slug)
      expect(article.title).toBe(a.title)
      expect(article.sections.map((s) => s.id)).toEqual(a.sidecar.sections.map((s) => s.id))
      expect(article.sections.length).toBeGreaterThanOrEqual(6) // lead + 3-6 sections + notes + references
      expect(article.summary.length).toBeGreaterThan(20)
      expect(article.infobox?.heading).toBe(`"${a.title}"`)
      expect(article.infobox?.fields.find((f) => f.key === 'directed_by')?.values).toHaveLength(1)
      expect(article.infobox?.fields.find((f) => f.key === 'original_air_date')?.iso_date).toMatch(
        /^\d{4}-\d{2}-\d{2}$/,
      )
      const lines = a.text.split('\n')
      // A quoted title is the previous episode; a season link (a season opener) means there is none.
      const shown = lines[lines.indexOf('← Previous') + 1]!
      expect(article.infobox?.previous).toBe(/^".+"$/.test(shown) ? shown.slice(1, -1) : null)
      expect(article.notes.length).toBeGreaterThanOrEqual(1)
      expect(article.references.length).toBeGreaterThanOrEqual(3)
      for (const r of article.references) {
        expect(r.title).toBeTruthy()
        expect(r.publisher).toBeTruthy()
        expect(r.retrieved).toMatch(/^\d{4}-\d{2}-\d{2}$/)
        expect(r.cited_by.length).toBeGreaterThanOrEqual(1)
        if (r.backlinks.length) expect(r.backlinks.length).toBe(r.cited_by.length)
        else expect(r.cited_by.length).toBe(1)
      }
      for (const n of article.notes) expect(n.cited_by.length).toBeGreaterThanOrEqual(1)
      const passages = article.sections.flatMap((s) => s.passages)
      expect(passages.filter((p) => p.kind === 'paragraph').length).toBeGreaterThan(5)
    }
  })

  it('draw words with a Zipf distribution: the top word far outnumbers the 100th', () => {
    const counts = new Map<string, number>()
    for (const a of small)
      for (const m of a.text.toLowerCase().matchAll(/[a-z]+/g)) counts.set(m[0], (counts.get(m[0]) ?? 0) + 1)
    const ranked = [...counts.values()].sort((x, y) => y - x)
    expect(ranked.length).toBeGreaterThan(500)
    expect((ranked[0] as number) / (ranked[99] as number)).toBeGreaterThan(10)
  })

  it('grow the vocabulary with the corpus, seeded by the real words, with recurring names', () => {
    const distinct = (mb: number) => {
      const words = new Set<string>()
      for (const a of generateArticles({ mb, seed: 1, seedText }))
        for (const m of a.text.matchAll(/[a-z]+/g)) words.add(m[0])
      return words
    }
    const big = distinct(0.5)
    expect(big.size).toBeGreaterThan(distinct(0.05).size)
    const real = rankWords(seedText).slice(0, 50)
    expect(real.filter((w) => big.has(w)).length).toBeGreaterThan(40)
    // Directors are names; some direct more than one article.
    const directors = small.map((a) => /Directed by(.+)/.exec(a.text)?.[1])
    const people = [
      ...small
        .map((a) => a.text)
        .join('\n')
        .matchAll(/\b[A-Z][a-z]+ [A-Z][a-z]+\b/g),
    ].map((m) => m[0])
    expect(directors.every(Boolean)).toBe(true)
    const seenIn = new Map<string, number>()
    for (const p of new Set(people)) seenIn.set(p, small.filter((a) => a.text.includes(p)).length)
    expect([...seenIn.values()].some((n) => n > 1)).toBe(true)
  })
})

describe('primitives', () => {
  it('mulberry32 is seeded and in [0, 1)', () => {
    const a = mulberry32(42)
    const b = mulberry32(42)
    const xs = Array.from({ length: 1000 }, a)
    expect(xs).toEqual(Array.from({ length: 1000 }, b))
    expect(xs.every((x) => x >= 0 && x < 1)).toBe(true)
    expect(mulberry32(43)()).not.toBe(xs[0])
  })

  it('Zipf matches 1/r^s frequencies', () => {
    const z = new Zipf(1000, 1.07)
    const rng = mulberry32(1)
    const counts = new Array<number>(1000).fill(0)
    for (let i = 0; i < 200_000; i++) {
      const r = z.sample(rng)
      counts[r] = (counts[r] ?? 0) + 1
    }
    let h = 0
    for (let r = 1; r <= 1000; r++) h += 1 / r ** 1.07
    for (const r of [0, 1, 9]) expect((counts[r] as number) / 200_000).toBeCloseTo(1 / (r + 1) ** 1.07 / h, 2)
    expect(counts.every((c) => c >= 0)).toBe(true)
  })
})
