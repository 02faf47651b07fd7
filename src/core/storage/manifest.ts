/**
 * @module The KV key layout, shared by the build (which writes it) and the Worker (which reads it).
 *
 * Every build lives under its own version prefix, and one pointer key, written last, names the live
 * version: a reader that follows the pointer sees one whole build, never half of two.
 */

/** Bumped whenever the shape of what is stored changes; a Worker refuses a build of another format. */
export const INDEX_FORMAT = 4

/** The only key outside a version: which version is live. */
export const POINTER_KEY = 'live'

/** KV's hard limit is 25 MiB a value; chunks stay well under it. */
export const CHUNK_BYTES = 20 * 1024 * 1024

export const keys = {
  prefix: (version: string) => `v/${version}/`,
  manifest: (version: string) => `v/${version}/manifest`,
  article: (version: string, slug: string) => `v/${version}/article/${slug}`,
  search: (version: string, piece: string) => `v/${version}/search/${piece}`,
  /** Every key of the build with its hash and size: for seeding and pruning; the Worker never reads it. */
  list: (version: string) => `v/${version}/keys`,
  chunk: (key: string, i: number) => `${key}#${i}`,
}

export interface Pointer {
  version: string
  built_at: string
  /**
   * The version's manifest (a few KB), so a new isolate reads one value fewer before it can answer.
   * Without it (a pointer written by hand), the Worker reads `keys.manifest(version)`.
   */
  manifest?: Manifest
  /**
   * The version's search meta as stored (the piece `manifest.search` names, checked against its hash),
   * so a cold isolate has it with the pointer: a first answer is three KV round trips (pointer, term
   * shards, doc blocks), not four. Without it the Worker reads the piece.
   */
  meta?: string
  /**
   * The version this one replaced (the seed writes it). KV is eventually consistent: in some locations
   * this pointer may be seen before the pieces it names, and the Worker then serves `previous` whole.
   */
  previous?: { version: string }
}

export interface StoredKey {
  key: string
  /** Hex SHA-256 of the value as stored (of the whole value, before chunking). */
  sha256: string
  bytes: number
  /** How many `key#i` chunks hold the value; absent when it is stored whole under `key`. */
  chunks?: number
}

export interface Counts {
  articles: number
  sections: number
  passages: number
  references: number
  notes: number
}

export interface Manifest {
  format: number
  /** Content hash of everything the build stored. */
  version: string
  built_at: string
  counts: Counts & { aliases: number; terms: number }
  /**
   * The sharded search index: its meta piece. It and every piece it names are content-addressed
   * (`s/<start of the SHA-256 of the value>`, outside any version), so a rebuild re-uses every
   * unchanged piece.
   */
  search: {
    key: string
    sha256: string
  }
  /** The article catalog's page directories (pages are content-addressed pieces too). */
  catalog: {
    articles: number
    slugs: { first: string[]; keys: string[] }
    titles: { first: string[]; offset: number[]; keys: string[] }
  }
  /**
   * Where article models are: `version` → `keys.article(version, slug)`; `content` → `s/<hash>`
   * (re-used across builds). Either way the catalog holds each model's SHA-256.
   */
  article_keys: 'version' | 'content'
  /** How many keys and bytes the build has in all (every key is listed at `keys.list(version)`). */
  key_count: number
  bytes: number
}

/**
 * Splits a value into chunks of at most `size` UTF-16 code units. One code unit is at most 3 bytes of
 * UTF-8, so the default keeps every chunk under CHUNK_BYTES; a cut never falls inside a surrogate pair,
 * which KV would store as two replacement characters.
 */
export function splitChunks(value: string, size = Math.floor(CHUNK_BYTES / 3)): string[] {
  const chunks: string[] = []
  let start = 0
  while (value.length - start > size) {
    let end = start + size
    const last = value.charCodeAt(end - 1)
    if (last >= 0xd800 && last <= 0xdbff) end -= 1
    chunks.push(value.slice(start, end))
    start = end
  }
  chunks.push(value.slice(start))
  return chunks
}
