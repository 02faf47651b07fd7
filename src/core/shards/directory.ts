/**
 * @module The article directory a build writes (ArticleDirectoryMeta in ./format.ts): what the facets
 * count with goes in the meta, titles and categories in pieces of consecutive articles.
 */
import { packNames } from '../storage/keys.ts'
import { directoryTitle, encodeAscending, encodeDeltas, slugOrder, type ArticleDirectoryMeta } from './format.ts'

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
