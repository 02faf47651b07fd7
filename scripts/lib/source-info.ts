/**
 * @module What a source says about itself: `source.json` in a corpus folder, or `<name>.source.json` beside
 * a MediaWiki export `<name>.xml` (which also brings its `<siteinfo>`). Each article of the source is
 * credited with it, so a fan wiki is not credited as Wikipedia.
 *
 *   { "publisher": "Memory Alpha", "licence": { "name": "CC BY-SA 3.0", "url": "https://…" },
 *     "base": "https://memory-alpha.fandom.com/wiki/" }
 */
import { readFile, stat } from 'node:fs/promises'
import { join } from 'node:path'

export interface SourceInfo {
  /** Who publishes the text: `Memory Alpha`. An export's default is its `<sitename>`. */
  publisher?: string
  licence?: { name: string; url: string }
  /** Where the source's pages live: a page's link is the base and its title (`Idris_Vale`). */
  base?: string
}

/** The sidecar of a corpus folder or export: `source.json` inside the folder, `<name>.source.json` beside the file. */
export async function sourceInfoPath(corpus: string): Promise<string> {
  const isDir = (await stat(corpus).catch(() => undefined))?.isDirectory() ?? false
  return isDir ? join(corpus, 'source.json') : corpus.replace(/(\.xml)?$/i, '.source.json')
}

/** Checks a parsed sidecar; throws a message naming the file and the field at fault. */
export function parseSourceInfo(json: unknown, file: string): SourceInfo {
  const fail = (why: string): never => {
    throw new Error(`wylb: ${file}: ${why} (see docs/indexing.md, "Several sources")`)
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json)) return fail('not a JSON object')
  const o = json as Record<string, unknown>
  const info: SourceInfo = {}
  if (o.publisher !== undefined) {
    if (typeof o.publisher !== 'string' || !o.publisher.trim()) fail('"publisher" is a non-empty string')
    info.publisher = (o.publisher as string).trim()
  }
  if (o.licence !== undefined) {
    const l = o.licence as Record<string, unknown> | null
    if (
      typeof l !== 'object' ||
      l === null ||
      typeof l.name !== 'string' ||
      typeof l.url !== 'string' ||
      !l.name.trim()
    )
      fail('"licence" is { "name": "CC BY-SA 4.0", "url": "https://…" }')
    info.licence = { name: (l!.name as string).trim(), url: (l!.url as string).trim() }
  }
  if (o.base !== undefined) {
    if (typeof o.base !== 'string' || !/^https?:\/\/\S+$/i.test(o.base.trim())) fail('"base" is an http(s) URL')
    info.base = (o.base as string).trim()
  }
  return info
}

/** The sidecar of `corpus`, or nothing when it has none. */
export async function readSourceInfo(corpus: string): Promise<SourceInfo> {
  const file = await sourceInfoPath(corpus)
  const text = await readFile(file, 'utf8').catch(() => undefined)
  if (text === undefined) return {}
  let json: unknown
  try {
    json = JSON.parse(text)
  } catch (e) {
    throw new Error(`wylb: ${file} is not JSON: ${(e as Error).message}`, { cause: e })
  }
  return parseSourceInfo(json, file)
}
