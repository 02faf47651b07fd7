/**
 * Writes the index the Worker warms its query path over when an isolate starts
 * (src/core/engine/warm-up-index.json; tools/build/warm-up-index.ts says what it holds). Run it after a
 * change to the index format or the build: tests/unit/engine/warm-up.test.ts fails until the file agrees.
 *
 * Usage: npm run build:warm-up
 */
import { writeFile } from 'node:fs/promises'
import { makeWarmUpIndex, warmUpIndexJson, WARM_UP_INDEX_FILE } from '../tools/build/warm-up-index.ts'

const index = await makeWarmUpIndex()
const json = warmUpIndexJson(index)
await writeFile(WARM_UP_INDEX_FILE, json)
console.log(
  `wylb: wrote ${WARM_UP_INDEX_FILE}: ${Object.keys(index.pieces).length} pieces, ` +
    `${(Buffer.byteLength(json) / 1024).toFixed(1)} KB, ${index.searches.length} searches`,
)
