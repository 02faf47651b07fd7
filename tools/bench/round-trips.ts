/**
 * @module A KV stand-in that counts sequential round trips, as the bench and the tests read a cold query:
 * reads issued in one turn of the event loop share a trip, and each answers `latencyMs` later, as KV
 * does, so reads that wait on an answer start the next trip; the bytes read are counted too.
 */
import { setTimeout as sleep } from 'node:timers/promises'

export interface RoundTrips {
  /** Trips begun so far. */
  readonly count: number
  /** Bytes of the values read so far (UTF-8, as KV bills them). */
  readonly bytes: number
  /** The trip each piece was last read in (1: the first). */
  readonly tripOf: Map<string, number>
  fetchPiece(name: string): Promise<string>
  fetchMany(names: string[]): Promise<Map<string, string>>
}

export function roundTrips(pieces: Map<string, string>, latencyMs = 5): RoundTrips {
  const tripOf = new Map<string, number>()
  let count = 0
  let bytes = 0
  let open = false
  const read = async (names: string[]): Promise<Map<string, string>> => {
    if (!open) {
      open = true
      count++
      setImmediate(() => (open = false))
    }
    for (const name of names) tripOf.set(name, count)
    await sleep(latencyMs)
    return new Map(
      names.map((name) => {
        const value = pieces.get(name)
        if (value === undefined) throw new Error(`no key ${name}`)
        bytes += Buffer.byteLength(value)
        return [name, value]
      }),
    )
  }
  return {
    get count() {
      return count
    },
    get bytes() {
      return bytes
    },
    tripOf,
    fetchPiece: async (name) => (await read([name])).get(name)!,
    fetchMany: read,
  }
}
