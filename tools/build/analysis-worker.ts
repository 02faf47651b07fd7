/**
 * @module Runs the first half of the sharded build (reading, parsing and analysing the corpus:
 * src/core/shards/analysis.ts) on a worker thread, so that it and the second half (gathering postings,
 * hashing and writing pieces) each get a core. Batches go over as plain numbers and strings (the
 * postings events are transferred, not copied); the worker stays a few batches ahead at most, so a
 * corpus larger than memory streams.
 */
import { isMainThread, parentPort, workerData } from 'node:worker_threads'
import type { SkippedPage } from '../../src/core/import/mediawiki-xml.ts'
import type { Article } from '../../src/core/model.ts'
import { analyze, type AnalysisBatch } from '../../src/core/shards/analysis.ts'
import { aliasesByTarget } from '../../src/core/search/fields.ts'
import { openCorpora } from '../corpus/load.ts'
import { tsxWorker } from '../process/tsx-worker.ts'

/** Batches the worker may have sent that the build has not yet taken. */
const AHEAD = 4

type Message =
  | { type: 'open'; count: number; aliases: Record<string, string>; skipped: SkippedPage[] }
  | { type: 'batch'; batch: AnalysisBatch }
  | { type: 'done'; textBytes: number; duplicates: string[] }

export interface AnalyzedCorpus {
  /** Articles in the corpus (for a progress bar). */
  count: number
  aliases: Record<string, string>
  /** Pages of the exports that became neither article nor alias, and why. */
  skipped: SkippedPage[]
  analyzed: AsyncIterable<AnalysisBatch>
  /** UTF-8 bytes of the passages' text, once every batch was taken. */
  textBytes: () => number
  /** Slugs a later source gave again (left out: the first source wins), once every batch was taken. */
  duplicates: () => string[]
}

/** Opens the corpora (read as one) on a worker thread that analyzes them; resolves once they are open. */
export function analyzeInWorker(corpora: readonly string[], docBlock: number): Promise<AnalyzedCorpus> {
  const worker = tsxWorker(import.meta.url, { workerData: { analysis: { corpora, docBlock } } })
  const queue: Message[] = []
  let failure: Error | undefined
  let wake: (() => void) | undefined
  const notify = (): void => {
    wake?.()
    wake = undefined
  }
  worker.on('message', (m: Message) => {
    queue.push(m)
    notify()
  })
  worker.on('error', (e) => {
    failure = e
    notify()
  })
  worker.on('exit', (code) => {
    if (code !== 0) failure ??= new Error(`wylb build: the analysis thread exited with code ${code}`)
    notify()
  })
  const next = async (): Promise<Message> => {
    for (;;) {
      const m = queue.shift()
      if (m) return m
      if (failure) throw failure
      await new Promise<void>((resolve) => (wake = resolve))
    }
  }
  let textBytes = NaN
  let duplicates: string[] = []
  async function* batches(): AsyncGenerator<AnalysisBatch> {
    for (;;) {
      const m = await next()
      if (m.type === 'done') {
        textBytes = m.textBytes
        duplicates = m.duplicates
        return
      }
      if (m.type !== 'batch') throw new Error(`wylb build: unexpected ${m.type} from the analysis thread`)
      worker.postMessage('taken')
      yield m.batch
    }
  }
  return next().then((m) => {
    if (m.type !== 'open') throw new Error(`wylb build: the analysis thread sent ${m.type} before opening the corpus`)
    return {
      count: m.count,
      aliases: m.aliases,
      skipped: m.skipped,
      analyzed: batches(),
      textBytes: () => textBytes,
      duplicates: () => duplicates,
    }
  })
}

async function runWorker(corpora: readonly string[], docBlock: number): Promise<void> {
  const port = parentPort!
  let ahead = 0
  let wake: (() => void) | undefined
  port.on('message', () => {
    ahead--
    wake?.()
    wake = undefined
  })
  const { count, articles, aliases, skipped, duplicates } = await openCorpora(corpora)
  port.postMessage({ type: 'open', count, aliases, skipped } satisfies Message)
  let textBytes = 0
  async function* counted(): AsyncGenerator<Article> {
    for await (const a of articles) {
      for (const s of a.sections) for (const p of s.passages) textBytes += Buffer.byteLength(p.text)
      yield a
    }
  }
  for await (const batch of analyze(counted(), docBlock, undefined, aliasesByTarget(aliases))) {
    while (ahead >= AHEAD) await new Promise<void>((resolve) => (wake = resolve))
    ahead++
    port.postMessage({ type: 'batch', batch } satisfies Message, [batch.events.buffer])
  }
  port.postMessage({ type: 'done', textBytes, duplicates: duplicates() } satisfies Message)
  port.removeAllListeners('message')
  port.unref()
}

const job = (workerData as { analysis?: { corpora: string[]; docBlock: number } } | null)?.analysis
if (!isMainThread && job) await runWorker(job.corpora, job.docBlock)
