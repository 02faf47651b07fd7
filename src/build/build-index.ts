/**
 * @module Turns parsed articles into the KV entries of one build: the article models, the search
 * index pieces and the manifest, all under a version that is the hash of their content.
 */
import type { Article } from '../core/model.ts'
import { buildSearchIndex } from '../core/search/index.ts'
import { INDEX_FORMAT, keys, splitChunks, type Manifest, type Pointer, type StoredKey } from '../store/layout.ts'

export interface KvEntry {
  key: string
  value: string
}

export interface Build {
  manifest: Manifest
  /** Every versioned key, the manifest last; the pointer is not among them. */
  entries: KvEntry[]
  pointer: Pointer
}

export async function sha256Hex(text: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text))
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('')
}

/**
 * Builds the KV entries for `articles`. The version hashes only the content, not `builtAt`, so
 * rebuilding the same corpus gives the same keys and a re-upload changes nothing.
 */
export async function buildIndex(articles: Article[], builtAt = new Date()): Promise<Build> {
  const slugs = new Set<string>()
  for (const article of articles) {
    if (slugs.has(article.slug)) throw new Error(`wylb build: two articles have the slug "${article.slug}"`)
    slugs.add(article.slug)
  }
  const pieces = await buildSearchIndex(articles)
  const named: { name: string; value: string }[] = [
    ...articles.map((a) => ({ name: `article/${a.slug}`, value: JSON.stringify(a) })),
    ...Object.entries(pieces).map(([piece, value]) => ({ name: `search/${piece}`, value })),
  ]
  const hashes = await Promise.all(named.map((n) => sha256Hex(n.value)))
  const listed = articles.map((a) => ({ slug: a.slug, title: a.title, attribution: a.attribution }))
  // Everything the manifest says, except when it was built, goes into the version: same content, same keys.
  const version = (
    await sha256Hex([INDEX_FORMAT, JSON.stringify(listed), ...named.map((n, i) => `${n.name} ${hashes[i]}`)].join('\n'))
  ).slice(0, 16)

  const entries: KvEntry[] = []
  const stored: StoredKey[] = named.map((n, i) => {
    const key = `${keys.prefix(version)}${n.name}`
    const chunks = splitChunks(n.value)
    if (chunks.length === 1) entries.push({ key, value: n.value })
    else chunks.forEach((value, c) => entries.push({ key: keys.chunk(key, c), value }))
    return {
      key,
      sha256: hashes[i] as string,
      bytes: new TextEncoder().encode(n.value).byteLength,
      ...(chunks.length > 1 ? { chunks: chunks.length } : {}),
    }
  })

  const sections = articles.flatMap((a) => a.sections)
  const manifest: Manifest = {
    format: INDEX_FORMAT,
    version,
    built_at: builtAt.toISOString(),
    counts: {
      articles: articles.length,
      sections: sections.length,
      passages: sections.reduce((n, s) => n + s.passages.length, 0),
      references: articles.reduce((n, a) => n + a.references.length, 0),
      notes: articles.reduce((n, a) => n + a.notes.length, 0),
    },
    articles: listed,
    search_pieces: Object.keys(pieces),
    keys: stored,
  }
  entries.push({ key: keys.manifest(version), value: JSON.stringify(manifest) })
  return { manifest, entries, pointer: { version, built_at: manifest.built_at } }
}
