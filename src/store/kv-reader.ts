/**
 * @module The Worker's reads of KV: each bounded in time, counted, and checked against the hash the
 * build recorded; content-addressed pieces are also kept in the colo's Cache API and in KV's edge cache.
 * What to read, and when, is the live index's business (live-index.ts).
 */
import { nameMatches, sha256Hex } from '../core/storage/keys.ts'
import { BULK_READ_KEYS } from '../core/storage/limits.ts'
import type { StoredKey } from '../core/storage/manifest.ts'
import { countKvRead } from '../meter.ts'
import { IndexUnavailable } from './index-unavailable.ts'
import { REPAIR, trackPiece } from './piece-faults.ts'

/** How long one KV read may take before the request gives up with a 503 (`kv-timeout`). */
export const KV_TIMEOUT_MS = 5_000

/**
 * How long KV may serve a content-addressed piece (`s/<hash>`) from the edge without asking its
 * central store: a day, since a name's content never changes. KV caches a miss as long, so a piece must
 * be written before any manifest names it (the seed does so).
 */
const PIECE_CACHE_TTL_SECONDS = 86_400

export const PIECE_CACHE_URL = 'https://wylb-pieces.invalid/'

/** One KV read, bounded in time; its failures become IndexUnavailable (`kv-timeout`, `kv-error`). */
async function kvCall<T>(read: () => Promise<T>, what: string, timeoutMs: number): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new IndexUnavailable('kv-timeout', `KV did not answer for ${what} within ${timeoutMs} ms.`)),
      timeoutMs,
    )
  })
  try {
    return await Promise.race([read(), timeout])
  } catch (error) {
    if (error instanceof IndexUnavailable) throw error
    throw new IndexUnavailable('kv-error', `KV failed to read ${what}: ${String(error)}`)
  } finally {
    clearTimeout(timer)
  }
}

/** The colo's Cache API, where a worker has one (a piece never changes, so it may be kept there for good). */
function colo(): Cache | undefined {
  return (globalThis as { caches?: { default?: Cache } }).caches?.default
}

/** This isolate's reads of KV and of the colo's cache so far: an answer computed without one came from memory. */
let storeReads = 0
export const storeReadCount = (): number => storeReads

async function fromColo(name: string): Promise<string | undefined> {
  storeReads++
  const hit = await colo()
    ?.match(PIECE_CACHE_URL + name)
    .catch(() => undefined)
  return hit ? hit.text() : undefined
}

/** Checks a piece fetched from KV against the hash in its name, and keeps it in the colo's cache. */
async function acceptContent(name: string, value: string | null): Promise<string> {
  if (value === null)
    throw new IndexUnavailable('missing-key', `The build names "${name}" but KV does not hold it. ${REPAIR}`)
  if (!nameMatches(name, await sha256Hex(value))) {
    throw new IndexUnavailable('hash-mismatch', `"${name}" does not match the hash in its name. ${REPAIR}`)
  }
  await colo()
    ?.put(
      PIECE_CACHE_URL + name,
      new Response(value, { headers: { 'cache-control': 'public, max-age=31536000, immutable' } }),
    )
    .catch(() => undefined)
  return value
}

/** Reads one KV namespace for one isolate. */
export class KvReader {
  constructor(
    private readonly kv: KVNamespace,
    readonly timeoutMs = KV_TIMEOUT_MS,
  ) {}

  /** The value of `key`, or null when KV holds none. */
  async text(key: string, options: { cacheTtl?: number } = {}): Promise<string | null> {
    const start = performance.now()
    storeReads++
    // kv.get may also throw synchronously (a broken binding): inside kvCall, it becomes a kv-error.
    const value = await kvCall(() => this.kv.get(key, { type: 'text', ...options }), `"${key}"`, this.timeoutMs)
    countKvRead([value], performance.now() - start)
    return value
  }

  /** A stored value, checked against the manifest's hash. */
  stored(stored: StoredKey): Promise<string> {
    return trackPiece(this.kv, stored.key, async () => {
      const value = await this.text(stored.key)
      if (value === null) {
        throw new IndexUnavailable('missing-key', `The build names "${stored.key}" but KV does not hold it. ${REPAIR}`)
      }
      if ((await sha256Hex(value)) !== stored.sha256) {
        throw new IndexUnavailable(
          'hash-mismatch',
          `"${stored.key}" does not match the hash in its manifest. ${REPAIR}`,
        )
      }
      return value
    })
  }

  /**
   * A content-addressed piece (`s/<hash>`): from the colo's Cache API when it holds it, else from KV,
   * checked against the hash in its name.
   */
  async piece(name: string): Promise<string> {
    return (
      (await fromColo(name)) ??
      trackPiece(this.kv, name, async () =>
        acceptContent(name, await this.text(name, { cacheTtl: PIECE_CACHE_TTL_SECONDS })),
      )
    )
  }

  /** Several pieces: the colo's cache first, the rest in bulk KV reads (one operation per BULK_READ_KEYS). */
  async pieces(names: string[]): Promise<Map<string, string>> {
    const out = new Map<string, string>()
    const cached = await Promise.all(names.map(fromColo))
    const missing = names.filter((name, i) => (cached[i] === undefined ? true : (out.set(name, cached[i]!), false)))
    for (let i = 0; i < missing.length; i += BULK_READ_KEYS) {
      const batch = missing.slice(i, i + BULK_READ_KEYS)
      const values = await this.many(batch)
      for (const name of batch)
        out.set(name, await trackPiece(this.kv, name, () => acceptContent(name, values.get(name) ?? null)))
    }
    return out
  }

  private async many(names: string[]): Promise<Map<string, string | null>> {
    const start = performance.now()
    storeReads++
    const read = () => this.kv.get(names, { type: 'text', cacheTtl: PIECE_CACHE_TTL_SECONDS })
    const values = await kvCall(read, `${names.length} pieces`, this.timeoutMs)
    countKvRead([...values.values()], performance.now() - start)
    return values
  }
}
