/**
 * The last step of `npm start`: `wrangler dev` on port 8787, with any arguments after `--` passed on
 * (`npm start -- --port 9000 --ip 127.0.0.1`).
 *
 * It stops with everything it started on SIGINT, SIGTERM or SIGHUP, and also when a process above it
 * exits: `npm start` runs it under `sh -c "… && tsx scripts/dev.ts"`, and a TERM sent to npm reaches
 * that shell, which exits without passing it on, which used to leave wrangler and workerd listening.
 */
import { spawn } from 'node:child_process'
import { ancestorsOf, descendantsOf, isAlive } from '../tools/process/tree.ts'
import { WRANGLER } from '../tools/process/wrangler.ts'

/** How long wrangler has to stop its workerd before whatever is left is killed. */
const GRACE_MS = 5_000

const args = process.argv.slice(2)
const child = spawn(
  process.execPath,
  [WRANGLER, 'dev', ...(args.includes('--port') ? [] : ['--port', '8787']), ...args],
  {
    stdio: 'inherit',
    env: { ...process.env, WRANGLER_SEND_METRICS: 'false' },
  },
)

let stopping = false
function stop(signal: NodeJS.Signals): void {
  if (stopping) return
  stopping = true
  // Taken before wrangler goes: once it exits, workerd is re-parented and no longer found below us.
  const started = descendantsOf(process.pid)
  child.kill(signal)
  const killLeft = () => {
    for (const pid of started) if (isAlive(pid)) process.kill(pid, 'SIGKILL')
  }
  child.once('exit', () => {
    for (const pid of started) if (isAlive(pid)) process.kill(pid, 'SIGTERM')
    setTimeout(() => (killLeft(), process.exit(0)), started.some(isAlive) ? 1_000 : 0)
  })
  setTimeout(() => (killLeft(), process.exit(1)), GRACE_MS).unref()
}

for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(signal, () => stop(signal))
const ancestors = ancestorsOf(process.pid)
setInterval(() => {
  if (ancestors.some((pid) => !isAlive(pid))) stop('SIGTERM')
}, 1_000).unref()
child.on('exit', (code) => {
  if (!stopping) process.exit(code ?? 0)
})
