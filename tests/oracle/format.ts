/** @module The serialized pieces of a search index: names, shapes and validation on load. */
import { PASSAGE_KINDS, type PassageKind } from '../../src/core/model.ts'
import type { PassageTokens } from '../../src/core/search/passage-tokens.ts'
import { IndexFormatError } from '../../src/core/search/types.ts'
import type { VocabEntry } from '../../src/core/search/vocab.ts'
import { FORMAT_VERSION } from '../../src/core/storage/format-version.ts'

export type { VocabEntry }

export interface Meta {
  format: number
  counts: { articles: number; sections: number; passages: number; terms: number; vocab: number }
  /** Names of the FlexSearch pieces (`flex.1.reg`, `flex.1.map`, ...). */
  flex: string[]
}

export interface Docs {
  articles: [slug: string, title: string][]
  /** Parent is the id of the enclosing section (a subsection's), else null. */
  sections: [article: number, id: string, title: string, parent: string | null][]
  passages: [id: string, section: number, kind: number, text: string][]
}

/** Per passage: parts as flat [term, start, length]*, joins as flat [pos, span, term]*. */
/** `fields`: [term, position]* of the passage's fields (src/core/search/fields.ts), past its text. */
export type Stream = [parts: number[], joins: number[], fields?: number[]]

export const KINDS: readonly PassageKind[] = PASSAGE_KINDS

export interface Pieces {
  meta: Meta
  docs: Docs
  terms: string[]
  vocab: VocabEntry[]
  streams: Stream[]
}

const isArr = Array.isArray
const isInt = (n: unknown): n is number => Number.isInteger(n)

function parse<T>(pieces: Record<string, string>, name: string): T {
  const raw = pieces[name]
  if (typeof raw !== 'string') throw new IndexFormatError(`search index piece "${name}" is missing`)
  try {
    return JSON.parse(raw) as T
  } catch {
    throw new IndexFormatError(`search index piece "${name}" is not valid JSON`)
  }
}

/** Parses and checks the pieces; throws IndexFormatError naming what is wrong. */
export function readPieces(pieces: Record<string, string>): Pieces {
  if (!pieces || typeof pieces !== 'object') throw new IndexFormatError('search index pieces are missing')
  const meta = parse<Meta>(pieces, 'meta')
  if (!meta || meta.format !== FORMAT_VERSION) {
    throw new IndexFormatError(
      `search index format ${String(meta?.format)} is not the supported ${FORMAT_VERSION}; rebuild the index`,
    )
  }
  const docs = parse<Docs>(pieces, 'docs')
  const terms = parse<string[]>(pieces, 'terms')
  const vocab = parse<VocabEntry[]>(pieces, 'vocab')
  const streams = parse<Stream[]>(pieces, 'streams')
  const c = meta.counts
  const ok =
    c &&
    isArr(meta.flex) &&
    meta.flex.every((k) => typeof k === 'string' && k.startsWith('flex.')) &&
    isArr(docs?.articles) &&
    docs.articles.length === c.articles &&
    isArr(docs.sections) &&
    docs.sections.length === c.sections &&
    isArr(docs.passages) &&
    docs.passages.length === c.passages &&
    isArr(terms) &&
    terms.length === c.terms &&
    terms.every((t) => typeof t === 'string') &&
    isArr(vocab) &&
    vocab.length === c.vocab &&
    isArr(streams) &&
    streams.length === c.passages
  if (!ok) throw new IndexFormatError('search index pieces do not agree with their manifest (counts or shapes differ)')
  for (const s of docs.sections) {
    if (!isArr(s) || !isInt(s[0]) || !docs.articles[s[0]] || typeof s[1] !== 'string' || typeof s[2] !== 'string') {
      throw new IndexFormatError('search index piece "docs" has a malformed section')
    }
  }
  for (const p of docs.passages) {
    if (
      !isArr(p) ||
      typeof p[0] !== 'string' ||
      !isInt(p[1]) ||
      !docs.sections[p[1]] ||
      !isInt(p[2]) ||
      !KINDS[p[2]] ||
      typeof p[3] !== 'string'
    ) {
      throw new IndexFormatError('search index piece "docs" has a malformed passage')
    }
  }
  for (const v of vocab) {
    if (
      !isArr(v) ||
      typeof v[0] !== 'string' ||
      !isInt(v[1]) ||
      v[1] < 0 ||
      v[1] >= terms.length ||
      !isInt(v[2]) ||
      typeof v[3] !== 'string'
    ) {
      throw new IndexFormatError('search index piece "vocab" has a malformed entry')
    }
  }
  streams.forEach((s, i) => {
    const text = docs.passages[i]![3]
    const [parts, joins] = isArr(s) ? s : []
    if (!isArr(parts) || !isArr(joins) || parts.length % 3 !== 0 || joins.length % 3 !== 0) {
      throw new IndexFormatError('search index piece "streams" has a malformed passage')
    }
    for (let j = 0; j < parts.length; j += 3) {
      const t = parts[j],
        st = parts[j + 1],
        len = parts[j + 2]
      if (!isInt(t) || t < 0 || t >= terms.length || !isInt(st) || !isInt(len) || st < 0 || st + len > text.length) {
        throw new IndexFormatError('search index piece "streams" points outside its passage')
      }
    }
    const n = parts.length / 3
    for (let j = 0; j < joins.length; j += 3) {
      const pos = joins[j],
        span = joins[j + 1],
        t = joins[j + 2]
      if (
        !isInt(pos) ||
        !isInt(span) ||
        !isInt(t) ||
        pos < 0 ||
        span < 2 ||
        pos + span > n ||
        t < 0 ||
        t >= terms.length
      ) {
        throw new IndexFormatError('search index piece "streams" has a malformed join')
      }
    }
  })
  return { meta, docs, terms, vocab, streams }
}

/** A passage's stream decoded into the tokens ranking reads. */
export function decodeStream(stream: Stream): PassageTokens {
  const [parts, joins, fields = []] = stream
  const n = parts.length / 3
  // With fields, terms by position is sparse (as the sharded engine's is): positions past n are fields.
  const terms = fields.length > 0 ? ({} as unknown as Int32Array) : new Int32Array(n)
  const starts = new Int32Array(n)
  const ends = new Int32Array(n)
  const positions = new Map<number, number[]>()
  const add = (term: number, pos: number): void => {
    const list = positions.get(term)
    if (list) {
      if (list[list.length - 1] !== pos) list.push(pos)
    } else positions.set(term, [pos])
  }
  for (let i = 0; i < n; i++) {
    terms[i] = parts[3 * i]!
    starts[i] = parts[3 * i + 1]!
    ends[i] = starts[i]! + parts[3 * i + 2]!
    add(terms[i]!, i)
  }
  for (let f = 0; f < fields.length; f += 2) {
    terms[fields[f + 1]!] = fields[f]!
    add(fields[f]!, fields[f + 1]!)
  }
  const joinsAt = new Map<number, [number, number][]>()
  for (let j = 0; j < joins.length; j += 3) {
    const pos = joins[j]!
    const span = joins[j + 1]!
    const term = joins[j + 2]!
    let list = joinsAt.get(pos)
    if (!list) joinsAt.set(pos, (list = []))
    list.push([span, term])
    add(term, pos)
  }
  for (const list of positions.values()) list.sort((a, b) => a - b)
  return { terms, starts, ends, joinsAt, positions, length: n }
}
