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
 * A search index whose pieces passed their hash checks but failed to load or to answer: a broken build,
 * the same fault whether met when the engine opens (live-index.ts) or mid-query (`asFault`), so worded once.
 */
export function malformedIndex(cause: unknown, version?: string): IndexUnavailable {
  const index = version === undefined ? 'The search index' : `The search index of "${version}"`
  const why = cause instanceof IndexFormatError ? cause.message : String(cause)
  return new IndexUnavailable('corrupt', `${index} is malformed: ${why}. ${HOW_TO_LOAD}`)
}

/**
 * A failure as the fault it is: an index piece the engine finds malformed mid-query (a build that passed
 * its hash checks but not its format) is a corrupt index, answered as a 503 like one found at load time.
 */
export function asFault(error: unknown, version?: string): unknown {
  return error instanceof IndexFormatError ? malformedIndex(error, version) : error
}

/** What a fault's message advises when KV holds no loadable index. */
export const HOW_TO_LOAD = 'Build and load one with `npm run build:index && npm run seed:local` (or `npm run deploy`).'
