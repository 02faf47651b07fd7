/**
 * @module Turns parsed articles into the KV entries of one build: the article models, the sharded
 * search index (src/core/shards) and the manifest. The version is the hash of the content. Search
 * pieces are content-addressed (`s/<hash>`), so two builds share every piece they have in common and
 * a re-seed uploads only the pieces that changed; the per-version keys are the manifest, the key list
 * and (unless `articleKeys: 'content'`) the article models.
 */
import type { Article } from '../core/model.ts'
import { buildShards, type ShardOptions, type ShardSource } from '../core/shards/build.ts'
import { selfCheck, type SelfCheck } from './self-check.ts'
import { FORMAT_VERSION } from '../core/storage/format-version.ts'
import { keys, sha256Hex } from '../core/storage/keys.ts'
import { utf8Bytes } from '../core/storage/utf8.ts'
import type { Manifest, Pointer } from '../core/storage/manifest.ts'

export interface KvEntry {
  key: string
  value: string
}

/** One key of a build: its hash (of the value) and size, as the key list and the seed record hold them. */
export interface ListedKey {
  key: string
  sha256: string
  bytes: number
}

export interface Build {
  manifest: Manifest
  /** Every versioned key, the manifest last; the pointer is not among them. */
  entries: KvEntry[]
  pointer: Pointer
}

export interface BuildOptions {
  builtAt?: Date
  /** Alias slug → canonical slug (MediaWiki redirects). */
  aliases?: Record<string, string>
  articleKeys?: 'version' | 'content'
  shards?: ShardOptions
  /**
   * Reads a written piece back, for the self-check (src/build/self-check.ts) that compares the stored
   * pieces with the index they were written from; without it the build is not checked.
   */
  readBack?: (name: string) => Promise<string>
  /** Hex SHA-256 of a string; default crypto.subtle. Node builds pass node:crypto's (synchronous, faster). */
  hash?: (text: string) => string | Promise<string>
}

export interface BuildSummary {
  manifest: Manifest
  pointer: Pointer
  keys: ListedKey[]
  /** What the self-check asked of the stored pieces (absent without `readBack`). */
  check?: SelfCheck
}

/**
 * Builds into `put`, one entry at a time (pieces as soon as they are made, so a caller can write them
 * out and let them go); the manifest comes last.
 */
export async function buildIndexTo(
  source: ShardSource,
  put: (entry: KvEntry) => void | Promise<void>,
  options: BuildOptions = {},
): Promise<BuildSummary> {
  const mode = options.articleKeys ?? 'version'
  const hash = options.hash ?? sha256Hex
  const listed: ListedKey[] = []
  const emit = async (key: string, value: string, sha256: string): Promise<void> => {
    listed.push({ key, sha256, bytes: utf8Bytes(value) })
    await put({ key, value })
  }
  const later: [slug: string, json: string, sha256: string][] = []
  let references = 0
  let notes = 0
  const shards = await buildShards(
    source,
    options.aliases ?? {},
    (name, value, sha256) => emit(name, value, sha256),
    { ...options.shards, hash },
    async (article, json, sha256) => {
      references += article.references
      notes += article.notes
      if (mode === 'content') await emit(keys.contentArticle(sha256), json, sha256)
      else later.push([article.slug, json, sha256])
    },
  )
  const check = options.readBack
    ? await selfCheck(shards.meta, shards.metaName, shards.sample, options.readBack)
    : undefined
  const version = (await hash([FORMAT_VERSION, mode, shards.metaName].join('\n'))).slice(0, 16)
  const built_at = (options.builtAt ?? new Date()).toISOString()
  // The meta is a content-addressed piece like the others (the shard build stored it): the manifest names it.
  const metaKey = shards.metaName
  const metaSha = await hash(shards.metaValue)
  for (const [slug, json, sha256] of later) await emit(keys.article(version, slug), json, sha256)
  later.length = 0

  const { meta } = shards
  const manifest: Manifest = {
    format: FORMAT_VERSION,
    version,
    built_at,
    counts: {
      articles: meta.counts.articles,
      sections: meta.counts.sections,
      passages: meta.counts.passages,
      references,
      notes,
      aliases: meta.counts.aliases,
      terms: meta.counts.terms,
    },
    search: { key: metaKey, sha256: metaSha },
    catalog: { articles: meta.counts.articles, slugs: meta.slugs, titles: meta.titles },
    article_keys: mode,
    key_count: listed.length + 2,
    bytes: 0,
  }
  const listValue = JSON.stringify(listed.map((k) => [k.key, k.sha256, k.bytes]))
  await emit(keys.list(version), listValue, await hash(listValue))
  manifest.bytes = listed.reduce((n, k) => n + k.bytes, 0)
  const manifestValue = JSON.stringify(manifest)
  await emit(keys.manifest(version), manifestValue, await hash(manifestValue))
  return {
    manifest,
    pointer: { version, built_at, manifest, meta: shards.metaValue },
    keys: listed,
    ...(check ? { check } : {}),
  }
}

/**
 * Builds the KV entries for `articles` in memory. The version hashes only the content, not `builtAt`,
 * so rebuilding the same corpus gives the same keys and a re-upload changes nothing.
 */
export async function buildIndex(
  articles: Article[],
  builtAt = new Date(),
  options: Omit<BuildOptions, 'builtAt'> = {},
): Promise<Build> {
  const entries: KvEntry[] = []
  const written = new Map<string, string>()
  const readBack = async (name: string) => written.get(name) ?? Promise.reject(new Error(`no piece ${name}`))
  const put = (e: KvEntry) => {
    entries.push(e)
    written.set(e.key, e.value)
  }
  const { manifest, pointer } = await buildIndexTo(articles, put, { readBack, ...options, builtAt })
  return { manifest, entries, pointer }
}
