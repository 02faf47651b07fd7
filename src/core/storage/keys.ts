/**
 * @module Every KV key a build writes and the Worker reads, named here and nowhere else.
 *
 * - `live`: the pointer, the only key outside a build; it names the live version (manifest.ts).
 * - `v/<version>/...`: what belongs to one build (its manifest, its key list, its article models);
 *   a reader that follows the pointer sees one whole build, never half of two.
 * - `s/<hash>`: content-addressed pieces, outside any version: the name is the start of the SHA-256 of
 *   the value, so a reader can check a piece alone and a rebuild keeps the name of every unchanged one.
 */

/** The only key outside a version: which version is live. */
export const POINTER_KEY = 'live'
/** Keys of one build start with it (KV lists keys by prefix: the prune lists builds so). */
export const VERSION_PREFIX = 'v/'
/** Content-addressed pieces start with it. */
export const PIECE_PREFIX = 's/'

export const keys = {
  prefix: (version: string) => `${VERSION_PREFIX}${version}/`,
  manifest: (version: string) => `${VERSION_PREFIX}${version}/manifest`,
  article: (version: string, slug: string) => `${VERSION_PREFIX}${version}/article/${slug}`,
  /** An article model stored by content (`articleKeys: 'content'`): 96 bits of its SHA-256, in hex. */
  contentArticle: (sha256: string) => `${PIECE_PREFIX}${sha256.slice(0, 24)}`,
  /** Every key of the build with its hash and size: for seeding and pruning; the Worker never reads it. */
  list: (version: string) => `${VERSION_PREFIX}${version}/keys`,
  chunk: (key: string, i: number) => `${key}#${i}`,
}

/** Characters of a piece's name after `s/`: 72 bits of its SHA-256 in base64url. */
export const NAME_CHARS = 12
/**
 * Characters of a doc block's hash in its name (48 bits): the name holds the block's first ordinal
 * too, so two blocks share a name only if they start at the same passage and agree in 48 bits, and the
 * meta's directory of blocks (the largest thing a cold isolate reads) keeps only these.
 */
export const DOC_HASH_CHARS = 8
const BASE64URL = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_'

/** The first `chars` base64url characters of a hex SHA-256 (three hex digits make two). */
function base64url(sha256: string, chars: number): string {
  let out = ''
  for (let i = 0; i < chars * 1.5; i += 3) {
    const v = Number.parseInt(sha256.slice(i, i + 3), 16)
    out += BASE64URL[v >> 6]! + BASE64URL[v & 63]!
  }
  return out
}

/** Hex SHA-256 of a value as stored: what a content-addressed name is made from. */
export async function sha256Hex(text: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text))
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('')
}

/** The name of a piece whose value has this (hex) SHA-256. */
export function pieceName(sha256: string): string {
  return `${PIECE_PREFIX}${base64url(sha256, NAME_CHARS)}`
}

/** The name of the doc block starting at passage `first` whose value has this SHA-256. */
export function docBlockName(first: number, sha256: string): string {
  return `${PIECE_PREFIX}d${first.toString(36)}.${base64url(sha256, DOC_HASH_CHARS)}`
}

/** The hash part of a doc block's name, as the meta's directory packs it. */
export function docBlockHash(name: string): string {
  return name.slice(name.indexOf('.') + 1)
}

/** Doc block i's name, from the directory's packed hashes and the blocks' first ordinals. */
export function docBlockAt(packed: string, first: readonly number[], i: number): string | undefined {
  if (i < 0 || i >= first.length || (i + 1) * DOC_HASH_CHARS > packed.length) return undefined
  return `${PIECE_PREFIX}d${first[i]!.toString(36)}.${packed.slice(i * DOC_HASH_CHARS, (i + 1) * DOC_HASH_CHARS)}`
}

const DOC_BLOCK_NAME = /^s\/d[0-9a-z]+\.([A-Za-z0-9_-]+)$/

/** Whether a value of this SHA-256 may be stored under `name` (a piece's name or a doc block's). */
export function nameMatches(name: string, sha256: string): boolean {
  const doc = DOC_BLOCK_NAME.exec(name)
  return doc ? doc[1] === base64url(sha256, DOC_HASH_CHARS) : name === pieceName(sha256)
}

/** Piece names packed into one string (fixed width, without `s/`) for the meta's directories. */
export function packNames(names: readonly string[]): string {
  return names.map((n) => n.slice(PIECE_PREFIX.length)).join('')
}

export function nameAt(packed: string, i: number): string | undefined {
  if (i < 0 || (i + 1) * NAME_CHARS > packed.length) return undefined
  return `${PIECE_PREFIX}${packed.slice(i * NAME_CHARS, (i + 1) * NAME_CHARS)}`
}

/** Whether a key is a content-addressed piece (a search piece, a doc block or an article stored by content). */
export function isPiece(key: string): boolean {
  return key.startsWith(PIECE_PREFIX)
}

/** What a key is, read back from its name; undefined for a key this contract does not name. */
export type StorageKey =
  | { kind: 'pointer' }
  | { kind: 'manifest' | 'key-list'; version: string }
  | { kind: 'article'; version: string; slug: string }
  | { kind: 'piece' | 'doc-block' | 'content-article'; name: string }

const VERSIONED = /^v\/([^/]+)\/(?:(manifest)|(keys)|article\/([a-z0-9]+(?:-[a-z0-9]+)*))$/
const IN_VERSION = /^v\/([^/]+)\//
const PIECE = new RegExp(`^s/[A-Za-z0-9_-]{${NAME_CHARS}}$`)
const CONTENT_ARTICLE = /^s\/[0-9a-f]{24}$/

export function parseKey(key: string): StorageKey | undefined {
  if (key === POINTER_KEY) return { kind: 'pointer' }
  const versioned = VERSIONED.exec(key)
  if (versioned) {
    const [, version, manifest, list, slug] = versioned as unknown as [string, string, string?, string?, string?]
    if (manifest) return { kind: 'manifest', version }
    if (list) return { kind: 'key-list', version }
    return { kind: 'article', version, slug: slug! }
  }
  if (DOC_BLOCK_NAME.test(key)) return { kind: 'doc-block', name: key }
  if (CONTENT_ARTICLE.test(key)) return { kind: 'content-article', name: key }
  if (PIECE.test(key)) return { kind: 'piece', name: key }
  return undefined
}

/** The build a key belongs to: the version in `v/<version>/...`, else undefined (the pointer, a piece). */
export function versionOf(key: string): string | undefined {
  return IN_VERSION.exec(key)?.[1]
}
