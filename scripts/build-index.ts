/**
 * `npm run build:index [-- --from <dir|export.xml> [--from …]] [--out <dir>] [--content-articles] [--quiet] [--keep-other-corpus]`:
 * parses the corpus (a folder of plain-text articles, or a MediaWiki XML export; `--corpus` is an alias of
 * `--from`; several sources are read as one, each credited from its own sidecar or `<siteinfo>`, see
 * tools/corpus/source-info.ts) and writes the build that `npm run seed:local` and `npm run deploy` put into KV:
 *
 *   <out>/kv/<n>.json     the entries in batches within wrangler's bulk limits (written as the build goes)
 *   <out>/keys.json       every key with its hash and size (what seed.ts compares with what it uploaded)
 *   <out>/manifest.json, <out>/pointer.json, <out>/source.json (the corpora it was built from)
 *   <out>/skipped.json    the pages of an export that became neither article nor alias, and why (when any)
 *   <out>/kv-bulk.json    all entries in one file, for small builds only (the workerd tests read it)
 *
 * Streams: pieces are written out as soon as the sharded build makes them.
 */
import { createHash } from 'node:crypto'
import { createWriteStream, type WriteStream } from 'node:fs'
import { mkdir, open, readFile, readdir, rm, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import { SingleBar, Presets } from 'cli-progress'
import { buildIndexTo, type KvEntry } from '../src/build/kv-entries.ts'
import type { AnalysisBatch } from '../src/core/shards/analysis.ts'
import { DEFAULTS } from '../src/core/shards/build.ts'
import { BULK_WRITE, MAX_VALUE_BYTES } from '../src/core/storage/limits.ts'
import { analyzeInWorker } from '../tools/build/analysis-worker.ts'
import { DEFAULT_CORPUS, readSynonyms } from '../tools/corpus/load.ts'

export const DEFAULT_OUT = 'index/build'
/** Output queued before the build waits for the disk: with the default 16 KB it would wait at nearly every piece. */
const WRITE_AHEAD = 16 * 1024 * 1024
/** Skipped pages listed on the console; skipped.json in the build folder has them all. */
const SKIPPED_SHOWN = 20
/** Builds up to this size also get one kv-bulk.json (the workerd tests load it whole). */
const BULK_FILE_MAX = 64 * 1024 * 1024

const { values } = parseArgs({
  options: {
    corpus: { type: 'string', multiple: true },
    from: { type: 'string', multiple: true },
    out: { type: 'string', default: DEFAULT_OUT },
    'content-articles': { type: 'boolean', default: false },
    quiet: { type: 'boolean', default: false },
    'keep-other-corpus': { type: 'boolean', default: false },
  },
})
const corpora = [...(values.from ?? []), ...(values.corpus ?? [])]
if (corpora.length === 0) corpora.push(DEFAULT_CORPUS)
/** What source.json records and the summary names: the sources, in order. */
const corpus = corpora.join(' + ')
const out = values.out as string

// `npm start` builds the default corpus, but keeps a build of another one (a wiki export, a synthetic
// corpus) that `npm run build:index -- --from …` left in the output folder.
const SOURCE = join(out, 'source.json')
if (values['keep-other-corpus']) {
  const built = await readFile(SOURCE, 'utf8').then(
    (t) => (JSON.parse(t) as { corpus: string }).corpus,
    () => undefined,
  )
  if (built !== undefined && built !== corpus) {
    console.log(`wylb: ${out} holds a build of ${built}: kept (\`npm run build:index\` builds ${corpus} again)`)
    process.exit(0)
  }
}

const started = performance.now()
const { count, aliases, skipped, analyzed, textBytes, duplicates } = await analyzeInWorker(corpora, DEFAULTS.docBlock)
if (skipped.length) {
  console.log(`wylb: skipped ${skipped.length} page(s) of the export(s):`)
  for (const page of skipped.slice(0, SKIPPED_SHOWN)) console.log(`  ${page.title}: ${page.reason}`)
  if (skipped.length > SKIPPED_SHOWN)
    console.log(`  … and ${skipped.length - SKIPPED_SHOWN} more (all in ${join(out, 'skipped.json')})`)
}

// A fresh build folder (the seed asks KV what it holds, so nothing here outlives a build).
await rm(out, { recursive: true, force: true })
await mkdir(join(out, 'kv'), { recursive: true })

// Batches of entries, each a JSON array file, written as they fill.
const batchFile = (file: number): string => join(out, 'kv', `${String(file).padStart(4, '0')}.json`)
let batch = 0
let stream: WriteStream | undefined
let pairs = 0
let bytes = 0
let totalBytes = 0
let totalKeys = 0
/**
 * The last batch file's closing until its bytes are in the file: a read-back that comes while another
 * closed it waits for the same finish, not only for `stream` to be gone.
 */
let closing: Promise<void> = Promise.resolve()
const closeBatch = (): Promise<void> => {
  if (!stream) return closing
  const s = stream
  stream = undefined
  s.end(']')
  closing = new Promise<void>((resolve, reject) => s.on('finish', resolve).on('error', reject))
  return closing
}
/**
 * Where each entry's JSON lies in its batch file (bytes), so the self-check reads a piece back from
 * what was written without parsing a whole batch file (hundreds of MB) for it.
 */
interface Written {
  file: number
  at: number
  size: number
}
const writtenAt = new Map<string, Written>()
const put = async (entry: KvEntry): Promise<void> => {
  const json = JSON.stringify(entry)
  const size = Buffer.byteLength(json)
  if (size > MAX_VALUE_BYTES) {
    throw new Error(
      `wylb: ${entry.key} would be ${(size / 2 ** 20).toFixed(1)} MiB, over KV's 25 MiB a value. ` +
        'An article this long should be split into several articles.',
    )
  }
  if (stream && (pairs >= BULK_WRITE.pairs || bytes + size > BULK_WRITE.bytes)) await closeBatch()
  if (!stream) {
    stream = createWriteStream(batchFile(batch++), {
      highWaterMark: WRITE_AHEAD,
    })
    stream.write('[')
    pairs = 0
    bytes = 0
  } else stream.write(',')
  // '[' opens the file, a comma follows each entry but the last.
  writtenAt.set(entry.key, { file: batch - 1, at: 1 + bytes + pairs, size })
  if (!stream.write(json)) await new Promise<void>((resolve) => stream!.once('drain', () => resolve()))
  pairs++
  bytes += size
  totalBytes += size
  totalKeys++
}

/**
 * The batch files as one JSON array: each batch is `[entry,…]` as JSON.stringify writes it, so their
 * contents joined are what JSON.stringify gives all the entries, without parsing them again.
 */
async function joinBatches(): Promise<Buffer[]> {
  const files = (await readdir(join(out, 'kv'))).sort()
  const inner = await Promise.all(files.map(async (f) => (await readFile(join(out, 'kv', f))).subarray(1, -1)))
  const comma = Buffer.from(',')
  return [Buffer.from('['), ...inner.flatMap((b, i) => (i === 0 ? [b] : [comma, b])), Buffer.from(']')]
}

async function readBack(name: string): Promise<string> {
  const written = writtenAt.get(name)
  if (written === undefined)
    throw new Error(`wylb build: the self-check asked for "${name}", which the build did not write`)
  if (written.file === batch - 1) await closeBatch()
  const file = await open(batchFile(written.file))
  try {
    const { buffer, bytesRead } = await file.read(Buffer.alloc(written.size), 0, written.size, written.at)
    const entry = JSON.parse(buffer.toString('utf8', 0, bytesRead)) as KvEntry
    if (entry.key !== name) throw new Error(`wylb build: "${name}" is not where batch file ${written.file} had it`)
    return entry.value
  } finally {
    await file.close()
  }
}

const bar = values.quiet
  ? undefined
  : new SingleBar(
      { format: 'wylb build |{bar}| {value}/{total} articles | {mb} MB | {eta}s left', etaBuffer: 200 },
      Presets.shades_classic,
    )
bar?.start(count, 0, { mb: '0.0' })
let done = 0
let text = 0
async function* counted(batches: AsyncIterable<AnalysisBatch>): AsyncGenerator<AnalysisBatch> {
  for await (const batch of batches) {
    yield batch
    for (const item of batch.items) {
      if (!('article' in item)) continue
      done++
      text += item.article.text
      if (done % 50 === 0 || done === count) bar?.update(done, { mb: (text / 1e6).toFixed(1) })
    }
  }
}
const synonyms = await readSynonyms(corpus)
const summary = await buildIndexTo({ analyzed: counted(analyzed) }, put, {
  aliases,
  shards: { synonyms },
  articleKeys: values['content-articles'] ? 'content' : 'version',
  hash: (text) => createHash('sha256').update(text).digest('hex'),
  readBack,
})
bar?.stop()
await closeBatch()

const { manifest, pointer } = summary
await writeFile(join(out, 'manifest.json'), JSON.stringify(manifest, null, 2))
await writeFile(join(out, 'pointer.json'), JSON.stringify(pointer))
await writeFile(SOURCE, JSON.stringify({ corpus, sources: corpora }))
if (skipped.length) await writeFile(join(out, 'skipped.json'), JSON.stringify(skipped, null, 1))
await writeFile(join(out, 'keys.json'), JSON.stringify(summary.keys.map((k) => [k.key, k.sha256, k.bytes])))
if (totalBytes <= BULK_FILE_MAX) await writeFile(join(out, 'kv-bulk.json'), await joinBatches())

const twice = duplicates()
if (twice.length)
  console.log(
    `wylb: ${twice.length} article(s) given again by a later source, kept from the first: ${twice.slice(0, 10).join(', ')}${twice.length > 10 ? ', …' : ''}`,
  )

const seconds = (performance.now() - started) / 1000
const { counts } = manifest
const rss = process.resourceUsage().maxRSS / 1024
console.log(
  `wylb: built ${manifest.version} from ${corpus}: ${counts.articles} article(s) (${(textBytes() / 1e6).toFixed(1)} MB of text), ` +
    `${counts.aliases} aliases, ${counts.sections} sections, ${counts.passages} passages, ${counts.terms} terms; ` +
    `${totalKeys} keys in ${batch} batch file(s), ${(totalBytes / 1e6).toFixed(1)} MB; ` +
    `${seconds.toFixed(1)} s (parsing and indexing, ${(textBytes() / 1e6 / seconds).toFixed(2)} MB/s), peak RSS ${rss.toFixed(0)} MB → ${out}`,
)
console.log(
  `wylb: self-check passed: ${summary.check?.queries.length ?? 0} queries read back through the FlexSearch KV adapter agree with the index they were written from`,
)
