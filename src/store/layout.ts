/**
 * @module The KV key layout, shared by the build (which writes it) and the Worker (which reads it).
 *
 * Every build lives under its own version prefix, and one pointer key, written last, names the live
 * version: a reader that follows the pointer sees one whole build, never half of two.
 */

import type { Attribution } from '../core/model.ts'

/** Bumped whenever the shape of what is stored changes; a Worker refuses a build of another format. */
export const INDEX_FORMAT = 1

/** The only key outside a version: which version is live. */
export const POINTER_KEY = 'live'

/** KV's hard limit is 25 MiB a value; chunks stay well under it. */
export const CHUNK_BYTES = 20 * 1024 * 1024

export const keys = {
  prefix: (version: string) => `v/${version}/`,
  manifest: (version: string) => `v/${version}/manifest`,
  article: (version: string, slug: string) => `v/${version}/article/${slug}`,
  search: (version: string, piece: string) => `v/${version}/search/${piece}`,
  chunk: (key: string, i: number) => `${key}#${i}`,
}

export interface Pointer {
  version: string
  built_at: string
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
  counts: Counts
  /** Each article's title and attribution, so lists and search answers need not load the article. */
  articles: { slug: string; title: string; attribution: Attribution }[]
  /** Names of the search index pieces, each stored at `keys.search(version, piece)`. */
  search_pieces: string[]
  /** Every key of the build except the manifest itself and the pointer. */
  keys: StoredKey[]
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
