/**
 * @module What the pointer, the manifest and the key list of a build hold, shared by the build (which
 * writes them) and the Worker (which reads them). The keys they are stored under are in keys.ts.
 */

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
