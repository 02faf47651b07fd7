/**
 * @module The index the Worker serves: it follows the live-version pointer, checks the manifest, loads
 * each piece of a version once per isolate (the settled value is shared; a read in flight is not, see
 * `memo`), and re-reads the pointer at most every `ttlMs` so a new build goes live without a redeploy.
 * Every KV read goes through kv-reader.ts.
 */
import type { Article, Passage } from '../core/model.ts'
import { HEAP_PER_CHAR, PieceCache, type CacheStats } from '../core/shards/cache.ts'
import { Catalog, type ArticlePage } from '../core/shards/catalog.ts'
import { DEFAULT_CACHE_BYTES, openShardedSearch, type ShardedSearch } from '../core/engine/engine.ts'
import { joinOrLoad } from '../core/shared-load.ts'
import { FORMAT_VERSION } from '../core/storage/format-version.ts'
import { POINTER_KEY, isPiece, keys, sha256Hex } from '../core/storage/keys.ts'
import type { Manifest, Pointer } from '../core/storage/manifest.ts'
import { HOW_TO_LOAD, IndexUnavailable, malformedIndex } from './index-unavailable.ts'
import { KV_TIMEOUT_MS, KvReader } from './kv-reader.ts'
import { Release, isPropagationFault } from './release.ts'
import { SettledLoads } from './settled-loads.ts'

/**
 * Article models an isolate keeps, by the heap their JSON parses to (HEAP_PER_CHAR a character): beside
 * the 8 MB piece cache and the 4 MB of answers, well inside an isolate's 128 MB.
 */
const ARTICLE_CACHE_BYTES = 8 * 1024 * 1024
/** Each loaded article's weight, from the text it was parsed from. */
const articleBytes = new WeakMap<Article, number>()
/**
 * Each article's passages by id, made at its first passage lookup. Keyed by the article, a map lives as
 * long as the article cache keeps it: held apart, maps outlived their evicted articles and kept every
 * passage's text for a few bytes of charge each.
 */
const passagesById = new WeakMap<Article, Map<string, Passage>>()

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

function parseJson<T>(text: string, key: string): T {
  try {
    return JSON.parse(text) as T
  } catch {
    throw new IndexUnavailable('corrupt', `The value of "${key}" is not valid JSON. ${HOW_TO_LOAD}`)
  }
}

async function readPointer(kv: KvReader): Promise<Pointer> {
  const text = await kv.text(POINTER_KEY)
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
async function manifestOf(kv: KvReader, pointer: Pointer): Promise<Manifest> {
  if (pointer.manifest) return pointer.manifest
  const key = keys.manifest(pointer.version)
  const text = await kv.text(key)
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
    manifest?.format !== FORMAT_VERSION ||
    manifest.version !== version ||
    typeof manifest.search?.key !== 'string' ||
    !Array.isArray(manifest.catalog?.slugs?.keys)
  ) {
    throw new IndexUnavailable(
      'format',
      `The manifest of version "${version}" in ${where} is of index format ${String(manifest?.format)}; ` +
        `this Worker reads format ${FORMAT_VERSION}. ${HOW_TO_LOAD}`,
    )
  }
  return manifest
}

/**
 * Caches a load by key: concurrent first callers share one pending load (see joinOrLoad for the way
 * out workerd needs), every later caller gets the settled value, and a failed load is forgotten so the
 * next caller tries again.
 */
function memo<T>(cache: MemoCache<T>, key: string, load: () => Promise<T>): Promise<T> {
  const settled = cache.get(key)
  if (settled) return settled
  // A load of one's own (after giving up on a stuck shared one) fills the cache too.
  const keep = (promise: Promise<T>) => {
    promise.then(
      (value) => void (cache.has(key) || cache.set(key, promise, value)),
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

/** Where `memo` keeps settled loads: a Map, or SettledLoads when they must be bounded in bytes. */
interface MemoCache<T> {
  get(key: string): Promise<T> | undefined
  has(key: string): boolean
  set(key: string, promise: Promise<T>, value: T): unknown
}

/** The loads each memo cache has pending, apart from the settled ones it holds. */
const inFlight = new WeakMap<MemoCache<unknown>, Map<string, Promise<unknown>>>()

function openVersion(kv: KvReader, manifest: Manifest, cacheBytes: number, pointerMeta?: string): LiveIndex {
  const fetchPiece = async (name: string): Promise<string> => {
    // The meta the pointer carried, when it is the one the manifest names (else it is read as any piece).
    if (
      name === manifest.search.key &&
      pointerMeta !== undefined &&
      (await sha256Hex(pointerMeta)) === manifest.search.sha256
    )
      return pointerMeta
    if (isPiece(name)) return kv.piece(name)
    if (name === manifest.search.key) return kv.stored({ key: name, sha256: manifest.search.sha256, bytes: 0 })
    return Promise.reject(
      new IndexUnavailable(
        'corrupt',
        `The build of "${manifest.version}" names "${name}", which is not one of its pieces.`,
      ),
    )
  }
  const pieces = new PieceCache(fetchPiece, cacheBytes, (names) => kv.pieces(names))
  const catalog = new Catalog(pieces, manifest.catalog)
  const articles = new SettledLoads<Article>(ARTICLE_CACHE_BYTES, (a) => articleBytes.get(a) ?? 0)
  const searches = new Map<string, Promise<ShardedSearch>>()

  const article = async (slug: string): Promise<Article | undefined> => {
    const found = await catalog.lookup(slug)
    if (!found || found.alias) return undefined
    const { sha256: hash } = found.article
    const key = manifest.article_keys === 'content' ? keys.contentArticle(hash) : keys.article(manifest.version, slug)
    return memo(articles, slug, async () => {
      const text = await kv.stored({ key, sha256: hash, bytes: 0 })
      const parsed = parseJson<Article>(text, slug)
      articleBytes.set(parsed, HEAP_PER_CHAR * text.length)
      return parsed
    })
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
      const found = await article(slug)
      if (!found) return undefined
      let map = passagesById.get(found)
      if (!map) {
        map = new Map(found.sections.flatMap((s) => s.passages.map((p) => [p.id, p] as const)))
        passagesById.set(found, map)
      }
      return map.get(id)
    },
    cache: () => pieces.stats(),
    search: () =>
      memo(searches, 'search', async () => {
        try {
          return await openShardedSearch(fetchPiece, manifest.search.key, { cache: pieces })
        } catch (error) {
          if (error instanceof IndexUnavailable) throw error
          // Pieces that pass their hash but still fail to load are a broken build, not a server bug.
          throw malformedIndex(error, manifest.version)
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
  private readonly kv: KvReader

  constructor(
    kv: KVNamespace,
    private readonly ttlMs: number,
    timeoutMs = KV_TIMEOUT_MS,
    /** The piece cache's budget (bytes of parsed pieces) per isolate. */
    private readonly cacheBytes = DEFAULT_CACHE_BYTES,
  ) {
    this.kv = new KvReader(kv, timeoutMs)
  }

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
      const pointer = await readPointer(this.kv)
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
      openVersion(this.kv, await manifestOf(this.kv, pointer), this.cacheBytes, pointer.meta),
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
