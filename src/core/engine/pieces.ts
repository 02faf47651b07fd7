/**
 * @module Reading the index: the pieces a query reads (term shards, tail tiers, typo pieces, doc blocks,
 * the article directory, the section list), fetched through the byte-bounded piece cache and checked
 * for their shape as they are parsed, so a corrupt piece is an IndexFormatError, never a wrong answer.
 */
import { Vocabulary, compareKeys } from '../search/vocab.ts'
import { IndexFormatError } from '../search/types.ts'
import type { PieceCache } from '../shards/cache.ts'
import { DenseIds } from '../shards/dense-ids.ts'
import { slotOrderBytes } from '../shards/retrieval.ts'
import {
  decodeNumbers,
  lastAtMost,
  type ShardMeta,
  type ShardVocabEntry,
  type TypoPiece,
  type VocabEntry,
} from '../shards/format.ts'
import { parsePiece } from '../shards/json-spans.ts'
import { DocBlockView, TermShardView, type TailTier } from '../shards/piece-views.ts'
import { ShardStarts } from '../shards/shard-starts.ts'
import { TopShards } from '../shards/top-shards.ts'
import { docBlockAt, termShardAt } from '../storage/keys.ts'
import { utf8Bytes } from '../storage/utf8.ts'
import type { ArticleDirectory } from './directory.ts'

/**
 * Heap bytes per character a parsed typo piece costs (its Vocabulary's index beside the entries, measured
 * 4.6), for the piece cache's budget.
 */
const TYPO_HEAP_PER_CHAR = 5

/** Words longer than this are never typo-corrected. */
export const MAX_TYPO_LEN = 40

/** An indexed term as its term shard lists it. */
export interface Term {
  term: string
  id: number
  /** Passages that hold it. */
  df: number
  /** Its tail tiers, best first: present when its shard keeps only its head. */
  tails: TailTier[] | undefined
  /**
   * Its term shard, which holds its head's postings (the whole of them when it has no tails) and
   * remembers them decoded, and its row there.
   */
  shard: TermShardView
  at: number
}

const EMPTY_SHARD = TermShardView.empty()

/**
 * The pieces one query's lookups read (term shards, typo pieces), by name, with their size in bytes
 * (UTF-8, as KV stores them): what the query has spent of its byte budget before it chooses tail tiers.
 * Whether a piece came from the cache does not matter, so a query reads the same tiers cold or warm.
 */
export type ReadLedger = Map<string, number>

/** Sorted by key, as Vocabulary expects (its entries are the first five fields; the sixth rides along). */
export function sortEntries(list: ShardVocabEntry[]): VocabEntry[] {
  return list.sort((a, b) => compareKeys(a[0], b[0])) as unknown as VocabEntry[]
}

export class IndexPieces {
  constructor(
    readonly meta: ShardMeta,
    private readonly cache: PieceCache,
    /** The first passage ordinal of each doc block. */
    private readonly docFirst: Int32Array,
    /** The article directory (null when the index has none: then no facets). */
    readonly directory: ArticleDirectory | null,
  ) {
    this.shardStarts = new ShardStarts(meta.terms)
    this.topShards = new TopShards(meta.terms.topShards, this.shardStarts)
    // The numbering tables a query's retrieval borrows (src/core/shards/dense-ids.ts) live as long as the
    // isolate: the piece cache leaves them room in its budget.
    cache.reserve('passage numbering', DenseIds.keptBytes)
  }

  /** Where each term shard starts. */
  private readonly shardStarts: ShardStarts
  /** Where the top completions of the prefixes that cross shards lie. */
  private readonly topShards: TopShards

  /** The term shard a term or prefix sorts into. */
  shardOf(key: string): number {
    return this.shardStarts.shardOf(key)
  }

  private async termShard(i: number, read: ReadLedger): Promise<TermShardView> {
    const name = termShardAt(this.meta.terms.names, i)
    if (!name) return EMPTY_SHARD
    const shard = await this.cache.get(name, (text) => TermShardView.parse(name, text))
    read.set(name, shard.bytes)
    return shard
  }

  /** Terms by string, added to `into`; unknown ones are absent. */
  async terms(strings: Iterable<string>, into: Map<string, Term>, read: ReadLedger): Promise<void> {
    const want = [...new Set(strings)].filter((s) => s && !into.has(s))
    const shards = new Map<number, string[]>()
    for (const s of want) {
      const i = this.shardOf(s)
      shards.set(i, [...(shards.get(i) ?? []), s])
    }
    await Promise.all(
      [...shards].map(async ([i, list]) => {
        const shard = await this.termShard(i, read)
        for (const s of list) {
          const at = shard.find(s)
          if (at < 0) continue
          into.set(s, { ...shard.rowFields(at), shard, at })
        }
      }),
    )
  }

  /** A term's head postings, decoded. */
  head(term: Term): Int32Array {
    let list = term.shard.heads.get(term.at)
    if (!list) {
      list = term.shard.decodeHead(term.at)
      term.shard.heads.set(term.at, list)
      // The decoded head and its slot order live as long as its shard: they count against the budget too.
      this.cache.charge(term.shard.name, list.byteLength + slotOrderBytes(list))
    }
    return list
  }

  /** Tail tiers' postings, decoded. */
  tails(tiers: TailTier[]): Promise<Int32Array[]> {
    return Promise.all(
      tiers.map(async ({ name }) => {
        let decoded = false
        const list = await this.cache.get(name, (text) => ((decoded = true), decodeNumbers(text)))
        if (decoded) this.cache.charge(name, slotOrderBytes(list))
        return list
      }),
    )
  }

  /** Every vocabulary entry `Vocabulary.prefixed(prefix, cap)` may return (cap within the build's top sizes). */
  async prefixEntries(prefix: string, read: ReadLedger): Promise<ShardVocabEntry[]> {
    const first = this.shardStarts
    if (first.length === 0) return []
    const shard = await this.termShard(this.shardOf(prefix), read)
    if (first.crosses(prefix)) return shard.tops(prefix) ?? []
    return shard.prefixed(prefix)
  }

  /**
   * Reads the term shards the plan will add for a prefix's completions (`completionsWithin` in plan.ts: the
   * first `extra` of its top completions' shards that the query's words do not `read`), as the meta lists
   * them: read beside the query's words, their rows are at hand when the plan asks for the chosen
   * completions, a round trip sooner. A prefix within one shard adds none that the meta knows of.
   */
  async completionShards(prefix: string, words: ReadonlySet<number>, extra: number, read: ReadLedger): Promise<void> {
    const reads: Promise<TermShardView>[] = []
    for (const i of this.topShards.of(prefix) ?? []) {
      if (reads.length >= extra) break
      if (!words.has(i)) reads.push(this.termShard(i, read))
    }
    await Promise.all(reads)
  }

  /**
   * Typo candidates of `key`: `Vocabulary.near(key, max, cap)` over its length's typo piece, which holds
   * every length in reach, whole, or only its most frequent entries (then `cut` is true).
   */
  async nearEntries(
    key: string,
    max: number,
    cap: number,
    read: ReadLedger,
  ): Promise<{ entries: ShardVocabEntry[]; cut: boolean }> {
    if (max <= 0 || key.length > MAX_TYPO_LEN) return { entries: [], cut: false }
    const name = this.meta.typos[key.length]
    if (!name) return { entries: [], cut: false }
    const piece = await this.cache.get(
      name,
      (text) => {
        const p = parsePiece<TypoPiece>(name, text)
        if (!Array.isArray(p?.entries) || !Array.isArray(p.cut))
          throw new IndexFormatError(`search index piece "${name}" is not a typo piece`)
        return { vocab: new Vocabulary(p.entries as unknown as VocabEntry[]), cut: p.cut, bytes: utf8Bytes(text) }
      },
      TYPO_HEAP_PER_CHAR,
    )
    read.set(name, piece.bytes)
    return {
      entries: piece.vocab.near(key, max, cap).map((c) => c.entry as unknown as ShardVocabEntry),
      cut: piece.cut.some((l) => Math.abs(l - key.length) <= max),
    }
  }

  /** The doc blocks of these passages, fetched together. */
  docBlocks(ordinals: number[]): Promise<DocBlockView[]> {
    const names = ordinals.map((o) => docBlockAt(this.meta.docs.names, this.docFirst, lastAtMost(this.docFirst, o)))
    if (names.some((n) => n === undefined))
      throw new IndexFormatError('search index names a passage past its doc blocks')
    return this.cache.getAll(names as string[], (name) => (text) => DocBlockView.parse(name, text))
  }

  /** Distinct section ids, in first-seen order. */
  sections(): Promise<string[]> {
    return this.cache.get(this.meta.sections, (text) => parsePiece<string[]>(this.meta.sections, text))
  }
}
