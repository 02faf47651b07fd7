/**
 * @module Build time: one pass over the analysis of the articles (./analysis.ts, streamed: doc
 * blocks and models are stored as they come, postings gathered), then the term shards, the vocabulary
 * and the catalog. The analysis is the monolithic index's (src/core/search/build.ts), so term ids,
 * vocabulary entries, document frequencies and positions are the same.
 */
import { aliasesByTarget } from '../search/fields.ts'
import { usage } from '../search/vocab-build.ts'
import { compareKeys } from '../search/vocab.ts'
import type { Article } from '../model.ts'
import { analyze, type AnalysisBatch, type AnalysisEnd, type ArticleInfo } from './analysis.ts'
import { tiersByImpact } from './heads.ts'
import { PostingsBuilder } from './postings-builder.ts'
import { TermSample } from './term-sample.ts'
import { crossingTops, typoPieces } from './vocab-pieces.ts'
import { packTopShards } from './top-shards.ts'
import { writeDirectory, type DirectoryArticle, type DirectoryPieceSizes } from './directory.ts'
import {
  encodeAscending,
  encodeNumbers,
  encodedLength,
  packShardStarts,
  separator,
  titleKey,
  termHash,
  type ShardMeta,
  type ShardVocabEntry,
  type SlugRow,
  type TailTierRef,
  type TermRow,
  type TermShard,
  type TitleRow,
} from './format.ts'
import { docBlockName, pieceName, placedHash, sha256Hex, termShardName } from '../storage/keys.ts'
import { FORMAT_VERSION } from '../storage/format-version.ts'
import { utf8Bytes } from '../storage/utf8.ts'

export interface ShardOptions {
  /** Target size of a term shard (characters of JSON). */
  termShard?: number
  /**
   * A term whose postings exceed this (characters) keeps only its head in its shard: its passages of
   * highest BM25 impact, about this much; the rest goes to tail chunks.
   */
  headBytes?: number
  /** Size of a tail tier (characters): past its head, a frequent term's postings go to tiers of decreasing impact. */
  bigTerm?: number
  /**
   * Typo candidates per word length: the most frequent entries of each length a typo piece holds (a
   * length with more keeps only these; a query's typo search is then approximate).
   */
  typoHead?: number
  docBlock?: number
  catalogPage?: number
  /** Articles per article directory piece: titles (the facets' top articles read them) and categories. */
  directory?: DirectoryPieceSizes
  /** Top entries kept for a prefix that crosses vocabulary shards (>= the engine's caps). */
  topAll?: number
  topSuggest?: number
  /** Hex SHA-256 of a string; default crypto.subtle (async). A build in Node may pass a synchronous one. */
  hash?: (text: string) => string | Promise<string>
  /** Synonym groups (the corpus's synonyms file), stored in the meta. */
  synonyms?: string[][]
}

export const DEFAULTS: Required<Omit<ShardOptions, 'hash' | 'synonyms'>> = {
  termShard: 40 * 1024,
  headBytes: 32 * 1024,
  bigTerm: 48 * 1024,
  typoHead: 256,
  docBlock: 8 * 1024,
  catalogPage: 48 * 1024,
  directory: { titles: 16, categories: 256 },
  topAll: 64,
  topSuggest: 200,
}

/** Where pieces go: called once per piece (with its value's hex SHA-256), in build order; may write them out at once. */
export type Sink = (name: string, value: string, sha256: string) => void | Promise<void>

export interface ShardBuild {
  meta: ShardMeta
  /** The meta piece as stored (its name is content-addressed too). */
  metaName: string
  metaValue: string
  /** Every piece name, meta last. */
  names: string[]
  bytes: number
  /** Terms to check the stored pieces against, with their passages from the in-memory postings. */
  sample: TermSample
}

/**
 * Articles to analyze here, or batches `analyze` made elsewhere (a worker thread), their doc blocks
 * already cut at the size it was given.
 */
export type ShardSource = Iterable<Article> | AsyncIterable<Article> | { analyzed: AsyncIterable<AnalysisBatch> }

export async function buildShards(
  source: ShardSource,
  aliases: Record<string, string>,
  sink: Sink,
  options: ShardOptions = {},
  /**
   * Receives each article (what the build needs of it), its model (JSON) and its SHA-256; where the model
   * is stored is the caller's business.
   */
  onArticle: (article: ArticleInfo, json: string, sha256: string) => void | Promise<void> = () => {},
): Promise<ShardBuild> {
  const o = { ...DEFAULTS, ...options }
  const hash = options.hash ?? sha256Hex
  const names: string[] = []
  let bytes = 0
  const written = new Set<string>()
  const put = async (value: string, nameOf: (sha256: string) => string = pieceName): Promise<string> => {
    const sha256 = await hash(value)
    const name = nameOf(sha256)
    // Content-addressed: two equal pieces (two empty typo pieces, say) are one key, written once.
    if (written.has(name)) return name
    written.add(name)
    names.push(name)
    bytes += value.length
    await sink(name, value, sha256)
    return name
  }

  const terms: string[] = []
  const postings = new PostingsBuilder()
  const docFirst: number[] = []
  const docHashes: string[] = []
  let docMost = 0
  const slugRows: SlugRow[] = []
  const titleRows: TitleRow[] = []
  const directoryArticles: DirectoryArticle[] = []
  const seenSlugs = new Set<string>()
  let end: AnalysisEnd | undefined
  const batches =
    'analyzed' in source ? source.analyzed : analyze(source, o.docBlock, undefined, aliasesByTarget(aliases))
  for await (const batch of batches) {
    for (const t of batch.terms) {
      terms.push(t)
      postings.addTerm()
    }
    postings.replay(batch.events)
    for (const item of batch.items) {
      if ('block' in item) {
        docFirst.push(item.first)
        docMost = Math.max(docMost, utf8Bytes(item.block))
        docHashes.push(placedHash(await put(item.block, (sha256) => docBlockName(item.first, sha256))))
        continue
      }
      const { article, json } = item
      const modelHash = await hash(json)
      await onArticle(article, json, modelHash)
      seenSlugs.add(article.slug)
      slugRows.push([article.slug, article.first, article.passages, modelHash, article.title])
      titleRows.push([article.slug, article.title, article.attribution])
      if (article.passages > 0)
        directoryArticles.push({
          first: article.first,
          slug: article.slug,
          title: article.title,
          categories: article.categories ?? [],
        })
    }
    end ??= batch.end
  }
  if (!end) throw new Error('wylb build: the analysis ended without its last batch')
  const { totalLength, passages: ordinal, sectionCount } = end
  const sectionIds = end.sections

  // Term ids: hashes of the terms (stable across builds), collisions probed in sorted order.
  const order = terms.map((_, i) => i).sort((a, b) => compareKeys(terms[a]!, terms[b]!))
  const finalId = new Int32Array(terms.length)
  const taken = new Set<number>()
  for (const t of order) {
    let id = termHash(terms[t]!)
    while (taken.has(id)) id = (id + 1) & 0x7fffffff
    taken.add(id)
    finalId[t] = id
  }
  taken.clear()
  const avgLength = totalLength / Math.max(1, ordinal)

  // Each term's row (a frequent term's tail goes out now), and where the shards start.
  const rows: TermRow[] = new Array(order.length)
  const sample = new TermSample()
  const starts: number[] = []
  let size = o.termShard
  for (let rank = 0; rank < order.length; rank++) {
    const t = order[rank]!
    const list = postings.list(t)
    let head: string
    let tail: TailTierRef[] | undefined
    if (encodedLength(list) > o.headBytes) {
      const [first, ...rest] = tiersByImpact(list, o.headBytes, o.bigTerm, avgLength)
      head = encodeNumbers(first!)
      tail = []
      for (const tier of rest) {
        const text = encodeNumbers(tier)
        tail.push([await put(text), utf8Bytes(text)])
      }
    } else head = encodeNumbers(list)
    const df = postings.df(t)
    sample.offer(terms[t]!, df, list)
    rows[rank] = tail ? [terms[t]!, finalId[t]!, df, head, tail] : [terms[t]!, finalId[t]!, df, head]
    // A row that would take a shard past its size starts the next one: a frequent word's head (up to
    // headBytes) then never doubles the shard a query reads for it.
    const rowSize = head.length + terms[t]!.length + 16
    if (size >= o.termShard || (size > 0 && size + rowSize > o.termShard)) {
      starts.push(rank)
      size = 0
    }
    size += rowSize
  }
  postings.clear()
  const first = starts.map((rank, s) => (s === 0 ? '' : separator(rows[rank - 1]![0], rows[rank]![0])))

  // The vocabulary, as the monolithic build makes it, with final term ids; each entry goes to the
  // shard whose range holds its key.
  const vocabEntries: ShardVocabEntry[] = end.forms
    .sort(([x], [y]) => compareKeys(x, y))
    .map(([key, form]) => {
      const { freq, display } = usage(form)
      return [key, finalId[form.term]!, freq, display === key ? '' : display, form.suggest ? 1 : 0, terms[form.term]!]
    })
  end.forms.length = 0
  for (const e of vocabEntries) sample.offerWord(e[0], e[2])
  const tops = crossingTops(first, vocabEntries, o.topAll, o.topSuggest)
  const shardNames: string[] = []
  let e = 0
  for (let s = 0; s < starts.length; s++) {
    const end = s + 1 < starts.length ? starts[s + 1]! : rows.length
    const next = first[s + 1]
    const from = e
    while (e < vocabEntries.length && (next === undefined || vocabEntries[e]![0] < next)) e++
    const group = tops.get(s)
    const shard: TermShard = {
      rows: rows.slice(starts[s], end),
      vocab: vocabEntries.slice(from, e),
      ...(group ? { tops: group } : {}),
    }
    shardNames.push(placedHash(await put(JSON.stringify(shard), (sha256) => termShardName(s, sha256))))
  }
  rows.length = 0

  const typos: ShardMeta['typos'] = {}
  for (const [len, piece] of typoPieces(vocabEntries, o.typoHead)) typos[len] = await put(JSON.stringify(piece))
  // The catalog: by slug (articles and aliases) and by title.
  for (const [alias, target] of Object.entries(aliases)) {
    if (!seenSlugs.has(alias) && seenSlugs.has(target)) slugRows.push([alias, target])
  }
  slugRows.sort((a, b) => compareKeys(a[0], b[0]))
  const slugs: ShardMeta['slugs'] = { first: [], keys: [] }
  for (const page of pages(slugRows, o.catalogPage)) {
    slugs.first.push(page[0]![0])
    slugs.keys.push(await put(JSON.stringify(page)))
  }
  titleRows.sort((a, b) => compareKeys(titleKey(a[1]), titleKey(b[1])) || compareKeys(a[0], b[0]))
  const titles: ShardMeta['titles'] = { first: [], offset: [], keys: [] }
  let offset = 0
  for (const page of pages(titleRows, o.catalogPage)) {
    titles.first.push(titleKey(page[0]![1]))
    titles.offset.push(offset)
    titles.keys.push(await put(JSON.stringify(page)))
    offset += page.length
  }

  // The article directory, in ordinal order (the order articles were analyzed in).
  const directory = await writeDirectory(directoryArticles, o.directory, put)

  const meta: ShardMeta = {
    format: FORMAT_VERSION,
    counts: {
      articles: seenSlugs.size,
      aliases: slugRows.length - seenSlugs.size,
      sections: sectionCount,
      passages: ordinal,
      terms: terms.length,
      vocab: vocabEntries.length,
    },
    avgLength,
    sections: await put(JSON.stringify(sectionIds)),
    terms: { first: packShardStarts(first), names: shardNames.join(''), topShards: packTopShards(first, tops) },
    typos,
    docs: { first: encodeAscending(docFirst), names: docHashes.join(''), most: docMost },
    slugs,
    titles,
    ...(options.synonyms && options.synonyms.length > 0 ? { synonyms: options.synonyms } : {}),
    directory,
  }
  const metaValue = JSON.stringify(meta)
  const metaName = await put(metaValue)
  return { meta, metaName, metaValue, names, bytes, sample }
}

/** Splits rows into pages of about `target` characters of JSON. */
function* pages<T>(rows: T[], target: number): Generator<T[]> {
  let page: T[] = []
  let size = 0
  for (const row of rows) {
    page.push(row)
    size += JSON.stringify(row).length + 1
    if (size >= target) {
      yield page
      page = []
      size = 0
    }
  }
  if (page.length > 0) yield page
}
