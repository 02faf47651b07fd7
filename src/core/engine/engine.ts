/**
 * @module The search engine over a sharded index in KV: it opens the index (its meta piece) and answers a
 * query stage by stage, every piece a stage needs fetched in parallel through the byte-bounded piece
 * cache: the query language parses it (src/core/search/query.ts), ./plan.ts looks up its terms and
 * plans its reads, ./rank.ts reads their postings and ranks the passages, ./shape.ts shapes the answer
 * and ./did-you-mean.ts suggests a correction.
 */
import { cleanQuery, searchableQuery } from '../search/query.ts'
import { fold } from '../search/normalize.ts'
import type { Stats } from '../search/score.ts'
import { completions } from '../search/suggest.ts'
import { Synonyms } from '../search/synonyms.ts'
import { IndexFormatError, type AttributedAnswer, type SearchRequest, type Searcher } from '../search/types.ts'
import { Vocabulary } from '../search/vocab.ts'
import { PieceCache, type CacheStats } from '../shards/cache.ts'
import { Catalog, type ArticlePage, type ArticleRef } from '../shards/catalog.ts'
import { decodeAscending, type ShardMeta } from '../shards/format.ts'
import { FORMAT_VERSION } from '../storage/format-version.ts'
import { utf8Bytes } from '../storage/utf8.ts'
import { didYouMean } from './did-you-mean.ts'
import { ArticleDirectory } from './directory.ts'
import { inCategory, passageFilter } from './filters.ts'
import { parsePiece } from '../shards/json-spans.ts'
import { IndexPieces, sortEntries } from './pieces.ts'
import { lookUpTerms, planRanking, type TermLookup } from './plan.ts'
import { rank } from './rank.ts'
import { pageOf, shapeAnswer, totalOf, type Ranked } from './shape.ts'

/**
 * The piece cache's budget, in heap bytes as it estimates them (src/core/shards/cache.ts): with the heap the
 * engine's modules take and a query's own garbage, an isolate's heap peaks at about twice what it holds live.
 * 8 MB, not 12: 10,000 random queries at 100 MB peaked at 51 MB instead of 57 (the floor is 64, and the
 * Worker holds answers and articles beside it) for the same CPU (a mean of 2.06 ms against 2.03), with
 * 16.7 KV reads a query instead of 14.2 (the working set of random queries is several times either).
 */
export const DEFAULT_CACHE_BYTES = 8 * 1024 * 1024
/**
 * Tail tiers (~48 KB each, best passages first) one query reads in all, shared among its frequent
 * words: a phrase of two frequent words reads ~144 KB of tails, not megabytes, and scores thousands of
 * passages, not a stopword's million (CPU and the isolate's 128 MB); the answer is then `approximate`.
 */
export const MAX_TAIL_CHUNKS = 3
/**
 * Bytes (UTF-8, as KV stores them) a cold query reads at most, the pointer with its meta included, for
 * a page of ten: what a fresh isolate's first query costs in KV bandwidth and time. Tail tiers are the
 * one read a query can do without, so they are read only within what the rest leaves (./plan.ts).
 */
export const COLD_QUERY_BYTES = 512 * 1024
/**
 * The hits a cold query's budget sets doc blocks aside for: a page of ten, the API's default. A larger
 * page reads its extra blocks past the budget rather than reading fewer tails, so the tails a query
 * reads, and so its hits, do not depend on its page's size (at 100 MB a page of 50 sets aside ~520 KB).
 */
export const BUDGET_PAGE = 10
/**
 * Set aside beside the meta and the page's doc blocks: the pointer's manifest (~3 KB) and the title
 * pieces of the articles the facets list (at most 20, ~0.4 KB each).
 */
export const POINTER_AND_TITLES_BYTES = 16 * 1024
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

export type { ArticlePage, ArticleRef } from '../shards/catalog.ts'

export interface ShardedSearch extends Searcher {
  readonly meta: ShardMeta
  /** An article by slug, or by alias (`alias` then names the canonical slug). */
  lookup(slug: string): Promise<{ article: ArticleRef; alias?: string } | undefined>
  /** Articles in title order, `limit` at a time, optionally only titles starting with `prefix` (case-insensitive). */
  list(opts: { cursor?: string; limit: number; prefix?: string }): Promise<ArticlePage>
  cache(): CacheStats
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
    /** The most bytes a cold query reads (tail tiers past it are left out: the answer is `approximate`). */
    coldQueryBytes?: number
  } = {},
): Promise<ShardedSearch> {
  const cache =
    options.cache ?? new PieceCache(fetchPiece, options.cacheBytes ?? DEFAULT_CACHE_BYTES, options.fetchMany)
  const metaText = await fetchPiece(metaName)
  const meta = parsePiece<ShardMeta>(metaName, metaText)
  if (!meta || meta.format !== FORMAT_VERSION || !meta.terms || !meta.docs || !(meta.docs.most >= 0)) {
    throw new IndexFormatError(
      `sharded index format ${String(meta?.format)} is not the supported ${FORMAT_VERSION}; rebuild the index`,
    )
  }
  let docFirst: Int32Array
  try {
    docFirst = decodeAscending(meta.docs.first)
  } catch {
    throw new IndexFormatError(`search index piece "${metaName}" has a corrupt directory`)
  }
  const directory = meta.directory ? new ArticleDirectory(meta.directory, cache) : null
  return new Sharded(new IndexPieces(meta, cache, docFirst, directory), cache, {
    maxTailChunks: options.maxTailChunks ?? MAX_TAIL_CHUNKS,
    maxPrefixShards: options.maxPrefixShards ?? MAX_PREFIX_SHARDS,
    maxScored: options.maxScored ?? MAX_SCORED,
    lookupBytes: (options.coldQueryBytes ?? COLD_QUERY_BYTES) - utf8Bytes(metaText) - POINTER_AND_TITLES_BYTES,
  })
}

class Sharded implements ShardedSearch {
  readonly meta: ShardMeta
  private readonly stats: Omit<Stats, 'df'>
  private readonly catalog: Catalog
  private readonly synonyms: Synonyms

  constructor(
    private readonly pieces: IndexPieces,
    private readonly cached: PieceCache,
    private readonly limits: {
      maxTailChunks: number
      maxPrefixShards: number
      maxScored: number
      /** What a cold query may read beside the pointer, its meta and the facets' titles. */
      lookupBytes: number
    },
  ) {
    const meta = (this.meta = pieces.meta)
    this.stats = { passages: meta.counts.passages, avgLength: meta.avgLength }
    this.catalog = new Catalog(cached, { slugs: meta.slugs, titles: meta.titles, articles: meta.counts.articles })
    this.synonyms = new Synonyms(meta.synonyms)
  }

  cache(): CacheStats {
    return this.cached.stats()
  }

  sections(): Promise<string[]> {
    return this.pieces.sections()
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
    return completions(new Vocabulary(sortEntries(await this.pieces.prefixEntries(key, new Map()))), q, limit)
  }

  async search(req: SearchRequest): Promise<AttributedAnswer> {
    const found = await this.rankQuery(req)
    const answer = await shapeAnswer(req, found, this.pieces)
    if (found.ranked.length < 2) {
      const { parsed, terms } = found
      // Weighed in the answer's own units, as count() gives the corrected query's: articles when grouped.
      const suggestion = await didYouMean(parsed, req, answer.total, terms, this.pieces, (again) => this.count(again))
      if (suggestion) answer.suggestion = suggestion
    }
    return answer
  }

  /** The total a query's answer would give, and its canonical form: what did-you-mean weighs, no page shaped. */
  private async count(req: SearchRequest): Promise<{ query: string; total: number }> {
    const { parsed, ranked } = await this.rankQuery(req)
    return { query: parsed.canonical, total: totalOf(req, ranked, this.pieces.directory) }
  }

  private async rankQuery(req: SearchRequest): Promise<Ranked & { terms: TermLookup }> {
    const { pieces, limits } = this
    const parsed = searchableQuery(req.q)
    const terms = await lookUpTerms(parsed, this.synonyms.find(parsed.positive), pieces, limits.maxPrefixShards)
    const keep = await passageFilter(
      req,
      (slug) => this.lookup(slug),
      () => this.sections(),
    )
    const { offset, limit } = pageOf(req)
    // Frequent words first answer from their heads; their tails are read only when the heads cannot
    // fill the page with passages that hold every word (a rare combination, a filter, a deep page):
    // heads that share no passage are no reason to answer with passages holding some of the words.
    // When the plan left no tail out, there is nothing more to read: a second pass would rank the
    // same postings again.
    let plan = await planRanking(parsed, terms, pieces, { tiers: 0, bytes: 0 })
    let ranking = await rank(plan, keep, pieces, this.stats, { maxScored: limits.maxScored, tailsNext: plan.cut })
    let approximate = ranking.cut && !ranking.partial && ranking.ranked.length >= offset + limit
    if (ranking.cut && !approximate) {
      if (plan.cut) {
        // The page's doc blocks come after the tails, so their share is set aside first.
        const bytes = limits.lookupBytes - BUDGET_PAGE * pieces.meta.docs.most
        plan = await planRanking(parsed, terms, pieces, { tiers: limits.maxTailChunks, bytes })
        ranking = await rank(plan, keep, pieces, this.stats, { maxScored: limits.maxScored, tailsNext: false })
      }
      approximate = ranking.cut
    }
    let ranked = ranking.ranked
    if (req.category !== undefined) {
      const filtered = await inCategory(ranked, req.category, pieces.directory)
      ranked = filtered.ranked
      approximate ||= filtered.approximate
    }
    return {
      parsed,
      units: plan.units,
      expansions: plan.expansions,
      ranked,
      gathered: ranking.gathered,
      approximate,
      lookupsCut: terms.typoCut || terms.prefixCut,
      terms,
    }
  }
}
