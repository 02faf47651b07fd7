/**
 * `npm start`'s dev server stops with everything it started: on SIGINT and SIGTERM, and when the shell
 * `npm start` runs it under is killed (a TERM to npm reaches that shell, which exits without passing it on).
 */
import { spawn } from 'node:child_process'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { descendantsOf, isAlive } from '../../tools/process/tree.ts'
import { freePort } from '../../tools/dev-server/harness.ts'

/** Polls `ok` every 200 ms, at most `tries` times (a bound on a hang, not an asserted timing). */
async function until(what: string, ok: () => Promise<boolean> | boolean, tries = 300): Promise<void> {
  for (let i = 0; i < tries; i++) {
    if (await ok()) return
    await new Promise((r) => setTimeout(r, 200))
  }
  throw new Error(`gave up waiting until ${what}`)
}

const answers = (origin: string) =>
  fetch(`${origin}/healthz`).then(
    () => true,
    () => false,
  )

/** Starts scripts/dev.ts as `npm start` does, under `sh -c "true && …"`; returns the shell and dev.ts's pids. */
async function startDev() {
  const port = await freePort()
  const persistTo = await mkdtemp(join(tmpdir(), 'wylb-dev-stop-'))
  const dev = `${process.execPath} --import tsx scripts/dev.ts --port ${port} --ip 127.0.0.1 --persist-to ${persistTo} --show-interactive-dev-session=false`
  const shell = spawn('sh', ['-c', `true && ${dev}`], {
    stdio: 'ignore',
    env: { ...process.env, WRANGLER_SEND_METRICS: 'false' },
  })
  const origin = `http://127.0.0.1:${port}`
  await until('wrangler dev answers', () => answers(origin))
  const below = descendantsOf(shell.pid!)
  return { shell, devPid: below[0]!, below, origin, cleanup: () => rm(persistTo, { recursive: true, force: true }) }
}

describe('the dev server', () => {
  it.each([
    ['SIGTERM to dev.ts', 'dev'],
    ['SIGINT to dev.ts', 'dev'],
    ['SIGTERM to the shell npm start runs it under', 'shell'],
  ] as const)(
    'stops with all its children on %s',
    async (name, target) => {
      const { shell, devPid, below, origin, cleanup } = await startDev()
      try {
        // dev.ts, wrangler and workerd at least.
        expect(below.length).toBeGreaterThanOrEqual(3)
        process.kill(target === 'shell' ? shell.pid! : devPid, name.startsWith('SIGINT') ? 'SIGINT' : 'SIGTERM')
        await until('every process it started has exited', () => below.every((pid) => !isAlive(pid)))
        expect(await answers(origin)).toBe(false)
      } finally {
        for (const pid of below) if (isAlive(pid)) process.kill(pid, 'SIGKILL')
        await cleanup()
      }
    },
    180_000,
  )
})
