/**
 * Input files are checked before the build stores anything: a sidecar that is not JSON, or whose
 * `sections` do not match the text's blocks, fails the build with a message naming the file, the line
 * or block, and what to change; never a passage filed under the wrong section or an invented "Section N".
 */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { loadCorpus } from '../../../tools/corpus/load.ts'

const root = await mkdtemp(join(tmpdir(), 'wylb-sidecar-'))
afterAll(() => rm(root, { recursive: true, force: true }))

const TEXT = [
  'Small Episode',
  'The lead paragraph says what the episode is.',
  '',
  '',
  'PlotEdit',
  'The plot paragraph.',
  '',
  '',
  'ProductionEdit',
  'The production paragraph.',
  '',
  '',
  'ReceptionEdit',
  'The reception paragraph.',
].join('\n')

const LICENCE = { name: 'CC BY-SA 4.0', url: 'https://creativecommons.org/licenses/by-sa/4.0/' }
const entry = (id: string, title: string) => ({ id, title })
const FOUR = [
  entry('lead', 'Lead'),
  entry('plot', 'Plot'),
  entry('production', 'Production'),
  entry('reception', 'Reception'),
]

let n = 0
async function corpusOf(sidecar: string): Promise<{ dir: string; sidecarPath: string }> {
  const dir = join(root, `c${n++}`)
  await mkdir(dir)
  await writeFile(join(dir, 'small-episode.txt'), TEXT)
  const sidecarPath = join(dir, 'small-episode.json')
  await writeFile(sidecarPath, sidecar)
  return { dir, sidecarPath }
}
const json = (sections: unknown) =>
  JSON.stringify({ source: 'https://example.org/x', licence: LICENCE, sections }, null, 2)

describe('a corpus folder', () => {
  it('builds when the sections match the blocks', async () => {
    const { dir } = await corpusOf(json(FOUR))
    const [article] = (await loadCorpus(dir)).articles
    expect(article!.sections.map((s) => [s.id, s.passages[0]?.text])).toEqual([
      ['lead', 'The lead paragraph says what the episode is.'],
      ['plot', 'The plot paragraph.'],
      ['production', 'The production paragraph.'],
      ['reception', 'The reception paragraph.'],
    ])
  })

  it('refuses a sidecar that is not JSON, naming the file, line and column', async () => {
    const { dir, sidecarPath } = await corpusOf(
      '{\n  "source": "https://example.org/x",\n  "sections": [\n    { "id": "lead" "title": "Lead" }\n  ]\n}\n',
    )
    const error = await loadCorpus(dir).then(
      () => undefined,
      (e: Error) => e,
    )
    expect(error?.message).toContain(`${sidecarPath} is not valid JSON at line 4, column`)
    expect(error?.message).not.toMatch(/^SyntaxError/)
  })

  it('refuses more sections than blocks, naming the extra entries', async () => {
    const { dir, sidecarPath } = await corpusOf(
      json([
        ...FOUR.slice(0, 2),
        entry('production', 'Production'),
        entry('casting', 'Casting'),
        ...FOUR.slice(3),
        entry('legacy', 'Legacy'),
      ]),
    )
    const error = await loadCorpus(dir).then(
      () => undefined,
      (e: Error) => e,
    )
    expect(error?.message).toContain(sidecarPath)
    expect(error?.message).toContain('"sections" lists 6 entries but the text has 4 blocks')
    expect(error?.message).toContain('remove sections[4] "reception", sections[5] "legacy"')
    // Out of step before the end, too: block 4's heading is Reception, its entry Casting.
    expect(error?.message).toContain('block 4 ("Reception") has the heading "Reception" but sections[3] is "Casting"')
  })

  it('refuses fewer sections than blocks, naming the blocks left without one', async () => {
    const { dir } = await corpusOf(json(FOUR.slice(0, 2)))
    const error = await loadCorpus(dir).then(
      () => undefined,
      (e: Error) => e,
    )
    expect(error?.message).toContain('"sections" lists 2 entries but the text has 4 blocks')
    expect(error?.message).toContain('add an entry for block 3 ("Production"), block 4 ("Reception")')
  })

  it('refuses a sidecar without a sections list', async () => {
    const { dir } = await corpusOf(JSON.stringify({ source: 'x', licence: LICENCE }))
    const error = await loadCorpus(dir).then(
      () => undefined,
      (e: Error) => e,
    )
    expect(error?.message).toContain('it has no "sections" list')
  })
})
