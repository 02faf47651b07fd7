/** @module The one error the store raises: no index can be served, and why. */

/** Why no index can be served; the API turns it into a 503 that says so. */
export class IndexUnavailable extends Error {
  constructor(
    /** A short machine-readable name of the fault: `no-index`, `corrupt`, `kv-error`, `kv-timeout`, ... */
    readonly fault: string,
    message: string,
  ) {
    super(message)
    this.name = 'IndexUnavailable'
  }
}

/** What a fault's message advises when KV holds no loadable index. */
export const HOW_TO_LOAD = 'Build and load one with `npm run build:index && npm run seed:local` (or `npm run deploy`).'
