/**
 * @module The load of `npm run soak`: autocannon over a pool of requests (some hostile) with every answer
 * checked (tally.ts), the wait for a build to go live, and build B (the corpus with the marker in each lead).
 */
import { cp, readFile, readdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import autocannon from 'autocannon'
import { buildCorpus } from '../build/build-corpus.ts'
import { HOSTILE, MARKER, randomClient, type SoakRequest } from './requests.ts'
import { checkAnswer, type Tally, type Versions } from './tally.ts'

export interface LoadOptions {
  seconds: number
  connections: number
  /** The requests drawn from at random, and the share of hostile ones drawn instead. */
  pool: SoakRequest[]
  hostileShare: number
  tally: Tally
  versions: Versions
}

/** Loads `origin` for `opts.seconds` (or until stopped), checking every answer into `opts.tally`. */
export function load(origin: string, opts: LoadOptions) {
  const { pool, hostileShare } = opts
  const pick = (): SoakRequest =>
    Math.random() < hostileShare
      ? HOSTILE[Math.floor(Math.random() * HOSTILE.length)]!
      : pool[Math.floor(Math.random() * pool.length)]!
  let finish!: (r: autocannon.Result) => void
  let fail!: (e: unknown) => void
  const done = new Promise<autocannon.Result>((resolve, reject) => ((finish = resolve), (fail = reject)))
  const instance = autocannon(
    {
      url: origin,
      connections: opts.connections,
      duration: opts.seconds,
      timeout: 10,
      requests: [
        {
          setupRequest: (request: any, context: any) => {
            const req = pick()
            context.req = req
            return {
              ...request,
              method: 'GET',
              path: req.path,
              headers: { 'cf-connecting-ip': randomClient(), ...(req.headers ?? {}) },
            }
          },
          onResponse: (status: number, body: string, context: any, headers: Record<string, string | string[]>) => {
            checkAnswer(opts.tally, context.req as SoakRequest, status, body, headers ?? {}, opts.versions)
          },
        } as any,
      ],
    },
    (error, result) => (error ? fail(error) : finish(result)),
  )
  return { done, stop: () => instance.stop() }
}

/** Polls /healthz until it names `version` (or `ms` pass); true when it did. */
export async function untilLive(origin: string, version: string, ms: number): Promise<boolean> {
  const deadline = Date.now() + ms
  while (Date.now() < deadline) {
    const answer = await fetch(`${origin}/healthz`, { headers: { 'cf-connecting-ip': randomClient() } })
    const body = (await answer.json().catch(() => ({}))) as { version?: string }
    if (body.version === version) return true
    await new Promise((r) => setTimeout(r, 250))
  }
  return false
}

/** The version a build in `dir` names in its pointer. */
export async function buildVersion(dir: string): Promise<string> {
  return (JSON.parse(await readFile(join(dir, 'pointer.json'), 'utf8')) as { version: string }).version
}

/** Build B: the corpus copied to a temp dir, the marker appended to the first paragraph of each article. */
export async function buildMarked(corpusDir: string, work: string): Promise<{ dir: string; version: string }> {
  const corpus = join(work, 'corpus')
  const out = join(work, 'build')
  await cp(corpusDir, corpus, { recursive: true })
  for (const file of (await readdir(corpus)).filter((f) => f.endsWith('.txt'))) {
    const lines = (await readFile(join(corpus, file), 'utf8')).split('\n')
    const lead = lines.findIndex((line, i) => i > 0 && line.trim().length > 80)
    if (lead < 0) throw new Error(`wylb soak: no lead paragraph in ${file}`)
    lines[lead] = `${lines[lead]!.trimEnd()} ${MARKER}.`
    await writeFile(join(corpus, file), lines.join('\n'))
  }
  await buildCorpus(corpus, out)
  return { dir: out, version: await buildVersion(out) }
}
