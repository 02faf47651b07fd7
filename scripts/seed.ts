/**
 * `npm run seed:local` (or `tsx scripts/seed.ts --remote`): puts the build in index/build into KV.
 * The versioned keys go first, in batches under wrangler's bulk limits; the pointer goes last, so a
 * reader never follows it to a half-written version.
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import type { KvEntry } from '../src/build/build-index.ts'
import { POINTER_KEY } from '../src/store/layout.ts'
import { wrangler } from './lib/wrangler.ts'

/** wrangler's bulk put takes at most 10,000 pairs and 100 MB a request; stay under both. */
const BATCH_PAIRS = 5_000
const BATCH_BYTES = 64 * 1024 * 1024

const { values } = parseArgs({
  options: {
    local: { type: 'boolean', default: false },
    remote: { type: 'boolean', default: false },
    build: { type: 'string', default: 'index/build' },
    'persist-to': { type: 'string' },
  },
})
if (values.local === values.remote) throw new Error('wylb seed: say --local or --remote')
const where = values.local ? ['--local', ...(values['persist-to'] ? ['--persist-to', values['persist-to']] : [])] : ['--remote']
const target = [...where, '--binding', 'INDEX']

const dir = values.build as string
const entries = JSON.parse(await readFile(join(dir, 'kv-bulk.json'), 'utf8').catch(() => {
  throw new Error(`wylb seed: no build in ${dir}; run \`npm run build:index\` first`)
})) as KvEntry[]
const pointer = await readFile(join(dir, 'pointer.json'), 'utf8')

const batches: KvEntry[][] = [[]]
let bytes = 0
for (const entry of entries) {
  const size = entry.key.length + entry.value.length
  const batch = batches.at(-1) as KvEntry[]
  if (batch.length > 0 && (batch.length >= BATCH_PAIRS || bytes + size > BATCH_BYTES)) {
    batches.push([entry])
    bytes = size
  } else {
    batch.push(entry)
    bytes += size
  }
}

await mkdir(join(dir, 'batches'), { recursive: true })
for (const [i, batch] of batches.entries()) {
  const file = join(dir, 'batches', `${i}.json`)
  await writeFile(file, JSON.stringify(batch))
  await wrangler(['kv', 'bulk', 'put', file, ...target], { quiet: true })
}
await wrangler(['kv', 'key', 'put', POINTER_KEY, pointer, ...target], { quiet: true })
console.log(`wylb: seeded ${entries.length} keys in ${batches.length} batch(es) to ${values.local ? 'local' : 'remote'} KV; live → ${JSON.parse(pointer).version}`)
