/**
 * @module The sharded search engine: the monolithic engine's query → expansion → candidates →
 * filters → ranking → snippets, with every piece it needs fetched first (in parallel, through the
 * byte-bounded piece cache). A query reads the meta once per isolate, then the term shards of its
 * words (and of their prefix/typo expansions), the vocabulary pieces of its last word or unknown
 * words, and the doc blocks of the page's hits. Ranking and snippets are src/core/search's own.
 */
import { highlights, pageOf, searchableQuery, shapeHit } from './shape.ts'
import { PREFIX_CAP, TYPO_CAP, expandUnit, type Expanded } from '../search/expand.ts'
import { kindWeight } from '../search/fields.ts'
import { phraseStarts, type PassageTokens } from '../search/passages.ts'
import { fold } from '../search/normalize.ts'
import { cleanQuery, renderQuery, type ParsedQuery, type QUnit } from '../search/query.ts'
import { compareScored, scorePassage, type Scored, type Stats } from '../search/score.ts'
import { Synonyms, applySynonyms, type Expansion, type SynonymMatch } from '../search/synonyms.ts'
import { completions } from '../search/suggest.ts'
import { SUGGESTION_CAP, suggestionTolerance, tolerance } from '../search/typo.ts'
import {
  IndexFormatError,
  type AttributedAnswer,
  type FacetCount,
  type Facets,
  type SearchHit,
  type SearchRequest,
  type Searcher,
} from '../search/types.ts'
import { Vocabulary, byFrequency } from '../search/vocab.ts'
import { PieceCache, type CacheStats } from '../shards/cache.ts'
import { Retrieval } from '../shards/retrieval.ts'
import { Catalog, type ArticlePage, type ArticleRef } from '../shards/catalog.ts'
import {
  SHARD_FORMAT,
  crossesShards,
  decodeAscending,
  decodeNumbers,
  docBlockAt,
  nameAt,
  shardOf,
  type DirectoryRow,
  type DocBlock,
  type ShardMeta,
  type ShardVocabEntry,
  type TermRow,
  type TermShard,
  type TypoPiece,
  type VocabEntry,
} from '../shards/format.ts'
import { PASSAGE_KINDS, type Attribution, type PassageKind } from '../model.ts'

/** As in expand.ts: the shortest last word completed as a prefix; words longer than this are never typo-corrected. */
const MIN_PREFIX = 2
const MAX_TYPO_LEN = 40
export const DEFAULT_CACHE_BYTES = 32 * 1024 * 1024
/**
 * Tail tiers (~48 KB each, best passages first) one query reads in all, shared among its frequent
 * words: a phrase of two frequent words reads ~144 KB of tails, not megabytes, and scores thousands of
 * passages, not a stopword's million (CPU and the isolate's 128 MB); the answer is then `approximate`.
 */
export const MAX_TAIL_CHUNKS = 3
/**
 * Term shards a last word's completions may add to a query's reads: a short prefix ("ca") has
 * completions all over the vocabulary, and each one's postings sit in the shard of its term.
 */
export const MAX_PREFIX_SHARDS = 2
/**
 * Candidate passages one query scores at most, best impact first: a ranked page needs the best few
 * hundred (the deepest page ends at 550), and scoring a stopword's thousands took 130 ms at 10 MB.
 */
export const MAX_SCORED = 600
/** Ranked passages that facets count and grouping groups: beyond these, both are approximate. */
export const FACET_SCAN = 2000
/** Values listed per facet. */
export const FACET_VALUES = 20
/** Next best passages under a grouped hit. */
export const SUB_RESULTS = 3

export type { ArticlePage, ArticleRef } from '../shards/catalog.ts'

export interface ShardedSearch extends Searcher {
  readonly meta: ShardMeta
  /** An article by slug, or by alias (`alias` then names the canonical slug). */
  lookup(slug: string): Promise<{ article: ArticleRef; alias?: string } | undefined>
  /** Articles in title order, `limit` at a time, optionally only titles starting with `prefix` (case-insensitive). */
  list(opts: { cursor?: string; limit: number; prefix?: string }): Promise<ArticlePage>
  cache(): CacheStats
}

interface LoadedShard extends TermShard {
  index: Map<string, number>
}

interface Term {
  id: number
  df: number
  row: TermRow
}

function parseJson<T>(name: string) {
  return (text: string): T => {
    try {
      return JSON.parse(text) as T
    } catch {
      throw new IndexFormatError(`search index piece "${name}" is not valid JSON`)
    }
  }
}

/** Occurrences of the query's terms in one passage, gathered from their postings. */
interface Gathered {
  length: number
  secKind: number
  par: number
  /** term → [pos, start, len]* */
  parts: Map<number, number[]>
  /** term → [pos, span, start, len]* */
  joins: Map<number, number[]>
}

const NO_OFFSETS = new Int32Array(0)

/**
 * A PassageTokens holding only the query's terms: enough for scoring and phrases and, with `offsets`,
 * for marks. Without offsets `terms` is a sparse object (positions of other terms read as undefined,
 * which matches no term), so scoring a candidate costs its matches, not its length.
 */
function tokensOf(g: Gathered, offsets = false): PassageTokens {
  const n = g.length
  const terms = offsets ? new Int32Array(n).fill(-1) : ({} as unknown as Int32Array)
  const starts = offsets ? new Int32Array(n) : NO_OFFSETS
  const ends = offsets ? new Int32Array(n) : NO_OFFSETS
  const positions = new Map<number, number[]>()
  const joinsAt = new Map<number, [number, number][]>()
  const add = (list: number[], pos: number): void => {
    if (list[list.length - 1] !== pos) list.push(pos)
  }
  for (const [t, occ] of g.parts) {
    const list: number[] = []
    for (let i = 0; i < occ.length; i += 3) {
      const pos = occ[i]!
      // Marks need only the text; its fields (past it) count for ranking only.
      if (offsets && pos >= n) break
      terms[pos] = t
      if (offsets) {
        starts[pos] = occ[i + 1]!
        ends[pos] = occ[i + 1]! + occ[i + 2]!
      }
      add(list, pos)
    }
    if (list.length > 0) positions.set(t, list)
  }
  for (const [t, occ] of g.joins) {
    let list = positions.get(t)
    if (!list) positions.set(t, (list = []))
    for (let i = 0; i < occ.length; i += 4) {
      const pos = occ[i]!
      if (offsets && pos >= n) break
      const span = occ[i + 1]!
      if (offsets) {
        starts[pos] = occ[i + 2]!
        ends[pos + span - 1] = occ[i + 2]! + occ[i + 3]!
      }
      let at = joinsAt.get(pos)
      if (!at) joinsAt.set(pos, (at = []))
      at.push([span, t])
      add(list, pos)
    }
  }
  for (const list of positions.values()) list.sort((a, b) => a - b)
  for (const list of joinsAt.values()) if (list.length > 1) list.sort((a, b) => a[0] - b[0])
  return { terms, starts, ends, joinsAt, positions, length: n }
}

/** Records term `id`'s occurrences in passage `o` from its postings record at `at`. */
function gatherAt(gathered: Map<number, Gathered>, id: number, o: number, list: Int32Array, at: number): void {
  let g = gathered.get(o)
  if (!g)
    gathered.set(
      o,
      (g = { length: list[at + 1]!, secKind: list[at + 2]!, par: list[at + 3]!, parts: new Map(), joins: new Map() }),
    )
  const np = list[at + 4]!
  const nj = list[at + 5]!
  let i = at + 6
  if (np > 0) {
    const occ: number[] = []
    let pos = 0
    let start = 0
    for (let k = 0; k < np; k++, i += 3) {
      pos += list[i]!
      start += list[i + 1]!
      occ.push(pos, start, list[i + 2]!)
    }
    g.parts.set(id, occ)
  }
  if (nj > 0) {
    const occ: number[] = []
    let pos = 0
    let start = 0
    for (let k = 0; k < nj; k++, i += 4) {
      pos += list[i]!
      start += list[i + 2]!
      occ.push(pos, list[i + 1]!, start, list[i + 3]!)
    }
    g.joins.set(id, occ)
  }
}

/** Walks postings (ordinal deltas restart at `base`), calling `visit` with each passage's record offset. */
function walk(list: Int32Array, visit: (ordinal: number, at: number) => void): void {
  let ordinal = 0
  for (let i = 0; i < list.length;) {
    ordinal += list[i]!
    visit(ordinal, i)
    i += 6 + 3 * list[i + 4]! + 4 * list[i + 5]!
  }
}

export async function openShardedSearch(
  fetchPiece: (name: string) => Promise<string>,
  metaName: string,
  options: {
    cacheBytes?: number
    cache?: PieceCache
    fetchMany?: (names: string[]) => Promise<Map<string, string>>
    /** The most tail chunks of one term a query reads (more: the answer is `approximate`). */
    maxTailChunks?: number
    /** The most term shards a last word's completions add (more: the answer is `approximate`). */
    maxPrefixShards?: number
    /** The most candidate passages a query scores (more: the best by impact, and the answer is `approximate`). */
    maxScored?: number
  } = {},
): Promise<ShardedSearch> {
  const cache =
    options.cache ?? new PieceCache(fetchPiece, options.cacheBytes ?? DEFAULT_CACHE_BYTES, options.fetchMany)
  const meta = await fetchPiece(metaName).then(parseJson<ShardMeta>(metaName))
  if (!meta || meta.format !== SHARD_FORMAT || !meta.terms || !meta.docs) {
    throw new IndexFormatError(
      `sharded index format ${String(meta?.format)} is not the supported ${SHARD_FORMAT}; rebuild the index`,
    )
  }
  let docFirst: number[]
  try {
    docFirst = decodeAscending(meta.docs.first)
  } catch {
    throw new IndexFormatError(`search index piece "${metaName}" has a corrupt directory`)
  }
  return new Sharded(
    meta,
    cache,
    docFirst,
    options.maxTailChunks ?? MAX_TAIL_CHUNKS,
    options.maxPrefixShards ?? MAX_PREFIX_SHARDS,
    options.maxScored ?? MAX_SCORED,
  )
}

class Sharded implements ShardedSearch {
  private readonly stats: Omit<Stats, 'df'>
  private readonly catalog: Catalog
  private readonly synonyms: Synonyms
  /** The first ordinal of each article directory piece. */
  private readonly directoryFirst: number[]

  constructor(
    readonly meta: ShardMeta,
    private readonly pieces: PieceCache,
    /** The first passage ordinal of each doc block. */
    private readonly docFirst: number[],
    private readonly maxTailChunks: number,
    private readonly maxPrefixShards: number,
    private readonly maxScored: number,
  ) {
    this.stats = { passages: meta.counts.passages, avgLength: meta.avgLength }
    this.catalog = new Catalog(pieces, { slugs: meta.slugs, titles: meta.titles, articles: meta.counts.articles })
    this.synonyms = new Synonyms(meta.synonyms ?? [])
    try {
      this.directoryFirst = meta.directory ? decodeAscending(meta.directory.first) : []
    } catch {
      throw new IndexFormatError('search index meta has a corrupt article directory')
    }
  }

  cache(): CacheStats {
    return this.pieces.stats()
  }

  private termShard(i: number): Promise<LoadedShard> {
    const name = nameAt(this.meta.terms.names, i)
    if (!name) return Promise.resolve({ rows: [], vocab: [], index: new Map() })
    return this.pieces.get(name, (text) => {
      const shard = parseJson<TermShard>(name)(text)
      if (!Array.isArray(shard?.rows) || !Array.isArray(shard.vocab))
        throw new IndexFormatError(`search index piece "${name}" is not a term shard`)
      return { ...shard, index: new Map(shard.rows.map((r, k) => [r[0], k])) }
    })
  }

  private async tailPostings(tiers: string[]): Promise<Int32Array[]> {
    return Promise.all(tiers.map((name) => this.pieces.get(name, decodeNumbers)))
  }

  /** Terms by string; unknown ones are absent. */
  private async termsByString(strings: Iterable<string>, into: Map<string, Term>): Promise<void> {
    const want = [...new Set(strings)].filter((s) => s && !into.has(s))
    const shards = new Map<number, string[]>()
    for (const s of want) {
      const i = shardOf(this.meta.terms.first, s)
      shards.set(i, [...(shards.get(i) ?? []), s])
    }
    await Promise.all(
      [...shards].map(async ([i, list]) => {
        const shard = await this.termShard(i)
        for (const s of list) {
          const k = shard.index.get(s)
          if (k !== undefined) into.set(s, { id: shard.rows[k]![1], df: shard.rows[k]![2], row: shard.rows[k]! })
        }
      }),
    )
  }

  /** A row's postings as numbers, decoded once while its shard stays cached. */
  private readonly decodedRows = new WeakMap<TermRow, Int32Array>()
  private decoded(row: TermRow): Int32Array {
    let list = this.decodedRows.get(row)
    if (!list) this.decodedRows.set(row, (list = decodeNumbers(row[3])))
    return list
  }

  /** Terms by id: the query knows each id's string from the vocabulary entry or term row it came from. */
  private async termsById(ids: Iterable<number>, q: Query): Promise<void> {
    const strings: string[] = []
    for (const id of ids) {
      if (q.byId.has(id)) continue
      const s = q.idTerms.get(id)
      if (s === undefined) throw new IndexFormatError(`search index names term ${id} but no vocabulary entry holds it`)
      strings.push(s)
    }
    await this.termsByString(strings, q.byString)
    for (const t of q.byString.values()) q.byId.set(t.id, t)
  }

  /**
   * The completions of `prefix` a query ranks with (the PREFIX_CAP most frequent, as
   * `Vocabulary.prefixed` orders them), but only those whose terms lie in the shards the query's own
   * words read or in at most maxPrefixShards more; a completion past that is left out (`prefixCut`).
   */
  private completionsWithin(prefix: string, entries: ShardVocabEntry[], words: string[], q: Query): ShardVocabEntry[] {
    const { first } = this.meta.terms
    const read = new Set(words.map((w) => shardOf(first, w)))
    const added = new Set<number>()
    const kept: ShardVocabEntry[] = []
    const ordered = [...entries].sort(byFrequency)
    for (const e of ordered) {
      if (kept.length >= PREFIX_CAP + 1) break
      const shard = shardOf(first, e[5])
      if (e[0] !== prefix && !read.has(shard) && !added.has(shard)) {
        if (added.size >= this.maxPrefixShards) {
          q.prefixCut = true
          continue
        }
        added.add(shard)
      }
      kept.push(e)
    }
    return kept
  }

  /** Every vocabulary entry `Vocabulary.prefixed(prefix, cap)` may return (cap within the build's top sizes). */
  private async prefixEntries(prefix: string): Promise<ShardVocabEntry[]> {
    const { first } = this.meta.terms
    if (first.length === 0) return []
    const shard = await this.termShard(shardOf(first, prefix))
    if (crossesShards(first, prefix)) return shard.tops?.[prefix] ?? []
    return shard.vocab.filter((e) => e[0].startsWith(prefix))
  }

  /**
   * Typo candidates of `key`: `Vocabulary.near(key, max, cap)` over its length's typo piece, which holds
   * every length in reach, whole, or only its most frequent entries (then `typoCut` is set).
   */
  private async nearEntries(key: string, max: number, cap: number, q?: Query): Promise<ShardVocabEntry[]> {
    if (max <= 0 || key.length > MAX_TYPO_LEN) return []
    const name = this.meta.typos[key.length]
    if (!name) return []
    const piece = await this.pieces.get(name, (text) => {
      const p = parseJson<TypoPiece>(name)(text)
      if (!Array.isArray(p?.entries) || !Array.isArray(p.cut))
        throw new IndexFormatError(`search index piece "${name}" is not a typo piece`)
      return { vocab: new Vocabulary(p.entries as unknown as VocabEntry[]), cut: p.cut }
    })
    if (q && piece.cut.some((l) => Math.abs(l - key.length) <= max)) q.typoCut = true
    return piece.vocab.near(key, max, cap).map((c) => c.entry as unknown as ShardVocabEntry)
  }

  /** The doc blocks of these passages, fetched together. */
  private async docBlocks(ordinals: number[]): Promise<DocBlock[]> {
    const names = ordinals.map((o) => docBlockAt(this.meta.docs.names, this.docFirst, shardOf(this.docFirst, o)))
    if (names.some((n) => n === undefined))
      throw new IndexFormatError('search index names a passage past its doc blocks')
    return this.pieces.getAll(names as string[], (name) => parseJson<DocBlock>(name))
  }

  async sections(): Promise<string[]> {
    return this.pieces.get(this.meta.sections, parseJson<string[]>(this.meta.sections))
  }

  lookup(slug: string): Promise<{ article: ArticleRef; alias?: string } | undefined> {
    return this.catalog.lookup(slug)
  }

  list(opts: { cursor?: string; limit: number; prefix?: string }): Promise<ArticlePage> {
    return this.catalog.list(opts)
  }

  async suggest(q: string, limit: number): Promise<string[]> {
    // completions() folds the last word itself; fetch the entries of every prefix it might ask for.
    // (the same steps as completions(), up to the key it looks up)
    const text = cleanQuery(q).replace(/\s+/gu, ' ').replace(/^ /, '')
    const last = text.slice(text.lastIndexOf(' ') + 1)
    const lead = last.search(/[\p{L}\p{N}]/u)
    const key = lead < 0 ? '' : fold(last.slice(lead))
    if (!key || text.endsWith(' ') || Math.floor(limit) <= 0) return []
    return completions(new Vocabulary(sortEntries(await this.prefixEntries(key))), q, limit)
  }

  async search(req: SearchRequest): Promise<AttributedAnswer> {
    return this.run(req, true)
  }

  private async run(req: SearchRequest, withSuggestion: boolean): Promise<AttributedAnswer> {
    const parsed = searchableQuery(req.q)
    const q = await this.prepare(parsed, this.synonyms.find(parsed.positive))
    const { offset, limit } = pageOf(req)
    // Frequent words first answer from their heads; their tails are read only when the heads cannot
    // fill the page (a rare combination, a filter, a deep page).
    let { ranked, units } = await this.rank(parsed, req, q, false)
    let approximate = q.cut && ranked.length >= offset + limit
    if (q.cut && !approximate) {
      q.cut = false
      ;({ ranked, units } = await this.rank(parsed, req, q, true))
      approximate = q.cut
    }
    const marks = highlights(units)
    if (req.category !== undefined) {
      // Categories live in the article directory, read for the passages facets count: the filter sees
      // those, so past FACET_SCAN ranked passages it is approximate, as the facets are.
      const wanted = req.category.toLowerCase()
      const scanned = ranked.slice(0, FACET_SCAN)
      const rows = await this.articlesOf(scanned.map((s) => s.ordinal))
      if (ranked.length > scanned.length) approximate = true
      ranked = scanned.filter((s) => rows?.get(s.ordinal)?.[3]?.some((c) => c.toLowerCase() === wanted))
    }
    const counted = ranked.slice(0, FACET_SCAN)
    const attributions = new Map<string, Attribution>()
    const shape = async (list: Scored[]): Promise<SearchHit[]> => {
      const blocks = await this.docBlocks(list.map((s) => s.ordinal))
      return list.map((s, i) =>
        this.hit(s, blocks[i]!, tokensOf(q.gathered.get(s.ordinal)!, true), marks, attributions),
      )
    }
    // Ungrouped, the page's doc blocks do not wait for the article directory: one round trip for both.
    const grouped = req.group === 'article'
    const [articles, plain] = await Promise.all([
      this.articlesOf(counted.map((s) => s.ordinal)),
      grouped ? undefined : shape(ranked.slice(offset, offset + limit)),
    ])
    const facets = this.facets(counted, articles, q, approximate || ranked.length > counted.length)
    let results: SearchHit[]
    let total = ranked.length
    if (grouped && articles) {
      // One hit per article, in the order of its best passage; its next best ride under it.
      const groups = new Map<string, Scored[]>()
      for (const s of counted) {
        const slug = articles.get(s.ordinal)?.[1] ?? ''
        const list = groups.get(slug)
        if (!list) groups.set(slug, [s])
        else if (list.length <= SUB_RESULTS) list.push(s)
      }
      total = groups.size
      const page = [...groups.values()].slice(offset, offset + limit)
      const hits = await shape(page.flat())
      let at = 0
      results = page.map((list) => {
        const [best, ...rest] = hits.slice(at, (at += list.length))
        return rest.length > 0 ? { ...best!, sub_results: rest } : best!
      })
    } else results = plain ?? (await shape(ranked.slice(offset, offset + limit)))
    const answer: AttributedAnswer = {
      query: parsed.canonical,
      total,
      results,
      ...(facets ? { facets } : {}),
      attributions: [...attributions.values()],
      ...(approximate || q.typoCut || q.prefixCut ? { approximate: true } : {}),
      ...(q.expansions && q.expansions.length > 0 ? { expansions: q.expansions } : {}),
    }
    if (withSuggestion && ranked.length < 2) {
      const suggestion = await this.didYouMean(parsed, req, ranked.length, q)
      if (suggestion) answer.suggestion = suggestion
    }
    return answer
  }

  /** Fetches what expanding the query needs: its terms, its last word's completions, typo candidates. */
  private async prepare(parsed: ParsedQuery, synonyms: SynonymMatch[]): Promise<Query> {
    const q: Query = {
      byString: new Map(),
      byId: new Map(),
      idTerms: new Map(),
      vocab: new Vocabulary([]),
      gathered: new Map(),
      entries: new Map(),
      synonyms,
    }
    const all = [...parsed.positive, ...parsed.negative]
    const addEntries = (list: ShardVocabEntry[]) => {
      for (const e of list) {
        q.entries.set(e[0], e)
        q.idTerms.set(e[1], e[5])
      }
    }
    const words = all.flatMap((u) => [u.term, ...u.parts.map((p) => p.term)])
    const synonymWords = synonyms.flatMap((m) => m.others.flatMap((o) => o.terms))
    await Promise.all([
      this.termsByString(synonymWords, q.byString),
      this.termsByString(words, q.byString),
      ...parsed.positive
        .filter((u) => u.prefix && u.key.length >= MIN_PREFIX)
        .map(async (u) => addEntries(this.completionsWithin(u.key, await this.prefixEntries(u.key), words, q))),
    ])
    // Typo candidates for words neither indexed nor completed (as expand.ts decides), and for did-you-mean.
    const prefixVocab = new Vocabulary(sortEntries([...q.entries.values()]))
    const typos: Promise<ShardVocabEntry[]>[] = []
    for (const u of parsed.positive) {
      if (u.type !== 'word' || u.key.length > MAX_TYPO_LEN) continue
      const seqKnown = u.parts.length > 1 && u.parts.every((p) => q.byString.has(p.term))
      const known = q.byString.has(u.term) || seqKnown
      if (known) continue
      const completed =
        u.prefix && u.key.length >= MIN_PREFIX && prefixVocab.prefixed(u.key, 64).some((e) => e[0] !== u.key)
      if (!completed) typos.push(this.nearEntries(u.key, tolerance(u.key, false), TYPO_CAP, q))
    }
    for (const list of await Promise.all(typos)) addEntries(list)
    q.vocab = new Vocabulary(sortEntries([...q.entries.values()]))
    return q
  }

  /**
   * Ranks the query's passages; `full` reads frequent terms' tails too, best tiers first and at most
   * maxTailChunks tiers in all (a stopword's tail is megabytes): `q.cut` tells whether any was left out.
   */
  private async rank(
    parsed: ParsedQuery,
    req: SearchRequest,
    q: Query,
    full: boolean,
  ): Promise<{ ranked: Scored[]; units: Expanded[] }> {
    const table = { id: (t: string) => q.byString.get(t)?.id }
    const expanded = applySynonyms(
      parsed.positive.map((u) => expandUnit(u, table, q.vocab, true)),
      q.synonyms,
      table.id,
    )
    const units = expanded.units
    q.expansions = expanded.expansions
    const negatives = parsed.negative.map((u) => expandUnit(u, table, q.vocab, false))
    for (const t of q.byString.values()) q.byId.set(t.id, t)
    const needed = new Set<number>()
    for (const x of [...units, ...negatives]) {
      for (const a of x.alts) needed.add(a.term)
      for (const t of x.seq ?? []) needed.add(t)
      for (const seq of x.also ?? []) for (const t of seq) needed.add(t)
    }
    await this.termsById(needed, q)
    const lists = new Map<number, Int32Array[]>()
    // The tier budget, shared round-robin among the words with tails, the rarest first.
    const tailed = [...needed]
      .filter((id) => q.byId.get(id)!.row[4] !== undefined)
      .sort((x, y) => q.byId.get(x)!.df - q.byId.get(y)!.df)
    const budget = full ? this.maxTailChunks : 0
    const quota = (id: number): number => {
      const k = tailed.indexOf(id)
      return Math.floor(budget / tailed.length) + (k < budget % tailed.length ? 1 : 0)
    }
    await Promise.all(
      [...needed].map(async (id) => {
        const row = q.byId.get(id)!.row
        const tiers = (row[4] ?? []).slice(0, row[4] ? quota(id) : 0)
        if (row[4] && tiers.length < row[4].length) q.cut = true
        lists.set(id, [this.decoded(row), ...(await this.tailPostings(tiers))])
      }),
    )
    const df = (id: number) => q.byId.get(id)?.df ?? 0
    const stats: Stats = { ...this.stats, df }
    const ids = new Map([...needed].map((id) => [q.byId.get(id)!.row[0], id]))
    const retrieval = await Retrieval.open({
      postings: async (term) => lists.get(ids.get(term) ?? -1),
      passages: this.stats.passages,
      avgLength: this.stats.avgLength,
    })
    // Each unit's terms: its alternatives, or its sequences' rarest words (a phrase is verified when scored).
    const termsOf = (x: Expanded): string[] => {
      const terms = x.alts.map((a) => q.byId.get(a.term)!.row[0])
      for (const seq of x.also ? [x.seq, ...x.also] : [x.seq]) {
        if (seq) terms.push(q.byId.get(seq.reduce((a, b) => (df(a) <= df(b) ? a : b)))!.row[0])
      }
      return terms
    }
    const gathered = q.gathered
    /** Gathers the occurrences of every needed term in these passages. */
    const gather = (pool: Set<number>): void => {
      gathered.clear()
      for (const [id, chunks] of lists)
        for (const list of chunks) walk(list, (o, at) => pool.has(o) && gatherAt(gathered, id, o, list, at))
    }
    const keep = await this.filter(req)
    const required = units.map((x) => !x.unit.stop)
    const requiredCount = required.filter(Boolean).length
    const tokens = new Map<number, PassageTokens>()
    const tokensAt = (o: number): PassageTokens => {
      let t = tokens.get(o)
      if (!t) tokens.set(o, (t = tokensOf(gathered.get(o)!)))
      return t
    }
    const excluded = (x: Expanded, o: number): boolean => {
      const p = tokensAt(o)
      if (x.alts.some((a) => p.positions.has(a.term))) return true
      return x.seq !== null && phraseStarts(p, x.seq).length > 0
    }
    const score = (pool: Set<number>): Scored[] => {
      gather(pool)
      tokens.clear()
      const out: Scored[] = []
      for (const o of pool) {
        if (!keep(o, gathered.get(o)!) || negatives.some((n) => excluded(n, o))) continue
        const s = scorePassage(
          o,
          units,
          required,
          tokensAt(o),
          stats,
          kindWeight(PASSAGE_KINDS[gathered.get(o)!.secKind % 8]),
        )
        if (s) out.push(s)
      }
      return out
    }
    // The monolithic engine scores every candidate, then keeps those matching every required unit if
    // any does. Only a passage among every required unit's candidates can, so those are scored first;
    // the rest only when none of them matches all.
    // FlexSearch lists candidates best impact slot first: past maxScored, the rest are left out (the
    // answer is then approximate), so a stopword's thousands of passages cost what a page needs.
    const best = (candidates: Set<number>): Set<number> => {
      if (candidates.size <= this.maxScored) return candidates
      q.cut = true
      return new Set([...candidates].slice(0, this.maxScored))
    }
    let scored: Scored[] = []
    if (requiredCount >= 2) {
      const all = await retrieval.intersection(units.filter((_, i) => required[i]).map(termsOf))
      scored = score(best(all)).filter((s) => s.matched === requiredCount)
    }
    if (scored.length === 0) {
      const pool = await retrieval.union(units.flatMap(termsOf))
      scored = score(best(pool))
      if (scored.some((s) => s.matched === requiredCount)) scored = scored.filter((s) => s.matched === requiredCount)
    }
    scored.sort(compareScored)
    q.tokens = tokens
    return { ranked: scored, units }
  }

  /** The directory row of each of these passages' articles (none when the index has no directory). */
  private async articlesOf(ordinals: number[]): Promise<Map<number, DirectoryRow> | null> {
    const names = this.meta.directory?.names
    if (!names) return null
    const first = this.directoryFirst
    const wanted = [...new Set(ordinals.map((o) => shardOf(first, o)))]
    const pieces = await this.pieces.getAll(
      wanted.map((i) => names[i]!),
      (name) => (text) => {
        const rows = parseJson<DirectoryRow[]>(name)(text)
        if (!Array.isArray(rows)) throw new IndexFormatError(`search index piece "${name}" is not an article directory`)
        return rows
      },
    )
    const byPiece = new Map(wanted.map((i, k) => [i, { rows: pieces[k]!, firsts: pieces[k]!.map((r) => r[0]) }]))
    const out = new Map<number, DirectoryRow>()
    for (const o of ordinals) {
      const { rows, firsts } = byPiece.get(shardOf(first, o))!
      const row = rows[shardOf(firsts, o)]
      if (row) out.set(o, row)
    }
    return out
  }

  /** Counts of these ranked passages by article, kind and category. */
  private facets(
    counted: Scored[],
    articles: Map<number, DirectoryRow> | null,
    q: Query,
    approximate: boolean,
  ): Facets | undefined {
    if (!articles) return undefined
    const byArticle = new Map<string, FacetCount>()
    const byKind = new Map<string, FacetCount>()
    const byCategory = new Map<string, FacetCount>()
    const count = (map: Map<string, FacetCount>, value: string, title?: string) => {
      const c = map.get(value)
      if (c) c.count++
      else map.set(value, title === undefined ? { value, count: 1 } : { value, title, count: 1 })
    }
    for (const s of counted) {
      const row = articles.get(s.ordinal)
      if (row) {
        count(byArticle, row[1], row[2])
        for (const c of row[3] ?? []) count(byCategory, c)
      }
      count(byKind, PASSAGE_KINDS[q.gathered.get(s.ordinal)!.secKind % 8] ?? 'paragraph')
    }
    const top = (map: Map<string, FacetCount>) =>
      [...map.values()].sort((a, b) => b.count - a.count || (a.value < b.value ? -1 : 1)).slice(0, FACET_VALUES)
    return {
      articles: top(byArticle),
      kinds: top(byKind),
      categories: top(byCategory),
      counted: counted.length,
      ...(approximate ? { approximate: true as const } : {}),
    }
  }

  private async filter(req: SearchRequest): Promise<(ordinal: number, g: Gathered) => boolean> {
    const kind = req.kind === undefined ? -1 : PASSAGE_KINDS.indexOf(req.kind as PassageKind)
    let range: [number, number] | null = null
    if (req.article !== undefined) {
      const found = await this.lookup(req.article)
      range = found ? [found.article.first, found.article.first + found.article.count] : [0, 0]
    }
    let section = -2
    if (req.section !== undefined) section = (await this.sections()).indexOf(req.section)
    return (o, g) => {
      if (kind !== -1 && g.secKind % 8 !== kind) return false
      if (range && (o < range[0] || o >= range[1])) return false
      if (section !== -2) {
        const own = Math.floor(g.secKind / 8)
        if (section < 0 || (own !== section && g.par !== section + 1)) return false
      }
      return true
    }
  }

  private hit(
    s: Scored,
    block: DocBlock,
    tokens: PassageTokens,
    marks: ReturnType<typeof highlights>,
    attributions: Map<string, Attribution>,
  ): SearchHit {
    const passage = block.passages[s.ordinal - block.first]!
    const [a, id, title] = block.sections[passage[1]]!
    const [slug, articleTitle, attribution] = block.articles[a]!
    if (!attributions.has(slug)) attributions.set(slug, attribution)
    return shapeHit(s, passage, { id, title }, { slug, title: articleTitle }, tokens, marks)
  }

  private async didYouMean(
    parsed: ParsedQuery,
    req: SearchRequest,
    total: number,
    q: Query,
  ): Promise<string | undefined> {
    const table = { id: (t: string) => q.byString.get(t)?.id }
    const unknown = parsed.positive.filter((u) => u.type === 'word' && !expandUnit(u, table, q.vocab, false).known)
    const lists = await Promise.all(
      unknown.map((u) => this.nearEntries(u.key, suggestionTolerance(u.key), SUGGESTION_CAP)),
    )
    if (lists.some((l) => l.length > 0)) {
      for (const l of lists)
        for (const e of l) {
          q.entries.set(e[0], e)
          q.idTerms.set(e[1], e[5])
        }
      q.vocab = new Vocabulary(sortEntries([...q.entries.values()]))
    }
    const replace = new Map<QUnit, string>()
    for (const u of parsed.positive) {
      if (u.type !== 'word' || expandUnit(u, table, q.vocab, false).known) continue
      const near = q.vocab.near(u.key, suggestionTolerance(u.key), SUGGESTION_CAP)
      const best = near.find((c) => c.entry[4] === 1) ?? near[0]
      if (best) replace.set(u, (best.entry[3] || best.entry[0]).toLowerCase())
    }
    if (replace.size === 0) return undefined
    const corrected = renderQuery(parsed.items, replace)
    const again = await this.run({ ...req, q: corrected, offset: 0, limit: 0 }, false)
    return again.total > total ? again.query : undefined
  }
}

interface Query {
  byString: Map<string, Term>
  byId: Map<number, Term>
  /** Term id → term string, from the vocabulary entries loaded. */
  idTerms: Map<number, string>
  vocab: Vocabulary
  entries: Map<string, ShardVocabEntry>
  gathered: Map<number, Gathered>
  tokens?: Map<number, PassageTokens>
  /** Whether ranking left out the tail of a frequent term. */
  cut?: boolean
  /** Whether a typo search looked at only the most frequent words of a length. */
  typoCut?: boolean
  /** Whether a last word's completions were left out because they lie in too many shards. */
  prefixCut?: boolean
  /** Where the query says a phrase of a synonym group, and what that expanded to. */
  synonyms: SynonymMatch[]
  expansions?: Expansion[]
}

/** Sorted by key, as Vocabulary expects (its entries are the first five fields; the sixth rides along). */
function sortEntries(list: ShardVocabEntry[]): VocabEntry[] {
  return list.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0)) as unknown as VocabEntry[]
}
