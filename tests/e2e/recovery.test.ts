/**
 * The recovery a fault's 503 advises, run as a user runs it: a value in local KV is damaged under a
 * running `wrangler dev`, the 503 and /healthz name the repair, the repair (`npm run seed:local`, here
 * with the test's --persist-to) re-uploads the damaged value, and the same request is a 200 again.
 */
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { wrangler } from '../../tools/process/wrangler.ts'
import { fixtureBuild, seedLocal, startDevServer, type DevServer } from '../../tools/dev-server/harness.ts'

const ARTICLE = 'what-you-leave-behind'
let build: string
let articleKey: string
let server: DevServer

beforeAll(async () => {
  build = await fixtureBuild()
  const { version } = JSON.parse(await readFile(join(build, 'pointer.json'), 'utf8')) as { version: string }
  articleKey = `v/${version}/article/${ARTICLE}`
  server = await startDevServer({ build })
})
afterAll(() => server?.stop())

function putLocal(key: string, value: string): Promise<string> {
  return wrangler(['kv', 'key', 'put', key, value, '--local', '--persist-to', server.persistTo, '--binding', 'INDEX'], {
    quiet: true,
  })
}

describe('a damaged value in local KV', () => {
  it('is named by the 503 and /healthz, and the command they name repairs it', async () => {
    const lookup = `${server.origin}/v1/articles/${ARTICLE}`
    // Before any read of it: an isolate keeps an article it has read good.
    await putLocal(articleKey, `{"slug":"${ARTICLE}","title":"Damaged"}`)
    const damaged = await fetch(lookup)
    expect(damaged.status).toBe(503)
    const problem = (await damaged.json()) as any
    expect(problem).toMatchObject({ fault: 'hash-mismatch' })
    expect(problem.detail).toContain('`npm run seed:local`')
    const health = (await (await fetch(`${server.origin}/healthz`)).json()) as any
    expect(health).toMatchObject({ status: 'degraded', pieces: [{ key: articleKey, fault: 'hash-mismatch' }] })
    expect(health.repair).toContain('`npm run seed:local`')

    await seedLocal(server.persistTo, build)

    expect((await fetch(lookup)).status).toBe(200)
    expect(await (await fetch(`${server.origin}/healthz`)).json()).toMatchObject({ status: 'ok' })
  })
})
