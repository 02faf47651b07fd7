/**
 * `npm run seed:local` (or `tsx scripts/seed.ts --remote`): puts the build in index/build into KV.
 *
 * Only what changed: the build lists every key with the hash of its value (keys.json); this script keeps
 * a record of what it uploaded to each target (index/build/.uploaded-<local|remote>.json, kept across
 * builds) and uploads only keys that are new or whose hash differs. Search pieces are content-addressed,
 * so a rebuild after a small edit uploads a small part of the index. `--all` uploads everything (say,
 * after wiping .wrangler/). The record is saved after every batch, so an interrupted seed resumes.
 *
 * The versioned keys go first, in batches under wrangler's bulk limits; the pointer goes last, so a
 * reader never follows it to a half-written version.
 */
import { createHash } from 'node:crypto'
import { mkdir, readFile, readdir, writeFile } from 'node:fs/promises'
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
    all: { type: 'boolean', default: false },
  },
})
if (values.local === values.remote) throw new Error('wylb seed: say --local or --remote')
const persist = values['persist-to']
const where = values.local ? ['--local', ...(persist ? ['--persist-to', persist] : [])] : ['--remote']
const target = [...where, '--binding', 'INDEX']

const dir = values.build as string
const started = performance.now()
const listed = JSON.parse(
  await readFile(join(dir, 'keys.json'), 'utf8').catch(() => {
    throw new Error(`wylb seed: no build in ${dir}; run \`npm run build:index\` first`)
  }),
) as [key: string, sha256: string, bytes: number][]
const pointer = await readFile(join(dir, 'pointer.json'), 'utf8')

// What this target already holds, by the record of earlier seeds.
const recordName = values.local
  ? `.uploaded-local${persist ? `-${createHash('sha256').update(persist).digest('hex').slice(0, 8)}` : ''}.json`
  : '.uploaded-remote.json'
const recordFile = join(dir, recordName)
let record: Record<string, string> = values.all
  ? {}
  : (JSON.parse(await readFile(recordFile, 'utf8').catch(() => '{}')) as Record<string, string>)
// The record may outlive what it describes (a deleted .wrangler folder, a wiped namespace): trust it
// only while KV still holds a key it names.
const probe = Object.keys(record)[0]
if (probe !== undefined) {
  // wrangler exits 0 either way and says "Value not found" when the key is missing.
  const held = await wrangler(['kv', 'key', 'get', probe, '--text', ...target], { capture: true, quietErrors: true })
    .then((out) => !/^Value not found/m.test(out))
    .catch(() => false)
  if (!held) record = {}
}
const wanted = new Map(listed.filter(([key, sha]) => record[key] !== sha).map(([key, sha]) => [key, sha]))

// Entries come from the build's batch files (a small build may only have kv-bulk.json).
const files = await readdir(join(dir, 'kv'))
  .then((names) => names.filter((n) => n.endsWith('.json')).sort().map((n) => join(dir, 'kv', n)))
  .catch(() => [join(dir, 'kv-bulk.json')])

await mkdir(join(dir, 'batches'), { recursive: true })
let batchNo = 0
let uploaded = 0
let uploadedBytes = 0
let pending: KvEntry[] = []
let pendingBytes = 0
const flush = async (): Promise<void> => {
  if (pending.length === 0) return
  const file = join(dir, 'batches', `${batchNo++}.json`)
  await writeFile(file, JSON.stringify(pending))
  await wrangler(['kv', 'bulk', 'put', file, ...target], { quiet: true })
  for (const e of pending) record[e.key] = wanted.get(e.key) as string
  await writeFile(recordFile, JSON.stringify(record))
  uploaded += pending.length
  uploadedBytes += pendingBytes
  process.stdout.write(`\rwylb seed: ${uploaded}/${wanted.size} keys, ${(uploadedBytes / 1e6).toFixed(1)} MB`)
  pending = []
  pendingBytes = 0
}
for (const file of files) {
  const entries = JSON.parse(await readFile(file, 'utf8')) as KvEntry[]
  for (const entry of entries) {
    if (!wanted.has(entry.key)) continue
    const size = Buffer.byteLength(entry.key) + Buffer.byteLength(entry.value) + 16
    if (pending.length > 0 && (pending.length >= BATCH_PAIRS || pendingBytes + size > BATCH_BYTES)) await flush()
    pending.push(entry)
    pendingBytes += size
  }
}
await flush()
if (uploaded > 0) process.stdout.write('\n')
// From the file: the pointer carries the manifest, which can outgrow a command-line argument.
await wrangler(['kv', 'key', 'put', POINTER_KEY, '--path', join(dir, 'pointer.json'), ...target], { quiet: true })
console.log(
  `wylb: seeded ${uploaded} of ${listed.length} keys (${(uploadedBytes / 1e6).toFixed(1)} MB; ${listed.length - wanted.size} unchanged since the last seed) ` +
    `in ${batchNo} batch(es) to ${values.local ? 'local' : 'remote'} KV in ${((performance.now() - started) / 1000).toFixed(1)} s; live → ${JSON.parse(pointer).version}`,
)
