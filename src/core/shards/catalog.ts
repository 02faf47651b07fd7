/**
 * @module The article catalog: pages of articles by slug (passage range, model hash, alias target)
 * and by title (for `/v1/articles?prefix=&cursor=`), read a page at a time through the piece cache.
 */
import type { Attribution } from '../model.ts'
import type { PieceCache } from './cache.ts'
import { parsePiece } from './json-spans.ts'
import { shardOf, titleKey, type ShardMeta, type SlugRow, type TitleRow } from './format.ts'

export interface ArticleRef {
  slug: string
  title: string
  /** Passage ordinals [first, first + count). */
  first: number
  count: number
  sha256: string
}

export interface ArticlePage {
  articles: { slug: string; title: string; attribution: Attribution }[]
  /** Opaque: pass as `cursor` for the next page; absent on the last page. */
  next?: string
}

export interface CatalogDirs {
  slugs: ShardMeta['slugs']
  titles: ShardMeta['titles']
  articles: number
}

export class Catalog {
  constructor(
    private readonly pieces: PieceCache,
    readonly dirs: CatalogDirs,
  ) {}

  async lookup(slug: string): Promise<{ article: ArticleRef; alias?: string } | undefined> {
    const row = await this.slugRow(slug)
    if (!row) return undefined
    if (row.length === 2) {
      const target = await this.slugRow(row[1])
      return target && target.length === 5 ? { article: refOf(target), alias: target[0] } : undefined
    }
    return { article: refOf(row) }
  }

  private async slugRow(slug: string): Promise<SlugRow | undefined> {
    const { slugs } = this.dirs
    if (slugs.keys.length === 0) return undefined
    const name = slugs.keys[shardOf(slugs.first, slug)]!
    const page = await this.pieces.get(name, (text) => parsePiece<SlugRow[]>(name, text))
    return page.find((r) => r[0] === slug)
  }

  async list({ cursor, limit, prefix }: { cursor?: string; limit: number; prefix?: string }): Promise<ArticlePage> {
    const { titles } = this.dirs
    const total = this.dirs.articles
    const key = prefix === undefined ? '' : titleKey(prefix)
    let at = cursor !== undefined ? Number.parseInt(cursor, 36) : -1
    if (!Number.isInteger(at) || at < 0) at = -1
    const out: TitleRow[] = []
    if (at < 0) {
      // The first page: the first title >= prefix.
      if (titles.keys.length === 0) return { articles: [] }
      let page = shardOf(titles.first, key)
      const rows = await this.titlePage(page)
      let k = rows.findIndex((r) => titleKey(r[1]) >= key)
      if (k < 0) [page, k] = [page + 1, 0]
      at = (titles.offset[page] ?? total) + k
    }
    while (out.length < limit && at < total) {
      const page = shardOf(titles.offset, at)
      const rows = await this.titlePage(page)
      const row = rows[at - titles.offset[page]!]
      if (!row || !titleKey(row[1]).startsWith(key)) return { articles: out.map(summary) }
      out.push(row)
      at++
    }
    let more = at < total
    if (more && key) {
      const page = shardOf(titles.offset, at)
      const row = (await this.titlePage(page))[at - titles.offset[page]!]
      more = row !== undefined && titleKey(row[1]).startsWith(key)
    }
    return { articles: out.map(summary), ...(more ? { next: at.toString(36) } : {}) }
  }

  private titlePage(i: number): Promise<TitleRow[]> {
    const name = this.dirs.titles.keys[i]
    if (!name) return Promise.resolve([])
    return this.pieces.get(name, (text) => parsePiece<TitleRow[]>(name, text))
  }
}

function refOf(row: SlugRow): ArticleRef {
  const [slug, first, count, sha256, title] = row as [string, number, number, string, string]
  return { slug, first, count, sha256, title }
}

function summary(row: TitleRow) {
  return { slug: row[0], title: row[1], attribution: row[2] }
}
