/**
 * @module KV's limits, and the margins the build, the seed and the Worker's reader keep under them.
 */

/** KV's hard limit is 25 MiB a value; chunks stay well under it. */
export const CHUNK_BYTES = 20 * 1024 * 1024

/** wrangler's bulk put takes at most 10,000 pairs and 100 MB a request; a batch stays under both. */
export const BULK_WRITE = { pairs: 5_000, bytes: 64 * 1024 * 1024 }

/** KV's most keys in one bulk read. */
export const BULK_READ_KEYS = 100

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
