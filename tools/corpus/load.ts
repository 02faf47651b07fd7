/**
 * @module Reads a corpus: a folder of `<slug>.txt` articles with `<slug>.json` sidecars (parsed with the
 * plain-text parser), or a MediaWiki XML export (`.xml`, streamed; redirects become aliases).
 */
import { createReadStream, readFileSync } from 'node:fs'
import { readdir, readFile, stat } from 'node:fs/promises'
import { dirname, join } from 'node:path'
import { importMediaWikiExport, type SkippedPage } from '../../src/core/import/mediawiki-xml.ts'
import { pageUrl } from '../../src/core/import/wikitext/article.ts'
import type { Article, Sidecar } from '../../src/core/model.ts'
import { parseArticle } from '../../src/core/parse/index.ts'
import { sidecarProblems } from '../../src/core/parse/sidecar.ts'
import { readSourceInfo, type SourceInfo } from './source-info.ts'

export const DEFAULT_CORPUS = 'index/corpus'

export interface Corpus {
  /** In slug order for a folder, document order for an export. */
  articles: Article[]
  /** Alias slug → target slug (from an export's redirect pages; a folder has none). */
  aliases: Record<string, string>
  /** An export's pages that became neither article nor alias, and why (a folder skips none). */
  skipped: SkippedPage[]
}

async function articleFiles(dir: string): Promise<string[]> {
  const texts = (await readdir(dir)).filter((f) => f.endsWith('.txt')).sort()
  if (texts.length === 0) throw new Error(`wylb: no articles (*.txt) in ${dir}`)
  return texts
}

/** The sidecar's JSON, or an error naming the file, the line and column, and what the parser expected. */
function parseSidecar(json: string, path: string): unknown {
  try {
    return JSON.parse(json)
  } catch (error) {
    const at = /position (\d+)/.exec(String(error))
    const before = at ? json.slice(0, Number(at[1])).split('\n') : undefined
    const where = before ? `line ${before.length}, column ${(before.at(-1)?.length ?? 0) + 1}` : 'somewhere'
    const why = String((error as Error).message).replace(/ in JSON at position.*$/, '')
    throw new Error(
      `wylb: ${path} is not valid JSON at ${where}: ${why}. Fix it there (a missing comma or quote, a trailing comma).`,
      { cause: error },
    )
  }
}

/**
 * An article's own sidecar wins over its folder's `source.json`, which fills what the sidecar leaves out.
 * Read synchronously: parsing keeps a core busy anyway, and a promise per file read cost a 100 MB build
 * (11,488 files, on the analysis thread) more CPU than reading them.
 */
function readArticle(dir: string, file: string, info: SourceInfo = {}): Article {
  const slug = file.slice(0, -'.txt'.length)
  const sidecarPath = join(dir, `${slug}.json`)
  let json: string
  try {
    json = readFileSync(sidecarPath, 'utf8')
  } catch {
    throw new Error(`wylb: ${file} has no sidecar ${sidecarPath} (source, licence, section titles)`)
  }
  const sidecar = parseSidecar(json, sidecarPath) as Sidecar
  const text = readFileSync(join(dir, file), 'utf8')
  const problems = sidecarProblems(text, sidecar)
  if (problems.length > 0)
    throw new Error(`wylb: ${sidecarPath} does not fit ${join(dir, file)}:\n- ${problems.join('\n- ')}`)
  const merged: Sidecar = {
    ...sidecar,
    publisher: sidecar.publisher ?? info.publisher,
    licence: sidecar.licence ?? info.licence ?? { name: '', url: '' },
  }
  const article = parseArticle(text, merged, slug)
  if (!sidecar.source && info.base) article.source = article.attribution.source = pageUrl(article.title, info.base)
  return article
}

async function loadFolder(dir: string): Promise<Corpus> {
  const texts = await articleFiles(dir)
  const info = await readSourceInfo(dir)
  return {
    articles: texts.map((file) => readArticle(dir, file, info)),
    aliases: {},
    skipped: [],
  }
}

/** A corpus read as it is used: articles in order, each read when it is asked for and let go once used. */
export interface CorpusStream {
  /** How many articles (known up front for a folder; an export is read whole first). */
  count: number
  articles: AsyncIterable<Article> | Iterable<Article>
  aliases: Record<string, string>
  skipped: SkippedPage[]
}

/** Opens a corpus folder or export for one pass; a folder is never held in memory whole. */
export async function openCorpus(path = DEFAULT_CORPUS): Promise<CorpusStream> {
  if ((await stat(path).catch(() => undefined))?.isDirectory()) {
    const texts = await articleFiles(path)
    const info = await readSourceInfo(path)
    function* read(): Generator<Article> {
      for (const file of texts) yield readArticle(path, file, info)
    }
    return { count: texts.length, articles: read(), aliases: {}, skipped: [] }
  }
  const { articles, aliases, skipped } = await loadCorpus(path)
  return { count: articles.length, articles, aliases, skipped }
}

/**
 * Several corpora read as one, in the order given, aliases merged. An article whose slug an earlier
 * source already gave is left out (the first source wins) and listed by `duplicates()` once read.
 */
export async function openCorpora(paths: readonly string[]): Promise<CorpusStream & { duplicates: () => string[] }> {
  if (paths.length === 1) return { ...(await openCorpus(paths[0])), duplicates: () => [] }
  const opened = await Promise.all(paths.map((p) => openCorpus(p)))
  const seen = new Set<string>()
  const duplicates: string[] = []
  async function* read(): AsyncGenerator<Article> {
    for (const corpus of opened) {
      for await (const article of corpus.articles) {
        if (seen.has(article.slug)) duplicates.push(article.slug)
        else {
          seen.add(article.slug)
          yield article
        }
      }
    }
  }
  const aliases: Record<string, string> = {}
  for (const corpus of opened) for (const [from, to] of Object.entries(corpus.aliases)) aliases[from] ??= to
  return {
    count: opened.reduce((n, c) => n + c.count, 0),
    articles: read(),
    aliases,
    skipped: opened.flatMap((c) => c.skipped),
    duplicates: () => duplicates,
  }
}

async function loadExport(file: string): Promise<Corpus> {
  const info = await readSourceInfo(file)
  const { articles, aliases, skipped } = await importMediaWikiExport(createReadStream(file, { encoding: 'utf8' }), {
    siteName: info.publisher,
    base: info.base,
    licence: info.licence,
  })
  if (articles.length === 0) throw new Error(`wylb: no articles (namespace 0 pages) in ${file}`)
  return { articles, aliases, skipped }
}

/** The synonyms file beside a corpus: `synonyms.json` in its folder (or the export's folder). */
export function synonymsPath(path: string, isDirectory: boolean): string {
  return join(isDirectory ? path : dirname(path), 'synonyms.json')
}

/**
 * The corpus's synonym groups (src/core/search/synonyms.ts): a JSON array of arrays of phrases,
 * `[["DS9", "Deep Space Nine"], …]`; none when there is no file.
 */
export async function readSynonyms(path = DEFAULT_CORPUS): Promise<string[][]> {
  const isDirectory = (await stat(path).catch(() => undefined))?.isDirectory() ?? false
  const file = synonymsPath(path, isDirectory)
  const text = await readFile(file, 'utf8').catch(() => undefined)
  if (text === undefined) return []
  let groups: unknown
  try {
    groups = JSON.parse(text)
  } catch (e) {
    throw new Error(`wylb: ${file} is not valid JSON: ${(e as Error).message}`, { cause: e })
  }
  if (
    !Array.isArray(groups) ||
    !groups.every((g) => Array.isArray(g) && g.length >= 2 && g.every((p) => typeof p === 'string' && p.trim()))
  ) {
    throw new Error(
      `wylb: ${file} must be an array of groups, each an array of two or more phrases: [["DS9", "Deep Space Nine"]]`,
    )
  }
  return groups as string[][]
}

/** Loads a corpus folder (default `index/corpus`) or a MediaWiki XML export file (`*.xml`). */
export async function loadCorpus(path = DEFAULT_CORPUS): Promise<Corpus> {
  const info = await stat(path).catch(() => {
    throw new Error(`wylb: no corpus at ${path} (a folder of *.txt + *.json, or a MediaWiki export *.xml)`)
  })
  if (info.isFile()) {
    if (/\.xml$/i.test(path)) return loadExport(path)
    throw new Error(`wylb: ${path} is a file but not a MediaWiki XML export (*.xml)`)
  }
  return loadFolder(path)
}
