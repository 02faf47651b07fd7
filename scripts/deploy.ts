/**
 * `npm run deploy [-- --from <dir|export.xml> [--from …]] [--dry-run] [--build index/build]`: puts a build
 * into the remote KV (only the keys it does not hold yet, pointer last) and deploys the Worker.
 *
 * It deploys the build that is in the build folder, whatever it was built from; with `--from` it builds
 * those sources first; only with no build at all does it build the default corpus. It never rebuilds the
 * default corpus over another build. When wrangler.toml still has the placeholder KV id, it creates the
 * namespace (`wrangler kv namespace create INDEX`) and writes its id there.
 *
 * `--dry-run` works offline: it says which build would go out and how many keys the seed would upload (by
 * the record of earlier seeds), and runs `wrangler deploy --dry-run`; no KV is written, nothing created.
 */
import { spawn } from 'node:child_process'
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import {
  builtSources,
  createdNamespaceId,
  deploySource,
  kvNamespaceId,
  needsNamespace,
  withKvNamespaceId,
} from '../tools/deploy/deploy-plan.ts'
import { wrangler } from '../tools/process/wrangler.ts'

const BINDING = 'INDEX'
const CONFIG = 'wrangler.toml'

const { values } = parseArgs({
  options: {
    from: { type: 'string', multiple: true },
    build: { type: 'string', default: 'index/build' },
    'dry-run': { type: 'boolean', default: false },
  },
})
const dir = values.build as string
const dryRun = values['dry-run'] as boolean

/** Runs one of this project's scripts with tsx, its output ours; rejects when it fails. */
function script(file: string, args: string[] = []): Promise<void> {
  const tsx = new URL('../node_modules/tsx/dist/cli.mjs', import.meta.url).pathname
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [tsx, file, ...args], { stdio: 'inherit' })
    child.on('error', reject)
    child.on('exit', (code) =>
      code === 0 ? resolve() : reject(new Error(`wylb deploy: ${file} ${args.join(' ')} exited with ${code}`)),
    )
  })
}

const readJson = async (file: string): Promise<unknown> => JSON.parse(await readFile(file, 'utf8'))
const built = await readJson(join(dir, 'keys.json')).then(
  async () => ({ sources: builtSources(await readJson(join(dir, 'source.json')).catch(() => ({}))) }),
  () => null,
)
const source = deploySource(values.from ?? [], built)

await script('scripts/build-widget.ts')
if (source.kind === 'build-from')
  await script('scripts/build-index.ts', [...source.sources.flatMap((s) => ['--from', s]), '--out', dir, '--quiet'])
else if (source.kind === 'build-default') await script('scripts/build-index.ts', ['--out', dir, '--quiet'])
else
  console.log(
    `wylb deploy: deploying the build in ${dir} (from ${source.sources.join(' + ') || 'an unrecorded corpus'}); \`--from\` builds another`,
  )

if (dryRun) {
  const keys = (await readJson(join(dir, 'keys.json'))) as [key: string, sha256: string, bytes: number][]
  const record = (await readJson(join(dir, '.uploaded-remote.json')).catch(() => ({}))) as Record<string, string>
  const changed = keys.filter(([key, sha]) => record[key] !== sha)
  const bytes = changed.reduce((n, [, , b]) => n + b, 0)
  console.log(
    `wylb deploy --dry-run: the seed would write ${changed.length + 1} of ${keys.length + 1} keys to remote KV (${(bytes / 1e6).toFixed(1)} MB, the pointer last), ` +
      `by the record of earlier seeds; the free plan allows 1,000 writes a day`,
  )
  const outdir = await mkdtemp(join(tmpdir(), 'wylb-deploy-'))
  await wrangler(['deploy', '--dry-run', '--outdir', outdir]).finally(() =>
    rm(outdir, { recursive: true, force: true }),
  )
  process.exit(0)
}

const toml = await readFile(CONFIG, 'utf8')
if (needsNamespace(kvNamespaceId(toml, BINDING))) {
  const output = await wrangler(['kv', 'namespace', 'create', BINDING], { capture: true })
  const id = createdNamespaceId(output)
  if (!id) throw new Error(`wylb deploy: could not read the new namespace's id from wrangler's answer:\n${output}`)
  await writeFile(CONFIG, withKvNamespaceId(toml, BINDING, id))
  console.log(`wylb deploy: created the KV namespace ${BINDING} (${id}) and wrote its id into ${CONFIG}`)
}
await script('scripts/seed.ts', ['--remote', '--build', dir])
await wrangler(['deploy'])
