/**
 * The last step of `npm start`: `wrangler dev` on port 8787, with any arguments after `--` passed on
 * (`npm start -- --port 9000 --ip 127.0.0.1`).
 */
import { spawn } from 'node:child_process'
import { WRANGLER } from './lib/wrangler.ts'

const args = process.argv.slice(2)
const child = spawn(process.execPath, [WRANGLER, 'dev', ...(args.includes('--port') ? [] : ['--port', '8787']), ...args], {
  stdio: 'inherit',
  env: { ...process.env, WRANGLER_SEND_METRICS: 'false' },
})
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => child.kill(signal))
child.on('exit', (code) => process.exit(code ?? 0))
