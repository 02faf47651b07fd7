/** @module The one error the store raises: no index can be served, and why. */
import { IndexFormatError } from '../core/search/types.ts'

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

/**
 * A failure as the fault it is: an index piece the engine finds malformed mid-query (a build that passed
 * its hash checks but not its format) is a corrupt index, answered as a 503 like one found at load time.
 */
export function asFault(error: unknown): unknown {
  return error instanceof IndexFormatError
    ? new IndexUnavailable('corrupt', `The search index is malformed: ${error.message}. ${HOW_TO_LOAD}`)
    : error
}

/** What a fault's message advises when KV holds no loadable index. */
export const HOW_TO_LOAD = 'Build and load one with `npm run build:index && npm run seed:local` (or `npm run deploy`).'
