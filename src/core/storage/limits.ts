/**
 * @module KV's limits, and the margins the build, the seed and the Worker's reader keep under them.
 */

/** KV's hard limit on one value. Pieces are far smaller; an article model is the one value that could reach it. */
export const MAX_VALUE_BYTES = 25 * 1024 * 1024

/** wrangler's bulk put takes at most 10,000 pairs and 100 MB a request; a batch stays under both. */
export const BULK_WRITE = { pairs: 5_000, bytes: 64 * 1024 * 1024 }

/** KV's most keys in one bulk read. */
export const BULK_READ_KEYS = 100
