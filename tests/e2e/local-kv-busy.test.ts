/**
 * A local KV write while another process holds the SQLite file (as `wrangler dev` does while the
 * repair a fault's 503 advises runs beside it) waits for the lock and lands, instead of failing.
 */
import { mkdtemp, readdir, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { DatabaseSync } from 'node:sqlite'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { wrangler } from '../../tools/process/wrangler.ts'

let persistTo: string
const local = (...args: string[]) => ['kv', 'key', ...args, '--local', '--persist-to', persistTo, '--binding', 'INDEX']

beforeAll(async () => {
  persistTo = await mkdtemp(join(tmpdir(), 'wylb-busy-'))
  await wrangler(local('put', 'k', 'first'), { quiet: true })
})
afterAll(() => rm(persistTo, { recursive: true, force: true }))

async function namespaceFile(): Promise<string> {
  const dir = join(persistTo, 'v3', 'kv', 'miniflare-KVNamespaceObject')
  const name = (await readdir(dir)).find((f) => f.endsWith('.sqlite') && f !== 'metadata.sqlite')
  // Where miniflare keeps a namespace: its own layout, which a wrangler upgrade may change.
  if (!name) throw new Error(`no KV namespace database under ${dir}`)
  return join(dir, name)
}

describe('a local KV write while another process holds the database', () => {
  it('is tried again until the lock is let go, and lands', async () => {
    const holder = new DatabaseSync(await namespaceFile())
    holder.exec('BEGIN EXCLUSIVE')
    // The lock is let go when the first attempt has met it, so the write must have been tried again.
    let busy = 0
    const release = () => {
      if (busy++ > 0) return
      holder.exec('COMMIT')
      holder.close()
    }
    try {
      await wrangler(local('put', 'k', 'second'), { quiet: true, quietErrors: true, onBusy: release })
    } finally {
      if (holder.isOpen) holder.close()
    }
    expect(busy).toBeGreaterThan(0)
    expect(await wrangler(local('get', 'k', '--text'), { capture: true, quietErrors: true })).toBe('second\n')
  })
})
