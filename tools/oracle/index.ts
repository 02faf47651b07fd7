/**
 * @module The test oracle: the in-memory engine wylb once served small corpora with (the whole index
 * loaded, FlexSearch mapping terms to passages). The one engine (src/core/shards) must answer as it
 * does on every corpus small enough for it; the equivalence suites compare the two.
 */
export * from '../../src/core/search/index.ts'
export { buildSearchIndex } from './build.ts'
export type { SearchEngine } from './engine.ts'
export { loadSearchIndex } from './load.ts'
