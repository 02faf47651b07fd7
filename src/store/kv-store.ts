/**
 * @module The one place the Worker reads KV. It follows the live-version pointer, loads each piece of a
 * version at most once per isolate (as a shared promise, so concurrent first requests share one read),
 * and re-reads the pointer at most every `ttlMs` so a new build goes live without a redeploy.
 */
import type { Article, Passage } from '../core/model.ts'
import { loadSearchIndex, IndexFormatError, type SearchEngine } from '../core/search/index.ts'
import { INDEX_FORMAT, POINTER_KEY, keys, type Manifest, type Pointer, type StoredKey } from './layout.ts'

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
  /** The article of that slug, or undefined when the build has none. */
  article(slug: string): Promise<Article | undefined>
  passage(id: string): Promise<Passage | undefined>
  search(): Promise<SearchEngine>
}

export interface StoreHealth {
  /** Set while the isolate keeps serving an earlier version because the newer one could not be loaded. */
  fault?: { fault: string; message: string; since: string }
}

/** How long one KV read may take before the request gives up with a 503 (`kv-timeout`). */
export const KV_TIMEOUT_MS = 5_000
const HOW_TO_LOAD = 'Build and load one with `npm run build:index && npm run seed:local` (or `npm run deploy`).'

async function get(kv: KVNamespace, key: string, timeoutMs = KV_TIMEOUT_MS): Promise<string | null> {
  let timer: ReturnType<typeof setTimeout> | undefined
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new IndexUnavailable('kv-timeout', `KV did not answer for "${key}" within ${timeoutMs} ms.`)),
      timeoutMs,
    )
  })
  try {
    // kv.get may also throw synchronously (a broken binding): inside the try, it becomes a kv-error.
    return await Promise.race([kv.get(key, 'text'), timeout])
  } catch (error) {
    if (error instanceof IndexUnavailable) throw error
    throw new IndexUnavailable('kv-error', `KV failed to read "${key}": ${String(error)}`)
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
async function readStored(kv: KVNamespace, stored: StoredKey, timeoutMs: number): Promise<string> {
  const parts = stored.chunks
    ? await Promise.all(Array.from({ length: stored.chunks }, (_, i) => get(kv, keys.chunk(stored.key, i), timeoutMs)))
    : [await get(kv, stored.key, timeoutMs)]
  if (parts.some((part) => part === null)) {
    throw new IndexUnavailable('missing-key', `The build names "${stored.key}" but KV does not hold it. ${HOW_TO_LOAD}`)
  }
  const value = parts.join('')
  if ((await sha256(value)) !== stored.sha256) {
    throw new IndexUnavailable('hash-mismatch', `"${stored.key}" does not match the hash in its manifest. ${HOW_TO_LOAD}`)
  }
  return value
}

async function readPointer(kv: KVNamespace, timeoutMs: number): Promise<Pointer> {
  const text = await get(kv, POINTER_KEY, timeoutMs)
  if (text === null) throw new IndexUnavailable('no-index', `KV holds no index (no "${POINTER_KEY}" key). ${HOW_TO_LOAD}`)
  const pointer = parseJson<Partial<Pointer>>(text, POINTER_KEY)
  if (typeof pointer?.version !== 'string') {
    throw new IndexUnavailable('corrupt', `The "${POINTER_KEY}" pointer names no version. ${HOW_TO_LOAD}`)
  }
  return { version: pointer.version, built_at: String(pointer.built_at ?? '') }
}

async function readManifest(kv: KVNamespace, version: string, timeoutMs: number): Promise<Manifest> {
  const key = keys.manifest(version)
  const text = await get(kv, key, timeoutMs)
  if (text === null) {
    throw new IndexUnavailable('missing-version', `The pointer names version "${version}", but KV has no "${key}". ${HOW_TO_LOAD}`)
  }
  const manifest = parseJson<Manifest>(text, key)
  if (manifest?.format !== INDEX_FORMAT || manifest.version !== version || !Array.isArray(manifest.keys)) {
    throw new IndexUnavailable(
      'format',
      `Version "${version}" was built in index format ${String(manifest?.format)}; this Worker reads format ${INDEX_FORMAT}. ${HOW_TO_LOAD}`,
    )
  }
  return manifest
}

/** Caches a promise by key, and forgets it if it fails so the next caller tries again. */
function memo<T>(cache: Map<string, Promise<T>>, key: string, load: () => Promise<T>): Promise<T> {
  let promise = cache.get(key)
  if (!promise) {
    promise = load()
    cache.set(key, promise)
    promise.catch(() => cache.delete(key))
  }
  return promise
}

function openVersion(kv: KVNamespace, manifest: Manifest, timeoutMs: number): LiveIndex {
  const stored = new Map(manifest.keys.map((k) => [k.key, k]))
  const read = (key: string) => {
    const entry = stored.get(key)
    if (!entry) throw new IndexUnavailable('corrupt', `The manifest of "${manifest.version}" does not list "${key}".`)
    return readStored(kv, entry, timeoutMs)
  }
  const articles = new Map<string, Promise<Article | undefined>>()
  const passageMaps = new Map<string, Promise<Map<string, Passage>>>()
  const searches = new Map<string, Promise<SearchEngine>>()
  const slugs = new Set(manifest.articles.map((a) => a.slug))

  const article = (slug: string) =>
    slugs.has(slug)
      ? memo(articles, slug, async () => parseJson<Article>(await read(keys.article(manifest.version, slug)), slug))
      : Promise.resolve(undefined)

  return {
    version: manifest.version,
    manifest,
    article,
    async passage(id) {
      const slug = id.slice(0, id.indexOf(':'))
      if (!slugs.has(slug)) return undefined
      const map = await memo(passageMaps, slug, async () => {
        const found = await article(slug)
        return new Map((found?.sections ?? []).flatMap((s) => s.passages.map((p) => [p.id, p] as const)))
      })
      return map.get(id)
    },
    search: () =>
      memo(searches, 'search', async () => {
        const pieces = await Promise.all(
          manifest.search_pieces.map(async (name) => [name, await read(keys.search(manifest.version, name))] as const),
        )
        try {
          return await loadSearchIndex(Object.fromEntries(pieces))
        } catch (error) {
          if (error instanceof IndexFormatError) throw new IndexUnavailable('corrupt', `The search index of "${manifest.version}" cannot be loaded: ${error.message}`)
          // Pieces that pass their hash but still fail to load are a broken build, not a server bug.
          throw new IndexUnavailable('corrupt', `The search index of "${manifest.version}" cannot be loaded: ${String(error)}`)
        }
      }),
  }
}

/** One isolate's view of one KV namespace. */
export class IndexStore {
  private current?: { index: LiveIndex; checkedAt: number }
  private refreshing?: Promise<LiveIndex>
  private readonly versions = new Map<string, Promise<LiveIndex>>()
  readonly health: StoreHealth = {}

  constructor(
    private readonly kv: KVNamespace,
    private readonly ttlMs: number,
    private readonly timeoutMs = KV_TIMEOUT_MS,
  ) {}

  /** The live index: the cached one while the pointer was read less than `ttlMs` ago. */
  live(now = Date.now()): Promise<LiveIndex> {
    if (this.current && now - this.current.checkedAt < this.ttlMs) return Promise.resolve(this.current.index)
    this.refreshing ??= this.refresh(now).finally(() => {
      this.refreshing = undefined
    })
    return this.refreshing
  }

  private async refresh(now: number): Promise<LiveIndex> {
    try {
      const pointer = await readPointer(this.kv, this.timeoutMs)
      const index = await memo(this.versions, pointer.version, async () =>
        openVersion(this.kv, await readManifest(this.kv, pointer.version, this.timeoutMs), this.timeoutMs),
      )
      if (this.current && this.current.index !== index) this.versions.delete(this.current.index.version)
      this.current = { index, checkedAt: now }
      delete this.health.fault
      return index
    } catch (error) {
      if (!(error instanceof IndexUnavailable) || !this.current) throw error
      // A good version is still in hand: keep serving it whole rather than fail or mix versions.
      this.health.fault ??= { fault: error.fault, message: error.message, since: new Date(now).toISOString() }
      this.current.checkedAt = now
      return this.current.index
    }
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
