/**
 * @module What one request cost: its KV reads (count, bytes, time) and the search engine's time. The
 * store and the routes add to the cost of the request they run for, found through AsyncLocalStorage
 * (workerd's `nodejs_als`), so no function has to carry it; src/api/observe.ts reports it.
 */
import { AsyncLocalStorage } from 'node:async_hooks'
import { utf8Bytes } from './core/storage/utf8.ts'

export interface RequestCost {
  kvReads: number
  kvBytes: number
  /** Time spent waiting for KV, summed over reads (parallel reads each count). */
  kvMs: number
  /** Time in the engine's search and suggest calls, less the KV time within them. */
  engineMs: number
}

const costs = new AsyncLocalStorage<RequestCost>()

/** Runs `handle` with a fresh cost that everything it awaits adds to. */
export async function metered<T>(handle: () => Promise<T>): Promise<RequestCost> {
  const cost: RequestCost = { kvReads: 0, kvBytes: 0, kvMs: 0, engineMs: 0 }
  await costs.run(cost, handle)
  return cost
}

/**
 * One KV operation (a bulk read is one) and the text it returned. A load shared by concurrent requests
 * counts for the request that started it.
 */
export function countKvRead(values: readonly (string | null)[], ms: number): void {
  const cost = costs.getStore()
  if (!cost) return
  cost.kvReads += 1
  cost.kvMs += ms
  for (const value of values) if (value !== null) cost.kvBytes += utf8Bytes(value)
}

/** Times an engine call, leaving out the KV reads it made (those are counted as KV). */
export async function timeEngine<T>(call: () => Promise<T>): Promise<T> {
  const cost = costs.getStore()
  if (!cost) return call()
  const start = performance.now()
  const kvBefore = cost.kvMs
  try {
    return await call()
  } finally {
    cost.engineMs += Math.max(0, performance.now() - start - (cost.kvMs - kvBefore))
  }
}
