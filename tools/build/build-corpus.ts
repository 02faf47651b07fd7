/**
 * @module A build of a corpus into a folder of its own (scripts/build-index.ts), for the figures measured over
 * HTTP: the bench's HTTP half and the soak seed it into wrangler dev's local KV.
 */
import { spawn } from 'node:child_process'

/** Builds `corpus` into `out`; rejects when the build fails. */
export function buildCorpus(corpus: string, out: string): Promise<void> {
  const args = ['--import', 'tsx', 'scripts/build-index.ts', '--corpus', corpus, '--out', out, '--quiet']
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { stdio: ['ignore', 'ignore', 'inherit'] })
    child.on('error', reject)
    child.on('exit', (code) =>
      code === 0 ? resolve() : reject(new Error(`wylb: the build of ${corpus} exited with ${code}`)),
    )
  })
}
