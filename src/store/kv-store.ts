/**
 * @module The one place the Worker reads KV. It follows the live-version pointer, loads each piece of a
 * version once per isolate (the settled value is shared; a read in flight is not, see `memo`),
 * and re-reads the pointer at most every `ttlMs` so a new build goes live without a redeploy.
 */
import type { Article, Passage } from '../core/model.ts'
import { IndexFormatError } from '../core/search/index.ts'
import { PieceCache, type CacheStats } from '../core/shards/cache.ts'
import { Catalog, type ArticlePage } from '../core/shards/catalog.ts'
import { DEFAULT_CACHE_BYTES, openShardedSearch, type ShardedSearch } from '../core/engine/engine.ts'
import { nameMatches } from '../core/shards/format.ts'
import { joinOrLoad } from '../core/shared-load.ts'
import { REPAIR, trackPiece } from './piece-faults.ts'
import { Release, isPropagationFault } from './release.ts'
import { INDEX_FORMAT, POINTER_KEY, keys, type Manifest, type Pointer, type StoredKey } from './layout.ts'
import { countKvRead } from '../meter.ts'

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

export interface LiveIndex {
  version: string
  manifest: Manifest
  /** The article of that slug, or undefined when the build has none (an alias is not an article). */
  article(slug: string): Promise<Article | undefined>
  /** The canonical slug when `slug` is an alias (a MediaWiki redirect), else undefined. */
  alias(slug: string): Promise<string | undefined>
  /** Articles in title order, a page at a time, optionally by title prefix. */
  list(opts: { cursor?: string; limit: number; prefix?: string }): Promise<ArticlePage>
  passage(id: string): Promise<Passage | undefined>
  search(): Promise<ShardedSearch>
  /** The isolate's piece cache of this version (size, bytes, hits), for /healthz. */
  cache(): CacheStats
}

export interface StoreHealth {
  /** Set while the isolate keeps serving an earlier version because the newer one could not be loaded. */
  fault?: { fault: string; message: string; since: string }
}

/** How long one KV read may take before the request gives up with a 503 (`kv-timeout`). */
export const KV_TIMEOUT_MS = 5_000
const HOW_TO_LOAD = 'Build and load one with `npm run build:index && npm run seed:local` (or `npm run deploy`).'

/**
 * How long KV may serve a content-addressed piece (`s/<hash>`) from the edge without asking its
 * central store: a day, since a name's content never changes. KV caches a miss as long, so a piece must
 * be written before any manifest names it (the seed does so).
 */
const PIECE_CACHE_TTL_SECONDS = 86_400

async function get(
  kv: KVNamespace,
  key: string,
  timeoutMs = KV_TIMEOUT_MS,
  options: { cacheTtl?: number } = {},
): Promise<string | null> {
  const start = performance.now()
  // kv.get may also throw synchronously (a broken binding): inside kvCall, it becomes a kv-error.
  const value = await kvCall(() => kv.get(key, { type: 'text', ...options }), `"${key}"`, timeoutMs)
  countKvRead([value], performance.now() - start)
  return value
}

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

function parseJson<T>(text: string, key: string): T {
  try {
    return JSON.parse(text) as T
  } catch {
    throw new IndexUnavailable('corrupt', `The value of "${key}" is not valid JSON. ${HOW_TO_LOAD}`)
  }
}

async function sha256(text: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text))
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('')
}

/** Reads a stored value whole (joining its chunks) and checks it against the manifest's hash. */
function readStored(kv: KVNamespace, stored: StoredKey, timeoutMs: number): Promise<string> {
  return trackPiece(kv, stored.key, async () => {
    const parts = stored.chunks
      ? await Promise.all(
          Array.from({ length: stored.chunks }, (_, i) => get(kv, keys.chunk(stored.key, i), timeoutMs)),
        )
      : [await get(kv, stored.key, timeoutMs)]
    if (parts.some((part) => part === null)) {
      throw new IndexUnavailable('missing-key', `The build names "${stored.key}" but KV does not hold it. ${REPAIR}`)
    }
    const value = parts.join('')
    if ((await sha256(value)) !== stored.sha256) {
      throw new IndexUnavailable('hash-mismatch', `"${stored.key}" does not match the hash in its manifest. ${REPAIR}`)
    }
    return value
  })
}

export const PIECE_CACHE_URL = 'https://wylb-pieces.invalid/'

/** The colo's Cache API, where a worker has one (a piece never changes, so it may be kept there for good). */
function colo(): Cache | undefined {
  return (globalThis as { caches?: { default?: Cache } }).caches?.default
}

async function fromColo(name: string): Promise<string | undefined> {
  const hit = await colo()
    ?.match(PIECE_CACHE_URL + name)
    .catch(() => undefined)
  return hit ? hit.text() : undefined
}

/** Checks a piece fetched from KV against the hash in its name, and keeps it in the colo's cache. */
async function acceptContent(name: string, value: string | null): Promise<string> {
  if (value === null)
    throw new IndexUnavailable('missing-key', `The build names "${name}" but KV does not hold it. ${REPAIR}`)
  if (!nameMatches(name, await sha256(value))) {
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

/**
 * Reads a content-addressed piece (`s/<hash>`): from the colo's Cache API when it holds it, else from
 * KV, checked against the hash in its name.
 */
async function readContent(kv: KVNamespace, name: string, timeoutMs: number): Promise<string> {
  return (
    (await fromColo(name)) ??
    trackPiece(kv, name, async () =>
      acceptContent(name, await get(kv, name, timeoutMs, { cacheTtl: PIECE_CACHE_TTL_SECONDS })),
    )
  )
}

/** KV's most keys in one bulk read. */
const BULK_READ = 100

/** Several content-addressed pieces: the colo's cache first, the rest in bulk KV reads (one operation per 100). */
async function readContents(kv: KVNamespace, names: string[], timeoutMs: number): Promise<Map<string, string>> {
  const out = new Map<string, string>()
  const cached = await Promise.all(names.map(fromColo))
  const missing = names.filter((name, i) => (cached[i] === undefined ? true : (out.set(name, cached[i]!), false)))
  for (let i = 0; i < missing.length; i += BULK_READ) {
    const batch = missing.slice(i, i + BULK_READ)
    const values = await getMany(kv, batch, timeoutMs)
    for (const name of batch)
      out.set(name, await trackPiece(kv, name, () => acceptContent(name, values.get(name) ?? null)))
  }
  return out
}

async function getMany(kv: KVNamespace, names: string[], timeoutMs: number): Promise<Map<string, string | null>> {
  const start = performance.now()
  const read = () => kv.get(names, { type: 'text', cacheTtl: PIECE_CACHE_TTL_SECONDS })
  const values = await kvCall(read, `${names.length} pieces`, timeoutMs)
  countKvRead([...values.values()], performance.now() - start)
  return values
}

async function readPointer(kv: KVNamespace, timeoutMs: number): Promise<Pointer> {
  const text = await get(kv, POINTER_KEY, timeoutMs)
  if (text === null)
    throw new IndexUnavailable('no-index', `KV holds no index (no "${POINTER_KEY}" key). ${HOW_TO_LOAD}`)
  const pointer = parseJson<Partial<Pointer>>(text, POINTER_KEY)
  if (typeof pointer?.version !== 'string') {
    throw new IndexUnavailable('corrupt', `The "${POINTER_KEY}" pointer names no version. ${HOW_TO_LOAD}`)
  }
  const { version, manifest, meta, previous } = pointer
  return {
    version,
    built_at: String(pointer.built_at ?? ''),
    ...(manifest === undefined ? {} : { manifest: checked(manifest, version, `the "${POINTER_KEY}" pointer`) }),
    ...(typeof meta === 'string' ? { meta } : {}),
    ...(typeof previous?.version === 'string' && previous.version !== version
      ? { previous: { version: previous.version } }
      : {}),
  }
}

/** The manifest the pointer carries, else the one stored under the version. */
async function manifestOf(kv: KVNamespace, pointer: Pointer, timeoutMs: number): Promise<Manifest> {
  if (pointer.manifest) return pointer.manifest
  const key = keys.manifest(pointer.version)
  const text = await get(kv, key, timeoutMs)
  if (text === null) {
    throw new IndexUnavailable(
      'missing-version',
      `The pointer names version "${pointer.version}", but KV has no "${key}". ${HOW_TO_LOAD}`,
    )
  }
  return checked(parseJson<Manifest>(text, key), pointer.version, `"${key}"`)
}

function checked(manifest: Manifest | undefined, version: string, where: string): Manifest {
  if (
    manifest?.format !== INDEX_FORMAT ||
    manifest.version !== version ||
    typeof manifest.search?.key !== 'string' ||
    !Array.isArray(manifest.catalog?.slugs?.keys)
  ) {
    throw new IndexUnavailable(
      'format',
      `The manifest of version "${version}" in ${where} is of index format ${String(manifest?.format)}; this Worker reads format ${INDEX_FORMAT}. ${HOW_TO_LOAD}`,
    )
  }
  return manifest
}

/**
 * Caches a load by key: concurrent first callers share one pending load (see joinOrLoad for the way
 * out workerd needs), every later caller gets the settled value, and a failed load is forgotten so the
 * next caller tries again.
 */
function memo<T>(cache: Map<string, Promise<T>>, key: string, load: () => Promise<T>): Promise<T> {
  const settled = cache.get(key)
  if (settled) return settled
  // A load of one's own (after giving up on a stuck shared one) fills the cache too.
  const keep = (promise: Promise<T>) => {
    promise.then(
      () => void (cache.has(key) || cache.set(key, promise)),
      () => undefined,
    )
    return promise
  }
  const pending = inFlight.get(cache)?.get(key) as Promise<T> | undefined
  if (pending) return joinOrLoad(pending, () => keep(load()))
  const promise = keep(load())
  const loads = inFlight.get(cache) ?? new Map<string, Promise<unknown>>()
  inFlight.set(cache, loads.set(key, promise))
  const done = () => void (loads.get(key) === promise && loads.delete(key))
  promise.then(done, done)
  return promise
}

/** The loads each memo cache has pending, apart from the settled ones it holds. */
const inFlight = new WeakMap<Map<string, Promise<unknown>>, Map<string, Promise<unknown>>>()

function openVersion(
  kv: KVNamespace,
  manifest: Manifest,
  timeoutMs: number,
  cacheBytes: number,
  pointerMeta?: string,
): LiveIndex {
  const fetchPiece = async (name: string): Promise<string> => {
    // The meta the pointer carried, when it is the one the manifest names (else it is read as any piece).
    if (
      name === manifest.search.key &&
      pointerMeta !== undefined &&
      (await sha256(pointerMeta)) === manifest.search.sha256
    )
      return pointerMeta
    if (name.startsWith('s/')) return readContent(kv, name, timeoutMs)
    if (name === manifest.search.key)
      return readStored(kv, { key: name, sha256: manifest.search.sha256, bytes: 0 }, timeoutMs)
    return Promise.reject(
      new IndexUnavailable(
        'corrupt',
        `The build of "${manifest.version}" names "${name}", which is not one of its pieces.`,
      ),
    )
  }
  const pieces = new PieceCache(fetchPiece, cacheBytes, (names) => readContents(kv, names, timeoutMs))
  const catalog = new Catalog(pieces, manifest.catalog)
  const articles = new Map<string, Promise<Article | undefined>>()
  const passageMaps = new Map<string, Promise<Map<string, Passage>>>()
  const searches = new Map<string, Promise<ShardedSearch>>()

  const article = async (slug: string): Promise<Article | undefined> => {
    const found = await catalog.lookup(slug)
    if (!found || found.alias) return undefined
    const { sha256: hash } = found.article
    const key = manifest.article_keys === 'content' ? `s/${hash.slice(0, 24)}` : keys.article(manifest.version, slug)
    return memo(articles, slug, async () =>
      parseJson<Article>(await readStored(kv, { key, sha256: hash, bytes: 0 }, timeoutMs), slug),
    )
  }

  return {
    version: manifest.version,
    manifest,
    article,
    async alias(slug) {
      return (await catalog.lookup(slug))?.alias
    },
    list: (opts) => catalog.list(opts),
    async passage(id) {
      const slug = id.slice(0, id.indexOf(':'))
      if (!slug) return undefined
      const map = await memo(passageMaps, slug, async () => {
        const found = await article(slug)
        return new Map((found?.sections ?? []).flatMap((s) => s.passages.map((p) => [p.id, p] as const)))
      })
      return map.get(id)
    },
    cache: () => pieces.stats(),
    search: () =>
      memo(searches, 'search', async () => {
        try {
          return await openShardedSearch(fetchPiece, manifest.search.key, { cache: pieces })
        } catch (error) {
          if (error instanceof IndexUnavailable) throw error
          if (error instanceof IndexFormatError)
            throw new IndexUnavailable(
              'corrupt',
              `The search index of "${manifest.version}" cannot be loaded: ${error.message}`,
            )
          // Pieces that pass their hash but still fail to load are a broken build, not a server bug.
          throw new IndexUnavailable(
            'corrupt',
            `The search index of "${manifest.version}" cannot be loaded: ${String(error)}`,
          )
        }
      }),
  }
}

/** One isolate's view of one KV namespace. */
export class IndexStore {
  /** The index served, and the pointer when that index is the version it names (not its previous). */
  private current?: { index: LiveIndex; checkedAt: number; newest?: Pointer }
  private readonly versions = new Map<string, Promise<LiveIndex>>()
  private readonly release = new Release()
  readonly health: StoreHealth = {}

  constructor(
    private readonly kv: KVNamespace,
    private readonly ttlMs: number,
    private readonly timeoutMs = KV_TIMEOUT_MS,
    /** The piece cache's budget (bytes of parsed pieces) per isolate. */
    private readonly cacheBytes = DEFAULT_CACHE_BYTES,
  ) {}

  /** The live index: the cached one while the pointer was read less than `ttlMs` ago. */
  live(now = Date.now()): Promise<LiveIndex> {
    if (this.current && now - this.current.checkedAt < this.ttlMs) return Promise.resolve(this.current.index)
    return this.refresh(now)
  }

  /**
   * A request answered from `version` met a piece KV does not show (`error`). True when the request
   * should be answered again: the pointer names a previous version, which `live()` now serves (see
   * release.ts) until the hold ends.
   */
  fallBack(version: string, error: IndexUnavailable, now = Date.now()): boolean {
    if (!isPropagationFault(error.fault)) return false
    if (this.release.holds(version, now)) return true
    const newest = this.current?.newest
    if (newest?.version !== version || !newest.previous) return false
    this.release.hold(version, newest.previous.version, error, now, this.ttlMs)
    this.current = undefined
    return true
  }

  private async refresh(now: number): Promise<LiveIndex> {
    try {
      const pointer = await readPointer(this.kv, this.timeoutMs)
      const index = await this.openLive(pointer, now)
      if (this.current && this.current.index.version !== index.version) this.versions.delete(this.current.index.version)
      this.current = { index, checkedAt: now, ...(index.version === pointer.version ? { newest: pointer } : {}) }
      const held = this.release.fault(now)
      if (held) this.health.fault = held
      else delete this.health.fault
      return index
    } catch (error) {
      if (!(error instanceof IndexUnavailable) || !this.current) throw error
      // A good version is still in hand: keep serving it whole rather than fail or mix versions.
      this.health.fault ??= { fault: error.fault, message: error.message, since: new Date(now).toISOString() }
      this.current.checkedAt = now
      return this.current.index
    }
  }

  /** The pointer's version, or its previous one while the new one is held back or cannot be opened here yet. */
  private async openLive(pointer: Pointer, now: number): Promise<LiveIndex> {
    const previous = pointer.previous && { version: pointer.previous.version, built_at: '' }
    if (previous && this.release.holds(pointer.version, now)) return this.open(previous)
    try {
      return await this.open(pointer)
    } catch (error) {
      if (!previous || !(error instanceof IndexUnavailable) || !isPropagationFault(error.fault)) throw error
      this.release.hold(pointer.version, previous.version, error, now, this.ttlMs)
      return this.open(previous)
    }
  }

  private open(pointer: Pointer): Promise<LiveIndex> {
    return memo(this.versions, pointer.version, async () =>
      openVersion(
        this.kv,
        await manifestOf(this.kv, pointer, this.timeoutMs),
        this.timeoutMs,
        this.cacheBytes,
        pointer.meta,
      ),
    )
  }
}

const stores = new WeakMap<KVNamespace, IndexStore>()

/** The isolate-wide store of a namespace, so every request of the isolate shares its cache. */
export function indexStore(kv: KVNamespace, ttlSeconds = 60, timeoutMs = KV_TIMEOUT_MS): IndexStore {
  let store = stores.get(kv)
  if (!store) {
    store = new IndexStore(kv, ttlSeconds * 1000, timeoutMs)
    stores.set(kv, store)
  }
  return store
}
