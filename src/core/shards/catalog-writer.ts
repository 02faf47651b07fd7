/**
 * @module The catalog pieces of a build (src/core/shards/catalog.ts reads them): pages of articles and
 * aliases by slug, pages of articles by title, and the article directory by passage ordinal.
 */
import { compareKeys } from '../search/vocab.ts'
import { encodeAscending, titleKey, type DirectoryRow, type ShardMeta, type SlugRow, type TitleRow } from './format.ts'

/** What the build gathered of its articles for the catalog. */
export interface CatalogRows {
  slugRows: SlugRow[]
  titleRows: TitleRow[]
  directoryRows: DirectoryRow[]
  seenSlugs: Set<string>
}

/** Writes the catalog pieces through `put`, aliases (to articles seen) included; what the meta names of them. */
export async function catalogPieces(
  { slugRows, titleRows, directoryRows, seenSlugs }: CatalogRows,
  aliases: Record<string, string>,
  catalogPage: number,
  put: (value: string) => Promise<string>,
): Promise<
  Pick<ShardMeta, 'slugs' | 'titles'> & { directory: NonNullable<ShardMeta['directory']>; aliasCount: number }
> {
  for (const [alias, target] of Object.entries(aliases)) {
    if (!seenSlugs.has(alias) && seenSlugs.has(target)) slugRows.push([alias, target])
  }
  slugRows.sort((a, b) => compareKeys(a[0], b[0]))
  const slugs: ShardMeta['slugs'] = { first: [], keys: [] }
  for (const page of pages(slugRows, catalogPage)) {
    slugs.first.push(page[0]![0])
    slugs.keys.push(await put(JSON.stringify(page)))
  }
  titleRows.sort((a, b) => compareKeys(titleKey(a[1]), titleKey(b[1])) || compareKeys(a[0], b[0]))
  const titles: ShardMeta['titles'] = { first: [], offset: [], keys: [] }
  let offset = 0
  for (const page of pages(titleRows, catalogPage)) {
    titles.first.push(titleKey(page[0]![1]))
    titles.offset.push(offset)
    titles.keys.push(await put(JSON.stringify(page)))
    offset += page.length
  }

  // The article directory, in ordinal order (the order articles were analyzed in).
  const directory: ShardMeta['directory'] = { first: '', names: [] }
  const directoryFirst: number[] = []
  for (const page of pages(directoryRows, catalogPage)) {
    directoryFirst.push(page[0]![0])
    directory.names.push(await put(JSON.stringify(page)))
  }
  directory.first = encodeAscending(directoryFirst)

  return { slugs, titles, directory, aliasCount: slugRows.length - seenSlugs.size }
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
