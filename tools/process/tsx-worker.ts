/** @module Worker threads that run a TypeScript file: a worker does not take the parent's loader hooks. */
import { Worker, type WorkerOptions } from 'node:worker_threads'

/** A worker thread on the TypeScript module at `url` (a file: URL), loaded through tsx. */
export function tsxWorker(url: string, options: Omit<WorkerOptions, 'eval'>): Worker {
  const href = JSON.stringify(url)
  return new Worker(`import('tsx/esm/api').then((tsx) => tsx.tsImport(${href}, ${href}))`, { ...options, eval: true })
}
