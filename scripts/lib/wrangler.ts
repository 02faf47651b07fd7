/** @module Runs the project's pinned wrangler CLI. */
import { spawn } from 'node:child_process'
import { fileURLToPath } from 'node:url'

export const WRANGLER = fileURLToPath(new URL('../../node_modules/wrangler/bin/wrangler.js', import.meta.url))

/** Runs `wrangler ...args`, echoing its output, and rejects when it exits non-zero. */
export function wrangler(args: string[], opts: { quiet?: boolean } = {}): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [WRANGLER, ...args], {
      stdio: ['ignore', opts.quiet ? 'ignore' : 'inherit', 'inherit'],
      env: { ...process.env, WRANGLER_SEND_METRICS: 'false' },
    })
    child.on('error', reject)
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`wrangler ${args.join(' ')} exited with ${code}`))))
  })
}
