/**
 * @module The article directory as a query reads it: a passage's article and its place in slug order
 * from the meta (no read), titles and categories from their pieces, fetched together through the
 * piece cache and checked for their shape.
 */
import { IndexFormatError } from '../search/types.ts'
import type { PieceCache } from '../shards/cache.ts'
import { articleTitle, type ArticleTitle, type DirectoryTitle } from '../shards/directory.ts'
import { decodeAscending, decodeDeltas, lastAtMost, type ArticleDirectoryMeta } from '../shards/format.ts'
import { nameAt } from '../storage/keys.ts'
import { parsePiece } from '../shards/json-spans.ts'

/**
 * Heap bytes per character of a parsed directory piece, for the cache's budget: rows of short strings, charged
 * as the old directory's rows measured (3.4) rounded up.
 */
const DIRECTORY_HEAP_PER_CHAR = 4

/**
 * Each row's title as facets list it, made once per row the cache holds (a slug is a slugify of the title)
 * rather than once per query; it goes when the cache lets the row's piece go.
 */
const titleOfRow = new WeakMap<DirectoryTitle, ArticleTitle>()

function titleOf(row: DirectoryTitle): ArticleTitle {
  let title = titleOfRow.get(row)
  if (!title) titleOfRow.set(row, (title = articleTitle(row)))
  return title
}

export class ArticleDirectory {
  private readonly first: Int32Array
  private readonly order: Int32Array

  constructor(
    private readonly meta: ArticleDirectoryMeta,
    private readonly cache: PieceCache,
  ) {
    try {
      this.first = decodeAscending(meta.first)
      this.order = decodeDeltas(meta.order)
    } catch {
      throw new IndexFormatError('search index meta has a corrupt article directory')
    }
    if (this.order.length !== this.first.length)
      throw new IndexFormatError('search index meta has a corrupt article directory')
  }

  /** The article (its place in ordinal order) that passage `ordinal` belongs to. */
  articleOf(ordinal: number): number {
    return lastAtMost(this.first, ordinal)
  }

  /** An article's place in slug order. */
  slugOrder(article: number): number {
    return this.order[article] ?? -1
  }

  /** Slugs are made (most from their titles) only for the articles asked for, not for each row of a piece. */
  async titles(articles: Iterable<number>): Promise<Map<number, ArticleTitle>> {
    const rows = await this.rows(this.meta.titles, articles, (name, rows) => {
      if (!rows.every((r) => Array.isArray(r) && typeof r[0] === 'string'))
        throw new IndexFormatError(`search index piece "${name}" is not an article directory`)
      return rows as DirectoryTitle[]
    })
    return new Map([...rows].map(([article, row]) => [article, titleOf(row)]))
  }

  /** Each article's categories (none when no article of the index has any). */
  categories(articles: Iterable<number>): Promise<Map<number, string[]>> {
    if (!this.meta.categories) return Promise.resolve(new Map())
    return this.rows(this.meta.categories, articles, (name, rows) => {
      if (!rows.every(Array.isArray))
        throw new IndexFormatError(`search index piece "${name}" is not an article directory`)
      return rows as string[][]
    })
  }

  /** The rows of these articles, from the pieces of `per` consecutive articles that hold them. */
  private async rows<T>(
    pieces: { per: number; names: string },
    articles: Iterable<number>,
    parse: (name: string, rows: unknown[]) => T[],
  ): Promise<Map<number, T>> {
    const wanted = [...new Set(articles)].filter((a) => a >= 0 && a < this.first.length)
    const indices = [...new Set(wanted.map((a) => Math.floor(a / pieces.per)))]
    const names = indices.map((i) => nameAt(pieces.names, i))
    if (names.some((n) => n === undefined))
      throw new IndexFormatError('search index names an article past its directory')
    const loaded = await this.cache.getAll(
      names as string[],
      (name) => (text) => {
        const rows = parsePiece<unknown[]>(name, text)
        if (!Array.isArray(rows)) throw new IndexFormatError(`search index piece "${name}" is not an article directory`)
        return parse(name, rows)
      },
      DIRECTORY_HEAP_PER_CHAR,
    )
    const byPiece = new Map(indices.map((i, k) => [i, loaded[k]!]))
    const out = new Map<number, T>()
    for (const a of wanted) {
      const row = byPiece.get(Math.floor(a / pieces.per))![a % pieces.per]
      if (row !== undefined) out.set(a, row)
    }
    return out
  }
}
