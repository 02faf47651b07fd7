/** @module Runs the project's pinned wrangler CLI. */
import { spawn } from 'node:child_process'
import { fileURLToPath } from 'node:url'

export const WRANGLER = fileURLToPath(new URL('../../node_modules/wrangler/bin/wrangler.js', import.meta.url))

/**
 * Runs `wrangler ...args` and rejects when it exits non-zero. Its stderr goes to ours unless
 * `quietErrors`; its stdout is returned when `capture` is set, else echoed unless `quiet`.
 */
export function wrangler(
  args: string[],
  opts: { quiet?: boolean; capture?: boolean; quietErrors?: boolean } = {},
): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [WRANGLER, ...args], {
      stdio: [
        'ignore',
        opts.capture ? 'pipe' : opts.quiet ? 'ignore' : 'inherit',
        opts.quietErrors ? 'ignore' : 'inherit',
      ],
      env: { ...process.env, WRANGLER_SEND_METRICS: 'false' },
    })
    let out = ''
    child.stdout?.on('data', (d) => (out += d))
    child.on('error', reject)
    child.on('exit', (code) =>
      code === 0 ? resolve(out) : reject(new Error(`wrangler ${args.join(' ')} exited with ${code}`)),
    )
  })
}
