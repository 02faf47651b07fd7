/** @module The Worker's bindings, as wrangler.toml declares them. */
export interface Env {
  /** The index: versioned keys and the live-version pointer (see src/store/layout.ts). */
  INDEX: KVNamespace
  /** Seconds between re-reads of the pointer; a string because wrangler vars are strings. */
  POINTER_TTL_SECONDS?: string
  /** Per-client rate limit; absent (no limit) where wrangler.toml declares none. */
  RATE_LIMITER?: RateLimit
}
