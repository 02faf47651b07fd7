/**
 * @module Sharing one pending load among concurrent callers, with a way out.
 *
 * Concurrent first requests of an isolate should share one KV read, not each start their own. But
 * workerd ties a pending read to the request that started it: if that request ends first (its client
 * went away), the read never settles for the others, and workerd cancels them as hung. So a caller
 * that joins a load another started waits for it at most `patienceMs`, then loads on its own.
 */

/** How long a joined load may take before the joiner loads on its own: far above a normal KV read. */
export const DEFAULT_PATIENCE_MS = 1_000

/**
 * `pending` if it settles within `patienceMs`, else the result of a load of the caller's own. With
 * `patienceMs` Infinity, `pending` itself and no timer: for loads outside any request (an isolate's start,
 * where workerd refuses to set a timer), which no request's end can cancel.
 */
export function joinOrLoad<T>(
  pending: Promise<T>,
  load: () => Promise<T>,
  patienceMs = DEFAULT_PATIENCE_MS,
): Promise<T> {
  if (patienceMs === Infinity) return pending
  let timer: ReturnType<typeof setTimeout> | undefined
  const own = new Promise<T>((resolve, reject) => {
    timer = setTimeout(() => load().then(resolve, reject), patienceMs)
  })
  return Promise.race([pending, own]).finally(() => clearTimeout(timer))
}
