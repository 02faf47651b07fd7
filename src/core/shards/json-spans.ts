/**
 * @module Where the values of a piece's JSON text lie, found without parsing it: a term shard or doc block
 * stays cached as its text (a byte a character when it is Latin-1) with the spans of its rows, and a query
 * parses only the rows or passages it reads. JSON.parse of a whole piece made hundreds of arrays and
 * strings that the cache then held, which outlived the young generation and, once evicted, brought on
 * V8's mark-compact pauses; and a parsed piece costs about twice its text, so half as many stayed cached.
 */
import { IndexFormatError } from '../search/types.ts'

const QUOTE = 34
const BACKSLASH = 92
const COMMA = 44
const COLON = 58
const OPEN_ARRAY = 91
const CLOSE_ARRAY = 93
const OPEN_OBJECT = 123
const CLOSE_OBJECT = 125

/** A text a piece holds that is not the JSON its kind is written as. */
export const notJson = (name: string): IndexFormatError =>
  new IndexFormatError(`search index piece "${name}" is not valid JSON`)

/** The JSON value of piece `name`'s text (or of its span `from`..`to`); malformed text is an IndexFormatError. */
export function parsePiece<T>(name: string, text: string, from = 0, to = text.length): T {
  try {
    return JSON.parse(from === 0 && to === text.length ? text : text.slice(from, to)) as T
  } catch {
    throw notJson(name)
  }
}

/** One past the closing quote of the string that opens at `at` (-1: it never closes). */
function stringEnd(text: string, at: number): number {
  let q = at
  for (;;) {
    q = text.indexOf('"', q + 1)
    if (q < 0) return -1
    let slashes = 0
    while (text.charCodeAt(q - 1 - slashes) === BACKSLASH) slashes++
    if (slashes % 2 === 0) return q + 1
  }
}

const isSpace = (c: number): boolean => c === 32 || c === 10 || c === 13 || c === 9

/** One past the end of the JSON value that starts at `at` (-1: the text ends first). */
function valueEnd(text: string, at: number): number {
  const c = text.charCodeAt(at)
  if (c === QUOTE) return stringEnd(text, at)
  if (c !== OPEN_ARRAY && c !== OPEN_OBJECT) {
    let i = at
    while (i < text.length) {
      const d = text.charCodeAt(i)
      if (d === COMMA || d === CLOSE_ARRAY || d === CLOSE_OBJECT || isSpace(d)) break
      i++
    }
    return i > at ? i : -1
  }
  let depth = 0
  for (let i = at; i < text.length; i++) {
    const d = text.charCodeAt(i)
    if (d === QUOTE) {
      i = stringEnd(text, i) - 1
      if (i < 0) return -1
    } else if (d === OPEN_ARRAY || d === OPEN_OBJECT) depth++
    else if ((d === CLOSE_ARRAY || d === CLOSE_OBJECT) && --depth === 0) return i + 1
  }
  return -1
}

function skipSpace(text: string, at: number): number {
  while (at < text.length && isSpace(text.charCodeAt(at))) at++
  return at
}

/**
 * The spans of the items of the array or fields of the object in `text` from `from` to `to`: start and
 * end of each value, two numbers an item; for an object, each field's name is handed to `named` first.
 */
function spans(text: string, from: number, to: number, named?: (name: string) => void): number[] {
  const out: number[] = []
  const close = named ? CLOSE_OBJECT : CLOSE_ARRAY
  let i = skipSpace(text, from + 1)
  if (text.charCodeAt(i) === close) return out
  for (;;) {
    if (named) {
      const end = stringEnd(text, i)
      if (text.charCodeAt(i) !== QUOTE || end < 0) return invalid()
      named(JSON.parse(text.slice(i, end)) as string)
      i = skipSpace(text, end)
      if (text.charCodeAt(i) !== COLON) return invalid()
      i = skipSpace(text, i + 1)
    }
    const end = valueEnd(text, i)
    if (end < 0 || end > to) return invalid()
    out.push(i, end)
    i = skipSpace(text, end)
    const c = text.charCodeAt(i)
    if (c === close && i === to - 1) return out
    if (c !== COMMA) return invalid()
    i = skipSpace(text, i + 1)
  }
}

function invalid(): never {
  throw new SyntaxError('not JSON')
}

/** The items of a JSON array held as its text, each parsed when read. */
export class JsonItems<T> {
  private constructor(
    private readonly name: string,
    private readonly text: string,
    private readonly at: Int32Array,
  ) {}

  /** The array that spans `text` from `from` to `to` (the whole text by default). */
  static of<T>(name: string, text: string, from = 0, to = text.length): JsonItems<T> {
    if (text.charCodeAt(from) !== OPEN_ARRAY) throw notJson(name)
    try {
      return new JsonItems<T>(name, text, Int32Array.from(spans(text, from, to)))
    } catch {
      throw notJson(name)
    }
  }

  get length(): number {
    return this.at.length / 2
  }

  /** Item `i`, parsed. */
  item(i: number): T {
    if (!(i >= 0 && i < this.length)) throw new IndexFormatError(`search index piece "${this.name}" has no item ${i}`)
    return parsePiece<T>(this.name, this.text, this.at[2 * i], this.at[2 * i + 1])
  }

  /**
   * The spans of item `i`'s own items, when it is an array (start and end of each, two numbers an item,
   * into the piece's text): a caller parses only the values it needs.
   */
  parts(i: number): number[] {
    if (!(i >= 0 && i < this.length)) throw new IndexFormatError(`search index piece "${this.name}" has no item ${i}`)
    const from = this.at[2 * i]!
    if (this.text.charCodeAt(from) !== OPEN_ARRAY) throw notJson(this.name)
    try {
      return spans(this.text, from, this.at[2 * i + 1]!)
    } catch {
      throw notJson(this.name)
    }
  }

  /**
   * Item `i`'s first value, when it is a string (the key a piece's rows are sorted by), without parsing the
   * rest of the item; undefined otherwise.
   */
  firstString(i: number): string | undefined {
    const start = skipSpace(this.text, this.at[2 * i]! + 1)
    if (this.text.charCodeAt(start) !== QUOTE) return undefined
    const end = stringEnd(this.text, start)
    if (end < 0) throw notJson(this.name)
    const raw = this.text.slice(start + 1, end - 1)
    if (!raw.includes('\\')) return raw
    try {
      return JSON.parse(this.text.slice(start, end)) as string
    } catch {
      throw notJson(this.name)
    }
  }

  /** Heap bytes of the spans (the text is the piece's). */
  get spanBytes(): number {
    return this.at.byteLength
  }
}

/** The fields of the JSON object spanning `text` from `from` to `to` (the whole of it by default): each one's span, by name. */
export function fieldSpans(
  name: string,
  text: string,
  from = 0,
  to = text.length,
): Map<string, { from: number; to: number }> {
  const fields = new Map<string, { from: number; to: number }>()
  const names: string[] = []
  const start = skipSpace(text, from)
  let end = to
  while (end > start && isSpace(text.charCodeAt(end - 1))) end--
  if (text.charCodeAt(start) !== OPEN_OBJECT) throw notJson(name)
  try {
    const at = spans(text, start, end, (n) => names.push(n))
    for (let k = 0; k < at.length; k += 2) fields.set(names[k / 2]!, { from: at[k]!, to: at[k + 1]! })
  } catch {
    throw notJson(name)
  }
  return fields
}

/** Heap bytes a string of `text`'s characters takes: one a character when every one is Latin-1, else two. */
export function stringBytes(text: string): number {
  return /[^\u0000-\u00ff]/.test(text) ? 2 * text.length : text.length
}
