/**
 * `npm run deploy -- --dry-run`, offline: it deploys the build that is there (never the default corpus
 * rebuilt over it), writes no KV and leaves wrangler.toml alone.
 */
import { execFile } from 'node:child_process'
import { copyFile, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { afterAll, describe, expect, it } from 'vitest'

const run = promisify(execFile)
const dir = await mkdtemp(join(tmpdir(), 'wylb-deploy-test-'))
afterAll(() => rm(dir, { recursive: true, force: true }))

describe('npm run deploy -- --dry-run', () => {
  it('deploys the build in the folder as it is, offline, and writes nothing', async () => {
    // A build of another corpus: its keys, and a source.json naming a wiki export.
    await copyFile('index/build/keys.json', join(dir, 'keys.json'))
    await writeFile(join(dir, 'source.json'), JSON.stringify({ corpus: 'my-wiki.xml', sources: ['my-wiki.xml'] }))
    const keys = JSON.parse(await readFile(join(dir, 'keys.json'), 'utf8')) as unknown[]
    const before = (await stat(join(dir, 'keys.json'))).mtimeMs
    const toml = await readFile('wrangler.toml', 'utf8')

    const { stdout } = await run(
      process.execPath,
      ['node_modules/tsx/dist/cli.mjs', 'scripts/deploy.ts', '--dry-run', '--build', dir],
      {
        env: { ...process.env, WRANGLER_SEND_METRICS: 'false' },
      },
    )

    expect(stdout).toContain(`deploying the build in ${dir} (from my-wiki.xml)`)
    expect(stdout).toContain(`the seed would write ${keys.length + 1} of ${keys.length + 1} keys to remote KV`)
    expect(stdout).toContain('--dry-run: exiting now')
    expect((await stat(join(dir, 'keys.json'))).mtimeMs).toBe(before)
    expect(await readFile('wrangler.toml', 'utf8')).toBe(toml)
  }, 120_000)
})
