/**
 * @module The pieces this isolate found wrong in KV (missing, or not matching their hash), so /healthz
 * can say `degraded` and name them. A piece stays listed until a read of it from KV comes back good.
 */

/** The command that re-uploads what KV lacks or holds wrong; a fault's 503 and /healthz name it. */
export const REPAIR =
  'Repair with `npm run seed:local`: it checks what local KV holds against the build and re-uploads what is missing or wrong ' +
  '(`npx tsx scripts/seed.ts --remote` for the deployed Worker; add `--all` to re-upload everything).'

export interface PieceFault {
  key: string
  fault: string
  message: string
  since: string
}

/** The faults that say a piece in KV is bad, as opposed to KV failing to answer. */
const PIECE_FAULTS = new Set(['missing-key', 'hash-mismatch'])

/** At most this many pieces are listed, so a wiped namespace does not grow the list without bound. */
const MAX_LISTED = 20

const faults = new WeakMap<KVNamespace, Map<string, PieceFault>>()

/** Runs a checked read of `key`: a piece fault it throws is remembered, a good value forgets the key's fault. */
export async function trackPiece(kv: KVNamespace, key: string, read: () => Promise<string>): Promise<string> {
  try {
    const value = await read()
    faults.get(kv)?.delete(key)
    return value
  } catch (error) {
    const fault = (error as { fault?: unknown }).fault
    if (typeof fault === 'string' && PIECE_FAULTS.has(fault)) {
      const seen = faults.get(kv) ?? new Map<string, PieceFault>()
      faults.set(kv, seen)
      if (seen.has(key) || seen.size < MAX_LISTED) {
        seen.set(key, {
          key,
          fault,
          message: (error as Error).message,
          since: seen.get(key)?.since ?? new Date().toISOString(),
        })
      }
    }
    throw error
  }
}

/** The pieces of this namespace last read bad, oldest first. */
export function pieceFaults(kv: KVNamespace): PieceFault[] {
  return [...(faults.get(kv)?.values() ?? [])]
}
