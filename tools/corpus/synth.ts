/**
 * @module Synthetic corpora: deterministic plain-text articles in the same format as `index/corpus` (a `<slug>.txt`
 * and its `<slug>.json` sidecar), for benchmarks at any size. Words come from the real article's vocabulary
 * plus generated pseudo-words, drawn with a Zipf distribution; the vocabulary grows with the corpus (Heaps' law)
 * and names recur across articles. Same seed and seed text → same bytes. `generateArticles` is pure (a lazy
 * generator); `writeSynthCorpus` writes files one article at a time.
 */
import { writeFileSync } from 'node:fs'
import { mkdir } from 'node:fs/promises'
import { join } from 'node:path'
import type { Sidecar } from '../../src/core/model.ts'
import { INFOBOX_LABELS } from '../../src/core/parse/infobox.ts'
import { slugify } from '../../src/core/parse/slug.ts'

/** mulberry32: a small, fast, seeded PRNG with 32 bits of state; returns floats in [0, 1). */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

/** Lowercase words of a text (letters only, apostrophes inside kept out), most frequent first, ties alphabetical. */
export function rankWords(text: string): string[] {
  const counts = new Map<string, number>()
  for (const m of text.toLowerCase().matchAll(/[a-z]+/g)) {
    const w = m[0]
    if (w.length < 2 && w !== 'a') continue
    counts.set(w, (counts.get(w) ?? 0) + 1)
  }
  return [...counts].sort((x, y) => y[1] - x[1] || (x[0] < y[0] ? -1 : 1)).map(([w]) => w)
}

/**
 * Draws ranks 0..n-1 with P(r) ∝ 1 / (r + 1)^s, exactly, by inversion of the CDF. A guide table (the first rank of
 * each of 2n equal slices of the CDF) makes each draw one or two steps instead of a binary search.
 */
export class Zipf {
  private readonly cdf: Float64Array
  private readonly guide: Uint32Array
  private readonly total: number
  constructor(
    readonly n: number,
    readonly s = 1.07,
  ) {
    this.cdf = new Float64Array(n)
    let sum = 0
    for (let r = 0; r < n; r++) this.cdf[r] = sum += 1 / Math.pow(r + 1, s)
    this.total = sum
    const m = Math.max(16, n * 2)
    this.guide = new Uint32Array(m)
    let r = 0
    for (let k = 0; k < m; k++) {
      const u = (k / m) * sum
      while (r < n - 1 && (this.cdf[r] as number) <= u) r++
      this.guide[k] = r
    }
  }
  sample(rng: () => number): number {
    const x = rng()
    const u = x * this.total
    let r = this.guide[(x * this.guide.length) | 0] as number
    while ((this.cdf[r] as number) <= u && r < this.n - 1) r++
    return r
  }
}

const ONSETS = [
  'b',
  'c',
  'd',
  'f',
  'g',
  'h',
  'j',
  'k',
  'l',
  'm',
  'n',
  'p',
  'r',
  's',
  't',
  'v',
  'w',
  'z',
  'br',
  'ch',
  'cl',
  'dr',
  'fl',
  'gr',
  'kr',
  'pl',
  'pr',
  'sh',
  'st',
  'th',
  'tr',
  '',
]
const VOWELS = ['a', 'e', 'i', 'o', 'u', 'a', 'e', 'i', 'o', 'ai', 'ea', 'ou', 'io', 'y']
const SYLLABLES = [1, 2, 2, 2, 3, 3, 4]
const CODAS = ['', '', '', 'n', 'r', 's', 'l', 'm', 't', 'nd', 'rk', 'st', 'x', 'th', 'ng']

/** A pronounceable pseudo-word of 1-4 syllables. */
export function pseudoWord(rng: () => number): string {
  const syllables = pick(rng, SYLLABLES)
  let w = ''
  for (let i = 0; i < syllables; i++) {
    w += pick(rng, ONSETS) + pick(rng, VOWELS) + (i === syllables - 1 || rng() < 0.3 ? pick(rng, CODAS) : '')
  }
  return w
}

function pick<T>(rng: () => number, list: readonly T[]): T {
  return list[Math.floor(rng() * list.length)] as T
}

function int(rng: () => number, min: number, max: number): number {
  return min + Math.floor(rng() * (max - min + 1))
}

function cap(w: string): string {
  return w.charAt(0).toUpperCase() + w.slice(1)
}

const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
]
const DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
const PUBLISHER_SUFFIX = [
  'Times',
  'Review',
  'Weekly',
  'Journal',
  'Post',
  'Tribune',
  'Magazine',
  'Herald',
  'Online',
  'Reviews',
]
const LICENCE = { name: 'CC BY-SA 4.0', url: 'https://creativecommons.org/licenses/by-sa/4.0/' }

export interface SynthOptions {
  /** Total size of the articles' text (`.txt`), in megabytes (10^6 bytes). */
  mb: number
  seed?: number
  /** Text whose words seed the vocabulary (the real corpus); generated words follow them in rank. */
  seedText?: string
  /** Zipf exponent; default 1.07. */
  zipf?: number
}

export interface SynthArticle {
  slug: string
  title: string
  /** The plain text, as `<slug>.txt`. */
  text: string
  sidecar: Sidecar
}

/** Vocabulary size for a corpus of `words` running words (Heaps' law, K=40, β=0.5), never below `min`. */
export function vocabularySize(words: number, min: number): number {
  return Math.max(min, Math.round(40 * Math.sqrt(words)))
}

/** A generated date; `iso` is its ISO form. */
interface SynthDate {
  printed: string
  iso: string
}

/**
 * Yields synthetic articles until their text totals `mb` megabytes. Deterministic: the output depends only
 * on the options. Each article is ~5-40 KB.
 */
export function* generateArticles(opts: SynthOptions): Generator<SynthArticle> {
  const rng = mulberry32(opts.seed ?? 1)
  const target = Math.max(0, opts.mb) * 1e6
  const seedWords = rankWords(opts.seedText ?? '')
  const size = vocabularySize(target / 6, Math.max(seedWords.length, 500))
  const vocab: string[] = [...seedWords]
  const seen = new Set(vocab)
  while (vocab.length < size) {
    const w = pseudoWord(rng)
    if (w.length > 1 && !seen.has(w)) {
      seen.add(w)
      vocab.push(w)
    }
  }
  const words = new Zipf(vocab.length, opts.zipf ?? 1.07)
  const word = () => vocab[words.sample(rng)] as string
  const spaced = vocab.map((w) => ` ${w}`)
  /** Content words: skip the very top ranks (articles, prepositions) for titles. */
  const contentWord = () => vocab[Math.min(vocab.length - 1, 40 + words.sample(rng))] as string

  // Names recur: capitalized pseudo-words, never starting like an infobox label (the parser reads labels by prefix).
  const nameCount = Math.max(200, Math.round(Math.sqrt(target / 6) * 2))
  const makeNames = (n: number) => {
    const out: string[] = []
    const used = new Set<string>()
    while (out.length < n) {
      const w = cap(pseudoWord(rng))
      if (w.length < 3 || used.has(w) || INFOBOX_LABELS.some((l) => w.startsWith(l.split(' ')[0] ?? l))) continue
      used.add(w)
      out.push(w)
    }
    return out
  }
  const given = makeNames(Math.round(nameCount / 3))
  const surnames = makeNames(nameCount)
  const givenZipf = new Zipf(given.length, 1)
  const surnameZipf = new Zipf(surnames.length, 1)
  const surname = () => surnames[surnameZipf.sample(rng)] as string
  const person = () => `${given[givenZipf.sample(rng)]} ${surname()}`
  const publishers = Array.from({ length: 60 }, () =>
    rng() < 0.3 ? `${cap(pseudoWord(rng))}.com` : `The ${cap(pseudoWord(rng))} ${pick(rng, PUBLISHER_SUFFIX)}`,
  )
  const series = Array.from(
    { length: Math.max(5, Math.round(nameCount / 40)) },
    () => `${cap(contentWord())} ${cap(contentWord())}`,
  )

  const date = (from = 1960, to = 2024): SynthDate => {
    const y = int(rng, from, to)
    const m = int(rng, 1, 12)
    const d = int(rng, 1, DAYS[m - 1] as number)
    return {
      printed: `${MONTHS[m - 1]} ${d}, ${y}`,
      iso: `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`,
    }
  }
  const titleWords = (n: number) => Array.from({ length: n }, () => cap(contentWord())).join(' ')

  const slugs = new Set<string>()
  const recent: string[] = []
  let written = 0

  while (written < target) {
    // Title, unique by slug.
    let title = titleWords(int(rng, 1, 4))
    for (let k = 2; slugs.has(slugify(title)) || !slugify(title); k++)
      title = `${titleWords(int(rng, 1, 4))}${k > 4 ? ` ${k}` : ''}`
    const slug = slugify(title)
    slugs.add(slug)

    const budget = Math.round(5000 * Math.pow(8, rng())) // 5-40 KB, log-uniform
    const refCount = Math.min(30, Math.max(3, Math.round(budget / 1500)))
    const noteCount = int(rng, 1, 3)
    const cites: number[] = new Array(refCount).fill(0)
    let nextRef = 1
    let nextNote = 1
    const marker = (): string => {
      const r = rng()
      if (nextNote <= noteCount && r < 0.04) return `[note ${nextNote++}]`
      if (r > 0.45) return ''
      let out = ''
      for (let k = rng() < 0.8 ? 1 : int(rng, 2, 3); k > 0; k--) {
        // A new source (in order of first use) or one already cited.
        const ref =
          nextRef <= refCount && (nextRef === 1 || rng() < 0.5)
            ? nextRef++
            : int(rng, 1, Math.min(refCount, nextRef - 1))
        if (out.includes(`[${ref}]`)) continue
        cites[ref - 1] = (cites[ref - 1] ?? 0) + 1
        out += `[${ref}]`
      }
      return out
    }
    const sentence = (): string => {
      const n = int(rng, 6, 28)
      let out = cap(word())
      for (let i = 1; i < n; i++) {
        // One draw decides the kind of token and, for plain words, a trailing comma.
        const r = rng()
        if (r < 0.04) out += ` ${person()}`
        else if (r < 0.05 && recent.length) out += ` "${pick(rng, recent)}"`
        else {
          out += spaced[words.sample(rng)] as string
          if (r > 0.94 && i > 2 && i < n - 2) out += ','
        }
      }
      return `${out}.${marker()}`
    }
    /** Words without markers or closing punctuation: captions. */
    const phrase = (n: number) => Array.from({ length: n }, word).join(' ')
    const paragraph = (sentences: number) => Array.from({ length: sentences }, sentence).join(' ')

    // Lead with the flattened infobox after its first paragraph, as in the real export.
    const show = pick(rng, series)
    const aired = date()
    const writers = Array.from({ length: int(rng, 1, 2) }, person)
    const infobox = [
      `"${title}"`,
      `${show} episode`,
      `${title}.jpg`,
      `${cap(word())} ${phrase(int(rng, 4, 12))}`,
      `Episode no.Season ${int(rng, 1, 9)}`,
      `Episode ${int(rng, 1, 26)}`,
      `Directed by${person()}`,
      `Written by${writers[0]}`,
      ...writers.slice(1),
      `Featured music${person()}`,
      `Production code${int(rng, 100, 999)}`,
      `Original air date${aired.printed} (${aired.iso})`,
      'Guest appearance(s)',
      'Episode chronology',
      '← Previous',
      recent.length ? `"${recent[recent.length - 1]}"` : `${show} (season 1)`,
      'Next →',
      rng() < 0.8 ? `"${titleWords(int(rng, 1, 3))}"` : `List of ${show} episodes`,
    ]
    const lead = [
      paragraph(int(rng, 2, 5)),
      infobox.join('\n'),
      ...Array.from({ length: int(rng, 1, 2) }, () => paragraph(int(rng, 2, 5))),
    ]

    const sectionCount = int(rng, 3, 6)
    const sections: string[] = []
    const sidecarSections: Sidecar['sections'] = [{ id: 'lead', title: 'Lead', level: 1 }]
    const sectionIds = new Set(['lead', 'notes', 'references'])
    let used = lead.reduce((n, p) => n + p.length + 2, title.length + 2) + refCount * 160
    for (let s = 0; s < sectionCount; s++) {
      let heading = titleWords(int(rng, 1, 2))
      while (/note|reference/i.test(heading) || sectionIds.has(slugify(heading)) || !slugify(heading))
        heading = titleWords(int(rng, 1, 3))
      sectionIds.add(slugify(heading))
      const level = s > 0 && rng() < 0.2 ? 2 : 1
      sidecarSections.push({ id: slugify(heading), title: heading, level })
      const share = (budget - used) / (sectionCount - s)
      const paragraphs: string[] = []
      // Some sections open with an image caption: short, no closing punctuation.
      if (rng() < 0.2) paragraphs.push(`${person()} ${phrase(int(rng, 4, 10))}`)
      let size = 0
      do {
        const p = paragraph(int(rng, 3, 8))
        paragraphs.push(p)
        size += p.length + 2
      } while (size < share)
      used += size
      sections.push(paragraphs.join('\n\n'))
    }

    // Every ref and note is cited at least once; uncited ones get a marker at the end of the last section.
    let tail = ''
    for (let n = nextNote; n <= noteCount; n++) tail += `[note ${n}]`
    for (let r = 0; r < refCount; r++) {
      if (cites[r] === 0) {
        cites[r] = 1
        tail += `[${r + 1}]`
      }
    }
    if (tail) sections[sections.length - 1] += ` ${cap(word())} ${word()} ${word()}.${tail}`

    const notes = Array.from({ length: noteCount }, (_, i) => `  ${i + 1}. ^ ${paragraph(1)}`)
    const refs = cites.map((count, i) => {
      const letters =
        count > 1
          ? `${Array.from({ length: count }, (_, k) => (k < 26 ? String.fromCharCode(97 + k) : 'z')).join(' ')} `
          : ''
      const published = date(1990, 2023)
      const retrieved = date(2010, 2024)
      const author = rng() < 0.85 ? `${surname()}, ${given[givenZipf.sample(rng)]} (${published.printed}). ` : ''
      const refTitle = titleWords(int(rng, 3, 8))
      const archived = rng() < 0.15 ? ` Archived from the original on ${date(2005, 2024).printed}.` : ''
      const publisher = pick(rng, publishers)
      return `  ${i + 1}. ^ ${letters}${author}"${refTitle}". ${publisher}.${archived} Retrieved ${retrieved.printed}.`
    })
    sidecarSections.push({ id: 'notes', title: 'Notes', level: 1 }, { id: 'references', title: 'References', level: 1 })

    const body = [lead.join('\n\n'), sections.join('\n\n\n'), notes.join('\n'), refs.join('\n')]
    const text = `${title}\n\n${body.join('\n\n\n')}\n`
    written += Buffer.byteLength(text)
    recent.push(title)
    if (recent.length > 200) recent.shift()
    yield {
      slug,
      title,
      text,
      sidecar: {
        source: `https://synth.example.org/wiki/${encodeURIComponent(title.replace(/ /g, '_'))}`,
        licence: { ...LICENCE },
        sections: sidecarSections,
      },
    }
  }
}

export interface SynthSummary {
  articles: number
  /** Bytes of article text (`.txt`), sidecars excluded. */
  bytes: number
  sidecarBytes: number
  seconds: number
}

/**
 * Writes a synthetic corpus into `dir` (created if needed), one article at a time: memory stays at one article.
 * Synchronous writes: for many small files they beat async ones (no thread-pool round trip per file).
 */
export async function writeSynthCorpus(dir: string, opts: SynthOptions): Promise<SynthSummary> {
  const started = performance.now()
  await mkdir(dir, { recursive: true })
  let articles = 0
  let bytes = 0
  let sidecarBytes = 0
  for (const a of generateArticles(opts)) {
    const text = Buffer.from(a.text)
    const sidecar = Buffer.from(`${JSON.stringify(a.sidecar, null, 2)}\n`)
    writeFileSync(join(dir, `${a.slug}.txt`), text)
    writeFileSync(join(dir, `${a.slug}.json`), sidecar)
    articles++
    bytes += text.length
    sidecarBytes += sidecar.length
  }
  return { articles, bytes, sidecarBytes, seconds: (performance.now() - started) / 1000 }
}
