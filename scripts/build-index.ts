/**
 * `npm run build:index [-- --corpus <dir|export.xml>] [--out <dir>]`: parses the corpus (a folder of plain-text
 * articles, or a MediaWiki XML export; `--from` is an alias of `--corpus`) and writes the build
 * that `npm run seed:local` and `npm run deploy` put into KV.
 */
import { mkdir, rm, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import { buildIndex } from '../src/build/build-index.ts'
import { DEFAULT_CORPUS, loadCorpus } from './lib/corpus.ts'

export const DEFAULT_OUT = 'index/build'

const { values } = parseArgs({
  options: {
    corpus: { type: 'string' },
    from: { type: 'string' },
    out: { type: 'string', default: DEFAULT_OUT },
  },
})
const corpus = (values.from ?? values.corpus ?? DEFAULT_CORPUS) as string
const out = values.out as string

const started = performance.now()
const { articles } = await loadCorpus(corpus)
const build = await buildIndex(articles)

await rm(out, { recursive: true, force: true })
await mkdir(join(out, 'articles'), { recursive: true })
await Promise.all(articles.map((a) => writeFile(join(out, 'articles', `${a.slug}.json`), JSON.stringify(a, null, 2))))
await writeFile(join(out, 'manifest.json'), JSON.stringify(build.manifest, null, 2))
await writeFile(join(out, 'kv-bulk.json'), JSON.stringify(build.entries))
await writeFile(join(out, 'pointer.json'), JSON.stringify(build.pointer))

const bytes = build.entries.reduce((n, e) => n + Buffer.byteLength(e.value), 0)
const { counts } = build.manifest
console.log(
  `wylb: built ${build.manifest.version} from ${corpus}: ${counts.articles} article(s), ${counts.sections} sections, ` +
    `${counts.passages} passages, ${counts.references} references, ${counts.notes} notes; ` +
    `${build.entries.length} keys, ${(bytes / 1024).toFixed(1)} KiB, in ${Math.round(performance.now() - started)} ms → ${out}`,
)
