/**
 * @module Reading the index: the pieces a query reads (term shards, tail tiers, typo pieces, doc blocks,
 * the article directory, the section list), fetched through the byte-bounded piece cache and checked
 * for their shape as they are parsed, so a corrupt piece is an IndexFormatError, never a wrong answer.
 */
import { Vocabulary, compareKeys } from '../search/vocab.ts'
import { IndexFormatError } from '../search/types.ts'
import type { PieceCache } from '../shards/cache.ts'
import {
  crossesShards,
  decodeAscending,
  decodeNumbers,
  directoryArticle,
  shardOf,
  type DirectoryArticle,
  type DirectoryRow,
  type DocBlock,
  type ShardMeta,
  type ShardVocabEntry,
  type TermRow,
  type TermShard,
  type TypoPiece,
  type VocabEntry,
} from '../shards/format.ts'
import { docBlockAt, nameAt } from '../storage/keys.ts'

export type { DirectoryArticle }

/**
 * Heap bytes per character a parsed typo piece costs (its Vocabulary's index beside the entries, measured
 * 4.6) and an article directory piece (its rows as objects, measured 3.4), for the piece cache's budget.
 */
const TYPO_HEAP_PER_CHAR = 5
const DIRECTORY_HEAP_PER_CHAR = 4

/** Words longer than this are never typo-corrected. */
export const MAX_TYPO_LEN = 40

/** An indexed term as its term shard lists it. */
export interface Term {
  term: string
  id: number
  /** Passages that hold it. */
  df: number
  /** Its head's postings, encoded (the whole of them when it has no tails). */
  head: string
  /** Its tail tiers, best first: present when its shard keeps only its head. */
  tails: string[] | undefined
  /** Its row in the cached term shard, which its decoded head is remembered by. */
  row: TermRow
  /** That term shard's piece name, which its decoded head is charged to. */
  shard: string
}

interface LoadedShard extends TermShard {
  name: string
  index: Map<string, number>
}

export function parseJson<T>(name: string) {
  return (text: string): T => {
    try {
      return JSON.parse(text) as T
    } catch {
      throw new IndexFormatError(`search index piece "${name}" is not valid JSON`)
    }
  }
}

/** Sorted by key, as Vocabulary expects (its entries are the first five fields; the sixth rides along). */
export function sortEntries(list: ShardVocabEntry[]): VocabEntry[] {
  return list.sort((a, b) => compareKeys(a[0], b[0])) as unknown as VocabEntry[]
}

/**
 * A parsed article directory piece. A row becomes an article when a query first asks for it: making
 * every row's (a slugify of each title) cost a cold query some milliseconds at 100 MB, for the few
 * hundred articles its facets count.
 */
class DirectoryPiece {
  /** Each row's first passage ordinal. */
  private readonly firsts: number[] = []
  private readonly articles: (DirectoryArticle | undefined)[] = []

  constructor(private readonly rows: DirectoryRow[]) {
    let first = 0
    for (const row of rows) this.firsts.push((first += row[0]))
  }

  /** The article passage `ordinal` belongs to, or undefined past the piece's rows. */
  articleAt(ordinal: number): DirectoryArticle | undefined {
    const i = shardOf(this.firsts, ordinal)
    const row = this.rows[i]
    if (!row) return undefined
    return (this.articles[i] ??= directoryArticle(row, this.firsts[i]!))
  }
}

export class IndexPieces {
  /** The first ordinal of each article directory piece. */
  private readonly directoryFirst: number[]
  /** A row's postings as numbers, decoded once while its shard stays cached. */
  private readonly decodedRows = new WeakMap<TermRow, Int32Array>()

  constructor(
    readonly meta: ShardMeta,
    private readonly cache: PieceCache,
    /** The first passage ordinal of each doc block. */
    private readonly docFirst: number[],
  ) {
    try {
      this.directoryFirst = meta.directory ? decodeAscending(meta.directory.first) : []
    } catch {
      throw new IndexFormatError('search index meta has a corrupt article directory')
    }
  }

  /** The term shard a term or prefix sorts into. */
  shardOf(key: string): number {
    return shardOf(this.meta.terms.first, key)
  }

  private termShard(i: number): Promise<LoadedShard> {
    const name = nameAt(this.meta.terms.names, i)
    if (!name) return Promise.resolve({ name: '', rows: [], vocab: [], index: new Map() })
    return this.cache.get(name, (text) => {
      const shard = parseJson<TermShard>(name)(text)
      if (!Array.isArray(shard?.rows) || !Array.isArray(shard.vocab))
        throw new IndexFormatError(`search index piece "${name}" is not a term shard`)
      return { ...shard, name, index: new Map(shard.rows.map((r, k) => [r[0], k])) }
    })
  }

  /** Terms by string, added to `into`; unknown ones are absent. */
  async terms(strings: Iterable<string>, into: Map<string, Term>): Promise<void> {
    const want = [...new Set(strings)].filter((s) => s && !into.has(s))
    const shards = new Map<number, string[]>()
    for (const s of want) {
      const i = this.shardOf(s)
      shards.set(i, [...(shards.get(i) ?? []), s])
    }
    await Promise.all(
      [...shards].map(async ([i, list]) => {
        const shard = await this.termShard(i)
        for (const s of list) {
          const k = shard.index.get(s)
          if (k === undefined) continue
          const row = shard.rows[k]!
          const [term, id, df, head, tails] = row
          into.set(s, { term, id, df, head, tails, row, shard: shard.name })
        }
      }),
    )
  }

  /** A term's head postings, decoded. */
  head(term: Term): Int32Array {
    let list = this.decodedRows.get(term.row)
    if (!list) {
      list = decodeNumbers(term.head)
      this.decodedRows.set(term.row, list)
      // The decoded head lives as long as its shard's row: it counts against the cache's budget too.
      this.cache.charge(term.shard, list.byteLength)
    }
    return list
  }

  /** Tail tiers' postings, decoded. */
  tails(tiers: string[]): Promise<Int32Array[]> {
    return Promise.all(tiers.map((name) => this.cache.get(name, decodeNumbers)))
  }

  /** Every vocabulary entry `Vocabulary.prefixed(prefix, cap)` may return (cap within the build's top sizes). */
  async prefixEntries(prefix: string): Promise<ShardVocabEntry[]> {
    const { first } = this.meta.terms
    if (first.length === 0) return []
    const shard = await this.termShard(this.shardOf(prefix))
    if (crossesShards(first, prefix)) return shard.tops?.[prefix] ?? []
    return shard.vocab.filter(([key]) => key.startsWith(prefix))
  }

  /**
   * Typo candidates of `key`: `Vocabulary.near(key, max, cap)` over its length's typo piece, which holds
   * every length in reach, whole, or only its most frequent entries (then `cut` is true).
   */
  async nearEntries(key: string, max: number, cap: number): Promise<{ entries: ShardVocabEntry[]; cut: boolean }> {
    if (max <= 0 || key.length > MAX_TYPO_LEN) return { entries: [], cut: false }
    const name = this.meta.typos[key.length]
    if (!name) return { entries: [], cut: false }
    const piece = await this.cache.get(
      name,
      (text) => {
        const p = parseJson<TypoPiece>(name)(text)
        if (!Array.isArray(p?.entries) || !Array.isArray(p.cut))
          throw new IndexFormatError(`search index piece "${name}" is not a typo piece`)
        return { vocab: new Vocabulary(p.entries as unknown as VocabEntry[]), cut: p.cut }
      },
      TYPO_HEAP_PER_CHAR,
    )
    return {
      entries: piece.vocab.near(key, max, cap).map((c) => c.entry as unknown as ShardVocabEntry),
      cut: piece.cut.some((l) => Math.abs(l - key.length) <= max),
    }
  }

  /** The doc blocks of these passages, fetched together. */
  docBlocks(ordinals: number[]): Promise<DocBlock[]> {
    const names = ordinals.map((o) => docBlockAt(this.meta.docs.names, this.docFirst, shardOf(this.docFirst, o)))
    if (names.some((n) => n === undefined))
      throw new IndexFormatError('search index names a passage past its doc blocks')
    return this.cache.getAll(names as string[], (name) => parseJson<DocBlock>(name))
  }

  /** The directory article of each of these passages (null when the index has no directory). */
  async articlesOf(ordinals: number[]): Promise<Map<number, DirectoryArticle> | null> {
    const names = this.meta.directory?.names
    if (!names) return null
    const first = this.directoryFirst
    const wanted = [...new Set(ordinals.map((o) => shardOf(first, o)))]
    const pieces = await this.cache.getAll(
      wanted.map((i) => names[i]!),
      (name) => (text) => {
        const rows = parseJson<DirectoryRow[]>(name)(text)
        if (!Array.isArray(rows) || !rows.every(Array.isArray))
          throw new IndexFormatError(`search index piece "${name}" is not an article directory`)
        return new DirectoryPiece(rows)
      },
      DIRECTORY_HEAP_PER_CHAR,
    )
    const byPiece = new Map(wanted.map((i, k) => [i, pieces[k]!]))
    const out = new Map<number, DirectoryArticle>()
    for (const o of ordinals) {
      const row = byPiece.get(shardOf(first, o))!.articleAt(o)
      if (row) out.set(o, row)
    }
    return out
  }

  /** Distinct section ids, in first-seen order. */
  sections(): Promise<string[]> {
    return this.cache.get(this.meta.sections, parseJson<string[]>(this.meta.sections))
  }
}
