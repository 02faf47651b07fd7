/**
 * @module Builds that the Worker searches with the sharded engine, for the floors measured over HTTP (the
 * bench's HTTP half, the soak). The one place that names the engine: until #12 removes the in-memory engine a
 * small corpus would get it by default; once every build is sharded, SHARDED_ONLY is empty and goes.
 */
import { spawn } from 'node:child_process'

/** The build-index arguments that ask for the sharded engine. */
export const SHARDED_ONLY = ['--engine', 'sharded']

/** Builds `corpus` into `out` (scripts/build-index.ts, sharded); rejects when the build fails. */
export function buildSharded(corpus: string, out: string): Promise<void> {
  const args = ['--import', 'tsx', 'scripts/build-index.ts', '--corpus', corpus, '--out', out, '--quiet', ...SHARDED_ONLY]
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { stdio: ['ignore', 'ignore', 'inherit'] })
    child.on('error', reject)
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`wylb: the sharded build of ${corpus} exited with ${code}`))))
  })
}
