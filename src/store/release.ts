/**
 * @module Which version to serve while a new one propagates. Workers KV is eventually consistent: a
 * write can take 60 s or more to be visible in other locations, with no order between keys, so a
 * location may see the new pointer before the pieces it names. Then the version the pointer names as
 * `previous` is served, whole, and the new one is tried again after a hold; meanwhile /healthz says so.
 *
 * Why here and not (only) in the seed: propagation is per location, and the seeder sees only its own,
 * so no wait before the pointer flip can be known to suffice. The hold is at least KV's default
 * `cacheTtl` (60 s, the pointer's re-read period), so a "not found" a location cached while the
 * pieces were on their way has expired before the new version is tried again.
 */

/** Faults that mean "KV here does not show it (yet)", as opposed to a damaged value or a failing KV. */
const PROPAGATION_FAULTS = new Set(['missing-key', 'missing-version'])

/** The shortest hold, for a pointer re-read on every request (tests): the next request still falls back. */
export const MIN_HOLD_MS = 1_000

export function isPropagationFault(fault: string): boolean {
  return PROPAGATION_FAULTS.has(fault)
}

export interface Hold {
  /** The new version, not served until `until`. */
  version: string
  previous: string
  until: number
  fault: { fault: 'propagating'; message: string; since: string }
}

/** One namespace's hold on a new version, if any. */
export class Release {
  private held?: Hold

  /** The version held back at `now`, if `version` is it. */
  holds(version: string, now: number): boolean {
    return this.held !== undefined && this.held.version === version && now < this.held.until
  }

  /** Holds `version` back for `holdMs`, serving `previous`; `why` is the fault that showed it incomplete. */
  hold(version: string, previous: string, why: { fault: string; message: string }, now: number, holdMs: number): void {
    const since = this.held?.version === version ? this.held.fault.since : new Date(now).toISOString()
    const message =
      `Version "${version}" is live, but KV here does not show all of it yet (${why.fault}: ${why.message}); ` +
      `serving the previous version "${previous}" whole, and trying "${version}" again from ${new Date(now + holdMs).toISOString()}.`
    this.held = {
      version,
      previous,
      until: now + Math.max(holdMs, MIN_HOLD_MS),
      fault: { fault: 'propagating', message, since },
    }
  }

  /** What /healthz reports while a hold lasts. */
  fault(now: number): Hold['fault'] | undefined {
    return this.held && now < this.held.until ? this.held.fault : undefined
  }
}
