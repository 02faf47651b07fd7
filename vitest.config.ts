/**
 * Three projects: `unit` (the pure core, in Node), `worker` (the Worker inside workerd, its KV filled
 * from real builds of the fixture corpus, tests/fixture-corpus.ts) and `e2e` (`wrangler dev` and
 * Chromium, over HTTP).
 */
import { cloudflareTest } from '@cloudflare/vitest-pool-workers'
import { defineConfig } from 'vitest/config'
import { firstBuild, secondBuild, shardedBuild } from './tests/worker/second-build.ts'

async function realBuild() {
  const a = await firstBuild()
  // Build B (for the version-swap tests): the same corpus with one passage edited, so another version.
  const b = await secondBuild()
  const sharded = await shardedBuild()
  return {
    TEST_KV_ENTRIES_SHARDED: sharded.entries,
    TEST_POINTER_SHARDED: sharded.pointer,
    TEST_KV_ENTRIES: a.entries,
    TEST_POINTER: a.pointer,
    TEST_KV_ENTRIES_B: b.entries,
    TEST_POINTER_B: b.pointer,
  }
}

export default defineConfig({
  test: {
    projects: [
      { test: { name: 'unit', include: ['tests/unit/**/*.test.ts'], environment: 'node' } },
      {
        plugins: [
          cloudflareTest(async () => ({
            wrangler: { configPath: './wrangler.toml' },
            miniflare: { bindings: await realBuild(), kvNamespaces: ['FAULT_INDEX', 'SWAP_INDEX', 'SHARDED_INDEX'] },
          })),
        ],
        // The first request of a file loads modules through Vite inside workerd: seconds, not milliseconds.
        test: { name: 'worker', include: ['tests/worker/**/*.test.ts'], testTimeout: 30_000 },
      },
      {
        test: {
          name: 'e2e',
          include: ['tests/e2e/**/*.test.ts'],
          environment: 'node',
          testTimeout: 60_000,
          hookTimeout: 120_000,
          fileParallelism: false,
        },
      },
    ],
  },
})
