/**
 * `npm run prune:local` (or `tsx scripts/prune.ts --remote`): deletes the keys of old builds from KV,
 * keeping the live version and the `--keep` (default 1) versions built before it, so an isolate still
 * holding the previous version can finish with it, and the content-addressed pieces no kept build names.
 */
import { mkdtemp, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import { PIECE_PREFIX, POINTER_KEY, VERSION_PREFIX, keys, versionOf } from '../src/core/storage/keys.ts'
import type { Manifest, Pointer } from '../src/core/storage/manifest.ts'
import { keysToPrune, piecesToPrune } from './lib/prune-plan.ts'
import { wrangler } from './lib/wrangler.ts'

const { values } = parseArgs({
  options: {
    local: { type: 'boolean', default: false },
    remote: { type: 'boolean', default: false },
    keep: { type: 'string', default: '1' },
    'persist-to': { type: 'string' },
  },
})
if (values.local === values.remote) throw new Error('wylb prune: say --local or --remote')
const target = [
  ...(values.local
    ? ['--local', ...(values['persist-to'] ? ['--persist-to', values['persist-to']] : [])]
    : ['--remote']),
  '--binding',
  'INDEX',
]

const get = async (key: string) => wrangler(['kv', 'key', 'get', key, '--text', ...target], { capture: true })
const listed = JSON.parse(
  await wrangler(['kv', 'key', 'list', '--prefix', VERSION_PREFIX, ...target], { capture: true }),
) as {
  name: string
}[]
const live = (JSON.parse(await get(POINTER_KEY)) as Pointer).version

const versions = [...new Set(listed.map((k) => versionOf(k.name) as string))]
const builtAt = new Map<string, string>()
for (const version of versions) {
  const manifest = await get(keys.manifest(version)).catch(() => '')
  if (manifest) builtAt.set(version, (JSON.parse(manifest) as Manifest).built_at)
}
const versionKeys = keysToPrune(
  listed.map((k) => k.name),
  live,
  builtAt,
  Number(values.keep),
)
const doomedVersions = new Set(versionKeys.map(versionOf))
// Pieces shared between builds go only when no kept build names them any more.
const referenced = new Set<string>()
for (const version of versions.filter((v) => builtAt.has(v) && !doomedVersions.has(v))) {
  const list = JSON.parse(await get(keys.list(version))) as [key: string, sha256: string, bytes: number][]
  for (const [key] of list) referenced.add(key)
}
const pieces = (
  JSON.parse(await wrangler(['kv', 'key', 'list', '--prefix', PIECE_PREFIX, ...target], { capture: true })) as {
    name: string
  }[]
).map((k) => k.name)
const doomed = [
  ...versionKeys,
  ...piecesToPrune(
    pieces,
    referenced,
    versions.some((v) => !builtAt.has(v)),
  ),
]

if (doomed.length === 0) {
  console.log(`wylb: nothing to prune; live ${live}, ${versions.length} version(s) in KV`)
} else {
  const file = join(await mkdtemp(join(tmpdir(), 'wylb-prune-')), 'keys.json')
  await writeFile(file, JSON.stringify(doomed))
  await wrangler(['kv', 'bulk', 'delete', file, '--force', ...target], { quiet: true })
  console.log(
    `wylb: pruned ${doomed.length} keys (${versionKeys.length} of old versions, ${doomed.length - versionKeys.length} unused pieces); live is ${live}`,
  )
}
