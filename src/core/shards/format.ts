/**
 * @module The pieces of a sharded search index and the small `meta` piece that names them. Every piece
 * but `meta` is content-addressed: its name is `s/<hash>` where hash is the start of the SHA-256 of its
 * value, so a reader can check any piece alone and a rebuild keeps the name of every unchanged piece.
 *
 * - term shards: sorted terms, each with its document frequency and postings (passage ordinal, the
 *   passage's length, kind and section, then every position of the term with its character offsets);
 *   a term whose postings outgrow a shard keeps them in chunk pieces of its own.
 * - vocabulary by key: the surface vocabulary (as in the monolithic index) in key order, for exact and
 *   prefix lookups; for prefixes whose entries cross a shard boundary, a precomputed top list.
 * - vocabulary by length: the same entries grouped by key length, for typo candidates.
 * - doc blocks: consecutive passages (text, id, kind, section, article slug/title/attribution).
 * - catalog: article pages by slug (passage range, model key and hash, alias target) and by title.
 */
import type { Attribution } from '../model.ts'
import type { VocabEntry } from '../search/format.ts'

export const SHARD_FORMAT = 1

/** Postings of one term: per passage [ordinalDelta, length, section*8+kind, parent+1, nParts, nJoins,
 *  (posDelta, startDelta, len)*nParts, (posDelta, span, startDelta, len)*nJoins]. */
export type Postings = number[]

/** [term, df, postings] or, for a big term, [term, df, null, chunk piece names]. */
export type TermRow = [term: string, df: number, postings: Postings | null, chunks?: string[]]

export interface TermShard {
  /** Term id of the first row (ids are ranks in sorted term order). */
  first: number
  rows: TermRow[]
}

/** A doc block: passages [first, first + passages.length). */
export interface DocBlock {
  first: number
  articles: [slug: string, title: string, attribution: Attribution][]
  sections: [article: number, id: string, title: string][]
  passages: [id: string, section: number, kind: number, text: string][]
}

/** One article in the slug catalog: its passage range, its model's key and hash; or an alias. */
export type SlugRow =
  | [slug: string, first: number, count: number, key: string, sha256: string, title: string]
  | [slug: string, target: string]

export type TitleRow = [slug: string, title: string, attribution: Attribution]

export interface ShardMeta {
  format: number
  counts: { articles: number; aliases: number; sections: number; passages: number; terms: number; vocab: number }
  avgLength: number
  /** Distinct section ids, in first-seen order (the `section` facet). */
  sections: string
  terms: { first: string[]; firstId: number[]; keys: string[] }
  vocab: { first: string[]; keys: string[] }
  /** Key length → pieces of the entries of that length (in key order). */
  lengths: Record<string, string[]>
  /** Prefix → its top entries, for prefixes whose entries cross a vocabulary shard boundary. */
  tops: Record<string, string>
  docs: { first: number[]; keys: string[] }
  /** Slug catalog: first slug of each page (aliases included), in slug order. */
  slugs: { first: string[]; keys: string[] }
  /** Title catalog: first sort key (folded title) of each page, and how many articles precede it. */
  titles: { first: string[]; offset: number[]; keys: string[] }
}

export type { VocabEntry }

/** The sort key of a title in the title catalog: lower case, so `?prefix=` is case-insensitive. */
export function titleKey(title: string): string {
  return title.toLowerCase()
}

/** The last index i with list[i] <= key (or 0). */
export function shardOf(list: readonly (string | number)[], key: string | number): number {
  let lo = 0
  let hi = list.length
  while (lo < hi) {
    const mid = (lo + hi) >> 1
    if (list[mid]! <= key) lo = mid + 1
    else hi = mid
  }
  return Math.max(0, lo - 1)
}

/** Whether the vocabulary entries starting with `prefix` may cross from one shard into the next. */
export function crossesShards(first: readonly string[], prefix: string): boolean {
  const i = shardOf(first, prefix)
  return i + 1 < first.length && first[i + 1]!.startsWith(prefix)
}

export async function contentName(value: string): Promise<string> {
  return `s/${(await sha256Hex(value)).slice(0, 24)}`
}

export async function sha256Hex(text: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text))
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('')
}
