/** @module Runs the project's pinned wrangler CLI. */
import { spawn } from 'node:child_process'
import { setTimeout as sleep } from 'node:timers/promises'
import { fileURLToPath } from 'node:url'

export const WRANGLER = fileURLToPath(new URL('../../node_modules/wrangler/bin/wrangler.js', import.meta.url))

/**
 * A running `wrangler dev` holds local KV's SQLite file, and a write from a second process (the
 * `npm run seed:local` a fault's 503 advises) can meet `SQLITE_BUSY`. KV commands are idempotent, so
 * such a run is tried again after a pause instead of failing the repair. Wrangler reports the lock
 * either by SQLite's words or, when the lock is held across a whole transaction, as local KV's 500.
 */
const BUSY = /SQLITE_BUSY|database is locked|KV [A-Z ]+ failed: 500 Internal Server Error/
const BUSY_RETRIES = 6
const BUSY_PAUSE_MS = 250

/**
 * Runs `wrangler ...args` and rejects when it exits non-zero. Its stderr goes to ours unless
 * `quietErrors`; its stdout is returned when `capture` is set, else echoed unless `quiet`. `onBusy` hears of
 * each run that met a held lock, before its pause.
 */
export async function wrangler(
  args: string[],
  opts: { quiet?: boolean; capture?: boolean; quietErrors?: boolean; onBusy?: () => void } = {},
): Promise<string> {
  for (let attempt = 0; ; attempt++) {
    const run = await runOnce(args, opts)
    if (run.code === 0) return run.out
    if (attempt < BUSY_RETRIES && BUSY.test(run.err)) {
      process.stderr.write(`wylb: local KV is busy (wrangler dev holds it); trying again\n`)
      opts.onBusy?.()
      await sleep(BUSY_PAUSE_MS * 2 ** attempt)
      continue
    }
    throw new Error(`wrangler ${args.join(' ')} exited with ${run.code}`)
  }
}

function runOnce(
  args: string[],
  opts: { quiet?: boolean; capture?: boolean; quietErrors?: boolean },
): Promise<{ code: number | null; out: string; err: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [WRANGLER, ...args], {
      stdio: ['ignore', opts.capture ? 'pipe' : opts.quiet ? 'ignore' : 'inherit', 'pipe'],
      env: { ...process.env, WRANGLER_SEND_METRICS: 'false' },
    })
    let out = ''
    let err = ''
    child.stdout?.on('data', (d) => (out += d))
    child.stderr?.on('data', (d) => {
      err += d
      if (!opts.quietErrors) process.stderr.write(d)
    })
    child.on('error', reject)
    child.on('exit', (code) => resolve({ code, out, err }))
  })
}
