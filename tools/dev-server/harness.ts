/**
 * Starts the real thing for end-to-end tests: seeds a build (by default of the fixture corpus,
 * tools/corpus/fixture.ts) into a fresh local KV folder and runs `wrangler dev` on a free loopback
 * port, as `npm start` does.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { createHash } from 'node:crypto'
import { existsSync } from 'node:fs'
import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { WRANGLER } from '../process/wrangler.ts'
import { FIXTURE_SLUG, fixtureCorpusDir } from '../corpus/fixture.ts'

export interface DevServer {
  origin: string
  persistTo: string
  stop(): Promise<void>
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer()
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number }
      server.close(() => resolve(port))
    })
  })
}

function run(command: string, args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ['ignore', 'ignore', 'pipe'] })
    let stderr = ''
    child.stderr.on('data', (d) => (stderr += d))
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`${args.join(' ')} failed: ${stderr}`))))
  })
}

/**
 * `npm run build:index` of the fixture corpus, into a temporary folder named by the corpus's hash, so the
 * e2e files share one build.
 */
export async function fixtureBuild(): Promise<string> {
  const dir = await fixtureCorpusDir()
  const hash = createHash('sha256')
  for (const ext of ['txt', 'json']) hash.update(await readFile(join(dir, `${FIXTURE_SLUG}.${ext}`)))
  // The code that builds is part of the build: a cached build of older code may be of another format.
  for (const root of ['src/build', 'src/core', 'src/store', 'scripts', 'tools/build', 'tools/corpus']) {
    for (const file of (await readdir(root, { recursive: true })).sort()) {
      if (file.endsWith('.ts')) hash.update(await readFile(join(root, file)))
    }
  }
  const out = join(tmpdir(), `wylb-e2e-build-${hash.digest('hex').slice(0, 16)}`)
  if (!existsSync(join(out, 'pointer.json'))) {
    await run(process.execPath, ['--import', 'tsx', 'scripts/build-index.ts', '--corpus', dir, '--out', out, '--quiet'])
  }
  return out
}

export async function seedLocal(persistTo: string, build: string): Promise<void> {
  await run(process.execPath, [
    '--import',
    'tsx',
    'scripts/seed.ts',
    '--local',
    '--persist-to',
    persistTo,
    '--build',
    build,
  ])
}

async function waitUntilUp(origin: string, child: ChildProcess, log: () => string): Promise<void> {
  const deadline = Date.now() + 90_000
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`wrangler dev exited early:\n${log()}`)
    try {
      if ((await fetch(`${origin}/healthz`)).status < 500) return
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250))
  }
  throw new Error(`wrangler dev did not answer within 90 s:\n${log()}`)
}

export interface DevServerOptions {
  /** Seed local KV before starting (default true). */
  seed?: boolean
  /** The build to seed (default: the tests' own fixture build). */
  build?: string
  /** Where the isolate's DevTools inspector listens (default: wrangler's choice). */
  inspectorPort?: number
}

export async function startDevServer(opts: DevServerOptions = {}): Promise<DevServer> {
  const persistTo = await mkdtemp(join(tmpdir(), 'wylb-e2e-'))
  if (opts.seed !== false) await seedLocal(persistTo, opts.build ?? (await fixtureBuild()))
  const port = await freePort()
  const inspector = opts.inspectorPort === undefined ? [] : ['--inspector-port', String(opts.inspectorPort)]
  const args = [
    'dev',
    '--port',
    String(port),
    '--ip',
    '127.0.0.1',
    '--persist-to',
    persistTo,
    '--show-interactive-dev-session=false',
  ]
  const child = spawn(process.execPath, [WRANGLER, ...args, ...inspector], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, WRANGLER_SEND_METRICS: 'false' },
    detached: true,
  })
  let log = ''
  child.stdout?.on('data', (d) => (log += d))
  child.stderr?.on('data', (d) => (log += d))
  const origin = `http://127.0.0.1:${port}`
  const stop = async () => {
    if (child.exitCode === null && child.pid) {
      const exited = new Promise((r) => child.once('exit', r))
      process.kill(-child.pid, 'SIGTERM')
      await Promise.race([exited, new Promise((r) => setTimeout(r, 5_000))])
      if (child.exitCode === null) process.kill(-child.pid, 'SIGKILL')
    }
    await rm(persistTo, { recursive: true, force: true })
  }
  try {
    await waitUntilUp(origin, child, () => log)
  } catch (error) {
    await stop()
    throw error
  }
  return { origin, persistTo, stop }
}
