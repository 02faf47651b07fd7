/**
 * `npm run seed:local` (or `tsx scripts/seed.ts --remote`): puts the build in index/build into KV, and
 * repairs what KV holds of it.
 *
 * Only what KV lacks or holds wrong is uploaded, found by asking KV rather than trusting a record of
 * earlier seeds: local KV is read back whole and compared value by value; remote KV is listed (a key
 * absent is uploaded) and a bounded sample of the keys it holds is read back and compared (every key is
 * content-addressed or under its version, so a key present is right unless damaged). Search pieces are
 * content-addressed, so a rebuild after a small edit uploads a small part of the index. `--all`
 * uploads everything.
 *
 * The build's keys go first, in batches under wrangler's bulk limits; the pointer goes last, so a
 * reader never follows it to a half-written version. The pointer also names the version it replaces
 * (`previous`): where KV's eventual consistency shows the new pointer before the pieces it names, the
 * Worker serves that version whole until they arrive (see src/store/release.ts).
 */
import { randomInt } from 'node:crypto'
import { mkdir, readFile, readdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import { getPlatformProxy } from 'wrangler'
import type { KvEntry } from '../src/build/kv-entries.ts'
import { POINTER_KEY } from '../src/core/storage/keys.ts'
import { BULK_READ_KEYS, BULK_WRITE } from '../src/core/storage/limits.ts'
import type { Pointer } from '../src/core/storage/manifest.ts'
import { wrangler } from './lib/wrangler.ts'

/** How many of the keys remote KV lists are read back and compared: each is one API call. */
const REMOTE_SPOT_CHECKS = 16

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
const pointer = JSON.parse(
  await readFile(join(dir, 'pointer.json'), 'utf8').catch(() => {
    throw new Error(`wylb seed: no build in ${dir}; run \`npm run build:index\` first`)
  }),
) as Pointer

// Entries come from the build's batch files (a small build may only have kv-bulk.json).
const files = await readdir(join(dir, 'kv'))
  .then((names) =>
    names
      .filter((n) => n.endsWith('.json'))
      .sort()
      .map((n) => join(dir, 'kv', n)),
  )
  .catch(() => [join(dir, 'kv-bulk.json')])

/** The build's entries, each key once: identical content-addressed pieces are emitted once per use. */
async function* entries(): AsyncGenerator<KvEntry> {
  const seen = new Set<string>()
  for (const file of files) {
    for (const entry of JSON.parse(await readFile(file, 'utf8')) as KvEntry[]) {
      if (seen.has(entry.key)) continue
      seen.add(entry.key)
      yield entry
    }
  }
}

interface Held {
  /** The live pointer as KV holds it, if any. */
  pointer: string | null
  /** Keys of the build that KV lacks or holds a wrong value for. */
  wanted: Set<string>
  total: number
  how: string
}

/** Local KV, read back whole through wrangler's local bindings (the store `wrangler dev` reads). */
async function heldLocally(): Promise<Held> {
  const proxy = await getPlatformProxy<{ INDEX: KVNamespace }>({
    configPath: 'wrangler.toml',
    persist: { path: join(persist ?? '.wrangler/state', 'v3') },
    remoteBindings: false,
  })
  try {
    const kv = proxy.env.INDEX
    const wanted = new Set<string>()
    let total = 0
    let batch: KvEntry[] = []
    const compare = async () => {
      const held = await kv.get(
        batch.map((e) => e.key),
        'text',
      )
      for (const e of batch) if (held.get(e.key) !== e.value) wanted.add(e.key)
      batch = []
    }
    for await (const entry of entries()) {
      total++
      batch.push(entry)
      if (batch.length === BULK_READ_KEYS) await compare()
    }
    if (batch.length > 0) await compare()
    return { pointer: await kv.get(POINTER_KEY, 'text'), wanted, total, how: 'read back' }
  } finally {
    await proxy.dispose()
  }
}

/** Remote KV: listed whole, and a sample of the build's keys it holds read back. */
async function heldRemotely(): Promise<Held> {
  const listed = new Set(
    (JSON.parse(await wrangler(['kv', 'key', 'list', ...target], { capture: true })) as { name: string }[]).map(
      (k) => k.name,
    ),
  )
  const wanted = new Set<string>()
  const present: KvEntry[] = []
  let total = 0
  for await (const entry of entries()) {
    total++
    if (!listed.has(entry.key)) wanted.add(entry.key)
    // Reservoir sampling: an even sample of the present keys without holding them all.
    else if (present.length < REMOTE_SPOT_CHECKS) present.push(entry)
    else {
      const i = randomInt(total)
      if (i < REMOTE_SPOT_CHECKS) present[i] = entry
    }
  }
  for (const entry of present) {
    const held = await wrangler(['kv', 'key', 'get', entry.key, '--text', ...target], {
      capture: true,
      quietErrors: true,
    }).catch(() => null)
    if (held !== entry.value) wanted.add(entry.key)
  }
  const pointerText = listed.has(POINTER_KEY)
    ? await wrangler(['kv', 'key', 'get', POINTER_KEY, '--text', ...target], { capture: true, quietErrors: true })
    : null
  return { pointer: pointerText, wanted, total, how: `listed, ${present.length} read back` }
}

async function allOfThem(): Promise<Held> {
  const wanted = new Set<string>()
  for await (const entry of entries()) wanted.add(entry.key)
  const pointerText = await wrangler(['kv', 'key', 'get', POINTER_KEY, '--text', ...target], {
    capture: true,
    quietErrors: true,
  })
  // wrangler exits 0 either way and says "Value not found" when the key is missing.
  return {
    pointer: /^Value not found/m.test(pointerText) ? null : pointerText,
    wanted,
    total: wanted.size,
    how: '--all',
  }
}

const held = values.all ? await allOfThem() : values.local ? await heldLocally() : await heldRemotely()

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
  uploaded += pending.length
  uploadedBytes += pendingBytes
  process.stdout.write(`\rwylb seed: ${uploaded}/${held.wanted.size} keys, ${(uploadedBytes / 1e6).toFixed(1)} MB`)
  pending = []
  pendingBytes = 0
}
for await (const entry of entries()) {
  if (!held.wanted.has(entry.key)) continue
  const size = Buffer.byteLength(entry.key) + Buffer.byteLength(entry.value) + 16
  if (pending.length > 0 && (pending.length >= BULK_WRITE.pairs || pendingBytes + size > BULK_WRITE.bytes))
    await flush()
  pending.push(entry)
  pendingBytes += size
}
await flush()
if (uploaded > 0) process.stdout.write('\n')

const live = livePointer(pointer, held.pointer)
// From a file: the pointer carries the manifest, which can outgrow a command-line argument.
const pointerFile = join(dir, 'batches', 'live.json')
await writeFile(pointerFile, JSON.stringify(live))
await wrangler(['kv', 'key', 'put', POINTER_KEY, '--path', pointerFile, ...target], { quiet: true })
console.log(
  `wylb: seeded ${uploaded} of ${held.total} keys (${(uploadedBytes / 1e6).toFixed(1)} MB; ${held.total - uploaded} already held, ${held.how}) ` +
    `in ${batchNo} batch(es) to ${values.local ? 'local' : 'remote'} KV in ${((performance.now() - started) / 1000).toFixed(1)} s; ` +
    `live → ${live.version}${live.previous ? ` (previous ${live.previous.version})` : ''}`,
)

/** The build's pointer, naming as `previous` the version it replaces (kept when the same build is seeded again). */
function livePointer(next: Pointer, heldText: string | null): Pointer {
  let current: Partial<Pointer> | undefined
  try {
    current = heldText ? (JSON.parse(heldText) as Partial<Pointer>) : undefined
  } catch {
    current = undefined
  }
  if (typeof current?.version !== 'string') return next
  if (current.version !== next.version) return { ...next, previous: { version: current.version } }
  return current.previous ? { ...next, previous: current.previous } : next
}
