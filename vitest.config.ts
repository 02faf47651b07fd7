/**
 * Three projects: `unit` (the pure core, in Node), `worker` (the Worker inside workerd, its KV filled
 * from real builds of the fixture corpus, tools/corpus/fixture.ts) and `e2e` (`wrangler dev` and
 * Chromium, over HTTP).
 */
import { cloudflareTest } from '@cloudflare/vitest-plugin'
import type { Json } from 'miniflare'
import { readFile } from 'node:fs/promises'
import { defineConfig, type Plugin } from 'vitest/config'
import { firstBuild, secondBuild } from './tests/worker/second-build.ts'

/** A binding crosses into workerd as JSON: the builds' interfaces, made plain JSON values. */
const asJson = (value: unknown): Json => JSON.parse(JSON.stringify(value))

async function realBuild(): Promise<Record<string, Json>> {
  const a = await firstBuild()
  // Build B (for the version-swap tests): the same corpus with one passage edited, so another version.
  const b = await secondBuild()
  return {
    TEST_KV_ENTRIES: asJson(a.entries),
    TEST_POINTER: asJson(a.pointer),
    TEST_KV_ENTRIES_B: asJson(b.entries),
    TEST_POINTER_B: asJson(b.pointer),
  }
}

/**
 * The pages import their stylesheets as text, as wrangler's `[[rules]]` Text rule bundles them (and the
 * Worker project's pool applies that rule itself). In Node, Vite would make a `.css` import a stylesheet:
 * this resolves it to a module exporting the file's text instead.
 */
const cssAsText: Plugin = {
  name: 'css-as-text',
  enforce: 'pre',
  async resolveId(source, importer) {
    if (!source.endsWith('.css') || importer === undefined) return null
    const resolved = await this.resolve(source, importer, { skipSelf: true })
    return resolved ? `\0css-as-text:${resolved.id}.js` : null
  },
  async load(id) {
    if (!id.startsWith('\0css-as-text:')) return null
    const text = await readFile(id.slice('\0css-as-text:'.length, -'.js'.length), 'utf8')
    return `export default ${JSON.stringify(text)}`
  },
}

export default defineConfig({
  test: {
    // The Worker logs one line per request (src/api/observe.ts): kept out of the test output
    // (tests/worker/observability.test.ts reads them).
    onConsoleLog: (log) => !log.startsWith('{"msg":"request"'),
    projects: [
      {
        plugins: [cssAsText],
        test: { name: 'unit', include: ['tests/unit/**/*.test.ts'], environment: 'node', testTimeout: 30_000 },
      },
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
