/** The test-only bindings vitest.config.ts adds (the real build, to put into KV), and the main module's type. */
declare namespace Cloudflare {
  interface GlobalProps {
    mainModule: typeof import('../../src/index.ts')
  }
  interface Env {
    INDEX: KVNamespace
    POINTER_TTL_SECONDS?: string
    /** An empty namespace that fault tests fill with broken builds. */
    FAULT_INDEX: KVNamespace
    /** The same corpus built for the sharded engine, and a namespace to hold it. */
    TEST_KV_ENTRIES: { key: string; value: string }[]
    TEST_POINTER: { version: string; built_at: string }
    /** An empty namespace the version-swap tests fill with builds A and B. */
    SWAP_INDEX: KVNamespace
    /** Build B: the real corpus with " Swapped." appended to the summary (tests/worker/second-build.ts). */
    TEST_KV_ENTRIES_B: { key: string; value: string }[]
    TEST_POINTER_B: { version: string; built_at: string }
    RATE_LIMITER: RateLimit
  }
}
