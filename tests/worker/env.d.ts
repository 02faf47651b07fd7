/**
 * The test-only bindings vitest.config.ts adds (the real build, to put into KV). The Worker's own come
 * from wrangler.toml through the generated src/env.d.ts.
 */
declare namespace Cloudflare {
  interface Env {
    /** An empty namespace that fault tests fill with broken builds. */
    FAULT_INDEX: KVNamespace
    /** The real build in index/build, to put into KV. */
    TEST_KV_ENTRIES: { key: string; value: string }[]
    TEST_POINTER: { version: string; built_at: string; manifest: { search: { key: string } } }
    /** An empty namespace the version-swap tests fill with builds A and B. */
    SWAP_INDEX: KVNamespace
    /** Build B: the real corpus with " Swapped." appended to the summary (tests/worker/second-build.ts). */
    TEST_KV_ENTRIES_B: { key: string; value: string }[]
    TEST_POINTER_B: { version: string; built_at: string }
  }
}
