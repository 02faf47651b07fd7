/**
 * @module The article directory a build writes (ArticleDirectoryMeta in ./format.ts): what the facets
 * count with goes in the meta, titles and categories in pieces of consecutive articles.
 */
import { slugify } from '../parse/slug.ts'
import { packNames } from '../storage/keys.ts'
import { encodeAscending, encodeDeltas, type ArticleDirectoryMeta } from './format.ts'

/** An article of the directory as the build collects it, in ordinal order. */
export interface DirectoryArticle {
  /** Its first passage's ordinal. */
  first: number
  slug: string
  title: string
  categories: string[]
}

/** Articles per piece: titles are read for the facets' top articles, categories for every counted one. */
export interface DirectoryPieceSizes {
  titles: number
  categories: number
}

export async function writeDirectory(
  articles: readonly DirectoryArticle[],
  per: DirectoryPieceSizes,
  put: (value: string) => Promise<string>,
): Promise<ArticleDirectoryMeta> {
  const pieces = async (size: number, row: (a: DirectoryArticle) => unknown): Promise<string> => {
    const names: string[] = []
    for (let i = 0; i < articles.length; i += size)
      names.push(await put(JSON.stringify(articles.slice(i, i + size).map(row))))
    return packNames(names)
  }
  const categorized = articles.some((a) => a.categories.length > 0)
  return {
    first: encodeAscending(articles.map((a) => a.first)),
    order: encodeDeltas(slugOrder(articles.map((a) => a.slug))),
    titles: { per: per.titles, names: await pieces(per.titles, directoryTitle) },
    ...(categorized
      ? { categories: { per: per.categories, names: await pieces(per.categories, (a) => a.categories) } }
      : {}),
  }
}

/** An article's title in a directory piece, and its slug only when it is not the title's slugify (most are not). */
export type DirectoryTitle = [title: string, slug?: string]

/** An article of the directory, as facets list it. */
export interface ArticleTitle {
  slug: string
  title: string
}

export function directoryTitle({ slug, title }: ArticleTitle): DirectoryTitle {
  return slug === slugify(title) ? [title] : [title, slug]
}

export function articleTitle([title, slug]: DirectoryTitle): ArticleTitle {
  return { slug: slug || slugify(title), title }
}

/** Each slug's place in the order of the slugs (as facets order equal counts: by code unit). */
export function slugOrder(slugs: readonly string[]): number[] {
  const byOrder = slugs.map((_, i) => i).sort((x, y) => (slugs[x]! < slugs[y]! ? -1 : slugs[x]! > slugs[y]! ? 1 : 0))
  const order = new Array<number>(slugs.length)
  byOrder.forEach((article, place) => (order[article] = place))
  return order
}
