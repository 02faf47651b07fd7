/**
 * @module Every KV key a build writes and the Worker reads, named here and nowhere else.
 *
 * - `live`: the pointer, the only key outside a build; it names the live version (manifest.ts).
 * - `v/<version>/...`: what belongs to one build (its manifest, its key list, its article models);
 *   a reader that follows the pointer sees one whole build, never half of two.
 * - `s/<hash>`: content-addressed pieces, outside any version: the name is the start of the SHA-256 of
 *   the value, so a reader can check a piece alone and a rebuild keeps the name of every unchanged one.
 *   Doc blocks and term shards are placed pieces, `s/<d|t><place>.<hash>`: their place (a block's first
 *   passage, a shard's index) and a shorter hash, since every cold isolate reads the meta that lists them.
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
}

/** Characters of a piece's name after `s/`: 72 bits of its SHA-256 in base64url. */
export const NAME_CHARS = 12
/**
 * Characters of a placed piece's hash in its name (36 bits): the name holds its place too, so two doc
 * blocks (term shards) share a name only if they start at the same passage (have the same index) and
 * agree in 36 bits: a rebuild that changes a block keeps its old name once in 69 billion. The meta's
 * lists of them are the largest thing a cold isolate reads, a character a piece (at 100 MB, 12,668
 * blocks and 2,841 shards: 31 KB less than with 48 bits).
 */
export const PLACED_HASH_CHARS = 6
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

function placedName(kind: 'd' | 't', place: number, hash: string): string {
  return `${PIECE_PREFIX}${kind}${place.toString(36)}.${hash}`
}

/** The name of the doc block starting at passage `first` whose value has this SHA-256. */
export function docBlockName(first: number, sha256: string): string {
  return placedName('d', first, base64url(sha256, PLACED_HASH_CHARS))
}

/** The name of term shard `i` whose value has this SHA-256. */
export function termShardName(i: number, sha256: string): string {
  return placedName('t', i, base64url(sha256, PLACED_HASH_CHARS))
}

/** The hash part of a placed piece's name, as the meta packs it. */
export function placedHash(name: string): string {
  return name.slice(name.indexOf('.') + 1)
}

function packedHash(packed: string, i: number): string | undefined {
  if (i < 0 || (i + 1) * PLACED_HASH_CHARS > packed.length) return undefined
  return packed.slice(i * PLACED_HASH_CHARS, (i + 1) * PLACED_HASH_CHARS)
}

/** Doc block i's name, from the meta's packed hashes and the blocks' first ordinals. */
export function docBlockAt(packed: string, first: ArrayLike<number>, i: number): string | undefined {
  const hash = i < first.length ? packedHash(packed, i) : undefined
  return hash === undefined ? undefined : placedName('d', first[i]!, hash)
}

/** Term shard i's name, from the meta's packed hashes. */
export function termShardAt(packed: string, i: number): string | undefined {
  const hash = packedHash(packed, i)
  return hash === undefined ? undefined : placedName('t', i, hash)
}

const PLACED_NAME = /^s\/([dt])[0-9a-z]+\.([A-Za-z0-9_-]+)$/

/** Whether a value of this SHA-256 may be stored under `name` (a piece's name or a placed piece's). */
export function nameMatches(name: string, sha256: string): boolean {
  const placed = PLACED_NAME.exec(name)
  return placed ? placed[2] === base64url(sha256, PLACED_HASH_CHARS) : name === pieceName(sha256)
}

/** Piece names packed into one string (fixed width, without `s/`) for the meta's directories (placed pieces: placedHash). */
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
  | { kind: 'piece' | 'doc-block' | 'term-shard' | 'content-article'; name: string }

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
  const placed = PLACED_NAME.exec(key)
  if (placed) return { kind: placed[1] === 'd' ? 'doc-block' : 'term-shard', name: key }
  if (CONTENT_ARTICLE.test(key)) return { kind: 'content-article', name: key }
  if (PIECE.test(key)) return { kind: 'piece', name: key }
  return undefined
}

/** The build a key belongs to: the version in `v/<version>/...`, else undefined (the pointer, a piece). */
export function versionOf(key: string): string | undefined {
  return IN_VERSION.exec(key)?.[1]
}
