/**
 * Three projects: `unit` (the pure core, in Node), `worker` (the Worker inside workerd, its KV filled
 * from the real build in index/build) and `e2e` (`wrangler dev` and Chromium, over HTTP).
 */
import { existsSync, readFileSync } from 'node:fs'
import { cloudflareTest } from '@cloudflare/vitest-pool-workers'
import { defineConfig } from 'vitest/config'
import { secondBuild } from './tests/worker/second-build.ts'

const BUILD = 'index/build'

async function realBuild() {
  if (!existsSync(`${BUILD}/kv-bulk.json`)) {
    throw new Error(`wylb tests: no build in ${BUILD}; \`npm test\` makes one, or run \`npm run build:index\``)
  }
  // Build B (for the version-swap tests): the same corpus with one passage edited, so another version.
  const b = await secondBuild()
  return {
    TEST_KV_ENTRIES: JSON.parse(readFileSync(`${BUILD}/kv-bulk.json`, 'utf8')),
    TEST_POINTER: JSON.parse(readFileSync(`${BUILD}/pointer.json`, 'utf8')),
    TEST_KV_ENTRIES_B: b.entries,
    TEST_POINTER_B: b.pointer,
  }
}

export default defineConfig({
  test: {
    projects: [
      { test: { name: 'unit', include: ['tests/unit/**/*.test.ts'], environment: 'node', testTimeout: 30_000 } },
      {
        plugins: [
          cloudflareTest(async () => ({
            wrangler: { configPath: './wrangler.toml' },
            miniflare: { bindings: await realBuild(), kvNamespaces: ['FAULT_INDEX', 'SWAP_INDEX'] },
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
