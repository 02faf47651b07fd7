/**
 * @module Term shards and doc blocks as the engine caches them: their text and the spans of their rows
 * (src/core/shards/json-spans.ts), each row parsed when a query reads it. A query reads one or two rows of
 * a term shard's fifty and one passage of a doc block's twenty; parsing them all made most of the
 * garbage a query left in the old generation, and cost the cache twice the text.
 */
import type { Attribution } from '../model.ts'
import { IndexFormatError } from '../search/types.ts'
import { firstKeyAtOrAfter } from '../search/vocab.ts'
import { decodeNumbers, type ShardVocabEntry, type TermRow } from './format.ts'
import { utf8Bytes } from '../storage/utf8.ts'
import { JsonItems, fieldSpans, parsePiece, stringBytes } from './json-spans.ts'

/** What a view costs beyond its text: the object, its spans' arrays and the field table. */
const VIEW_BYTES = 400
/**
 * The fewest characters a vocabulary entry takes (`["a",0,0,0,0,"a"],`): its span, 8 bytes, is charged
 * up front at one an entry this long, as the spans are made only when a prefix is first looked up.
 */
const MIN_ENTRY_CHARS = 16

function parsed<T>(name: string, text: string, span: { from: number; to: number } | undefined): T | undefined {
  return span ? parsePiece<T>(name, text, span.from, span.to) : undefined
}

const notTermShard = (name: string): IndexFormatError =>
  new IndexFormatError(`search index piece "${name}" is not a term shard`)

const QUOTE = 34
const OPEN_OBJECT = 123

/** The non-negative integer written from `from` to `to` in `text` (digits only, as the build writes ids and counts), or -1. */
function integerAt(text: string, from: number, to: number): number {
  let n = 0
  for (let i = from; i < to; i++) {
    const digit = text.charCodeAt(i) - 48
    if (!(digit >= 0 && digit <= 9)) return -1
    n = n * 10 + digit
  }
  return to > from ? n : -1
}

/** A tail tier a row names: its piece and what reading it costs (bytes). */
export interface TailTier {
  name: string
  bytes: number
}

/** A term shard row's fields but its head postings. */
export interface RowFields {
  term: string
  id: number
  df: number
  tails: TailTier[] | undefined
}

function tailTiers(refs: unknown): TailTier[] | undefined {
  if (!Array.isArray(refs)) return undefined
  const tiers: TailTier[] = []
  for (const ref of refs) {
    if (!Array.isArray(ref) || typeof ref[0] !== 'string' || !Number.isInteger(ref[1]) || ref[1] < 0) return undefined
    tiers.push({ name: ref[0], bytes: ref[1] })
  }
  return tiers
}

/** A term shard: its rows by term, parsed one at a time; its vocabulary and crossing tops when asked for. */
export class TermShardView {
  /** A term's decoded head, by row, kept while the shard stays cached (the piece cache is charged for it). */
  readonly heads = new Map<number, Int32Array>()
  readonly heapBytes: number
  private vocabItems: JsonItems<ShardVocabEntry> | undefined
  /** Where each crossing prefix's top entries lie, found when one is first asked for. */
  private topSpans: Map<string, { from: number; to: number }> | undefined
  private utf8: number | undefined

  private constructor(
    readonly name: string,
    private readonly text: string,
    private readonly rows: JsonItems<TermRow>,
    private readonly fields: Map<string, { from: number; to: number }>,
  ) {
    const vocab = fields.get('vocab')!
    this.heapBytes =
      stringBytes(text) + rows.spanBytes + VIEW_BYTES + 8 * Math.ceil((vocab.to - vocab.from) / MIN_ENTRY_CHARS)
  }

  static parse(name: string, text: string): TermShardView {
    const fields = fieldSpans(name, text)
    const rows = fields.get('rows')
    const vocab = fields.get('vocab')
    if (!rows || !vocab || text[rows.from] !== '[' || text[vocab.from] !== '[') throw notTermShard(name)
    return new TermShardView(name, text, JsonItems.of(name, text, rows.from, rows.to), fields)
  }

  /** The shard's size in bytes (UTF-8, as KV stores it): what reading it costs a query. */
  get bytes(): number {
    return (this.utf8 ??= utf8Bytes(this.text))
  }

  /** A shard with no rows, for where the index has none. */
  static empty(): TermShardView {
    return TermShardView.parse('', '{"rows":[],"vocab":[]}')
  }

  /** The row number of `term` (rows are sorted by term, in code unit order), or -1. */
  find(term: string): number {
    const keyAt = (k: number) => this.keyOf(this.rows, k)
    const k = firstKeyAtOrAfter(this.rows.length, keyAt, term)
    return k < this.rows.length && keyAt(k) === term ? k : -1
  }

  /** Item `k`'s key: its first value, a string in a term shard's rows and vocabulary. */
  private keyOf(items: JsonItems<unknown>, k: number): string {
    const key = items.firstString(k)
    if (key === undefined) throw notTermShard(this.name)
    return key
  }

  /**
   * Row `k` but its head, which `decodeHead` reads from the shard's text: a head is up to 32 KB of
   * digits that JSON.parse copied out, term after term (a prefix's 48 completions), to be decoded at
   * most once while the shard stays cached and then dropped.
   */
  rowFields(k: number): RowFields {
    const parts = this.rows.parts(k)
    if (parts.length < 8 || parts.length > 10 || this.text.charCodeAt(parts[6]!) !== QUOTE)
      throw notTermShard(this.name)
    const id = integerAt(this.text, parts[2]!, parts[3]!)
    const df = integerAt(this.text, parts[4]!, parts[5]!)
    const tails = parts.length === 10 ? tailTiers(parsePiece(this.name, this.text, parts[8], parts[9])) : undefined
    if (id < 0 || df < 0 || (parts.length === 10 && tails === undefined)) throw notTermShard(this.name)
    return { term: this.keyOf(this.rows, k), id, df, tails }
  }

  /** Row `k`'s head postings, decoded from the shard's text. */
  decodeHead(k: number): Int32Array {
    const parts = this.rows.parts(k)
    return decodeNumbers(this.text, parts[6]! + 1, parts[7]! - 1)
  }

  /**
   * The vocabulary entries (those whose keys fall in the shard's range) whose keys start with `prefix`, by
   * key: found by binary search, as the entries are sorted by key in code unit order, and only they parsed.
   */
  prefixed(prefix: string): ShardVocabEntry[] {
    const vocab = this.fields.get('vocab')!
    const items = (this.vocabItems ??= JsonItems.of<ShardVocabEntry>(this.name, this.text, vocab.from, vocab.to))
    const keyAt = (k: number) => this.keyOf(items, k)
    const found: ShardVocabEntry[] = []
    for (let k = firstKeyAtOrAfter(items.length, keyAt, prefix); k < items.length && keyAt(k).startsWith(prefix); k++)
      found.push(items.item(k))
    return found
  }

  /**
   * The top entries of `prefix`, when its entries start in this shard and cross into the next ones: only
   * they are parsed, where the whole of `tops` (every crossing prefix's) was, query after query.
   */
  tops(prefix: string): ShardVocabEntry[] | undefined {
    const tops = this.fields.get('tops')
    if (!tops) return undefined
    if (this.text.charCodeAt(tops.from) !== OPEN_OBJECT) throw notTermShard(this.name)
    this.topSpans ??= fieldSpans(this.name, this.text, tops.from, tops.to)
    return parsed<ShardVocabEntry[]>(this.name, this.text, this.topSpans.get(prefix))
  }
}

/** A passage as a doc block stores it: `[id, section ordinal, kind ordinal, text]`. */
export type StoredPassage = readonly [id: string, section: number, kind: number, text: string]

/** A doc block: passages [first, first + its passage count), each parsed with its section and article when read. */
export class DocBlockView {
  readonly heapBytes: number

  private constructor(
    readonly name: string,
    readonly first: number,
    private readonly articles: JsonItems<[slug: string, title: string, attribution: Attribution]>,
    private readonly sections: JsonItems<[article: number, id: string, title: string]>,
    private readonly passages: JsonItems<StoredPassage>,
    text: string,
  ) {
    this.heapBytes = stringBytes(text) + articles.spanBytes + sections.spanBytes + passages.spanBytes + VIEW_BYTES
  }

  static parse(name: string, text: string): DocBlockView {
    const fields = fieldSpans(name, text)
    const items = <T>(field: string): JsonItems<T> => {
      const span = fields.get(field)
      if (!span || text[span.from] !== '[')
        throw new IndexFormatError(`search index piece "${name}" is not a doc block`)
      return JsonItems.of<T>(name, text, span.from, span.to)
    }
    const first = parsed<number>(name, text, fields.get('first'))
    if (typeof first !== 'number') throw new IndexFormatError(`search index piece "${name}" is not a doc block`)
    return new DocBlockView(name, first, items('articles'), items('sections'), items('passages'), text)
  }

  /** Passage `ordinal` with its section's id and title and its article's slug, title and attribution. */
  passage(ordinal: number): {
    passage: StoredPassage
    section: { id: string; title: string }
    article: { slug: string; title: string; attribution: Attribution }
  } {
    const passage = this.passages.item(ordinal - this.first)
    const [a, id, title] = this.sections.item(passage[1])
    const [slug, articleTitle, attribution] = this.articles.item(a)
    return { passage, section: { id, title }, article: { slug, title: articleTitle, attribution } }
  }
}
