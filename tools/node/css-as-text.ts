/**
 * @module Lets Node import a `.css` file as its text, as wrangler's Text rule does for the Worker (wrangler.toml)
 * and vitest's plugin does for the unit tests: scripts that load the app in Node (the API reference) need it.
 */
import { readFileSync } from 'node:fs'
import { registerHooks } from 'node:module'
import { fileURLToPath } from 'node:url'

registerHooks({
  load(url, context, nextLoad) {
    if (!url.startsWith('file:') || !url.endsWith('.css')) return nextLoad(url, context)
    const text = readFileSync(fileURLToPath(url), 'utf8')
    return { format: 'module', source: `export default ${JSON.stringify(text)}`, shortCircuit: true }
  },
})
