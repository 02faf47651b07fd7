/**
 * @module Checks a sidecar against its text before the build parses them: one `sections` entry per
 * block of the text, in order, and a block's surviving heading matching its entry. A mismatch would
 * file passages under the wrong section (or invent "Section N"), so it is an error that says where and
 * what to change.
 */
import type { Sidecar } from '../model.ts'
import { splitBlocks, toLines, type Block } from './blocks.ts'
import { slugify } from './slug.ts'

/** How a reader finds a block in the text: its heading, else its first words. */
function describe(block: Block, i: number): string {
  const first = block.heading ?? block.paragraphs[0]?.[0]?.trim() ?? ''
  const words = first.length > 48 ? `${first.slice(0, 48)}…` : first
  return `block ${i + 1} ("${words}")`
}

/** What is wrong with `sidecar` (parsed JSON) for `text`, each with what to change; empty when nothing is. */
export function sidecarProblems(text: string, sidecar: unknown): string[] {
  const s = sidecar as Partial<Sidecar> | null
  if (typeof s !== 'object' || s === null || Array.isArray(s))
    return ['it is not a JSON object: give {"source", "licence", "sections"}']
  if (!Array.isArray(s.sections))
    return ['it has no "sections" list: give one entry {"id", "title"} per block of the text, in order']
  const problems: string[] = []
  s.sections.forEach((entry, i) => {
    if (
      typeof entry !== 'object' ||
      entry === null ||
      (typeof entry.id !== 'string' && typeof entry.title !== 'string')
    ) {
      problems.push(`sections[${i}] is not an {"id", "title"} object`)
    }
  })
  const blocks = splitBlocks(toLines(text).slice(1))
  const entries = s.sections
  if (entries.length < blocks.length) {
    const missing = blocks.slice(entries.length).map((b, k) => describe(b, entries.length + k))
    problems.push(
      `"sections" lists ${entries.length} entries but the text has ${blocks.length} blocks ` +
        '(separated by two blank lines or an …Edit heading): ' +
        `add an entry for ${missing.join(', ')}`,
    )
  } else if (entries.length > blocks.length) {
    const extra = entries.slice(blocks.length).map((e, k) => `sections[${blocks.length + k}] "${e?.id ?? e?.title}"`)
    problems.push(
      `"sections" lists ${entries.length} entries but the text has ${blocks.length} blocks ` +
        '(separated by two blank lines or an …Edit heading): ' +
        `remove ${extra.join(', ')}, or separate the text's sections by two blank lines`,
    )
  }
  blocks.forEach((block, i) => {
    const entry = entries[i]
    if (block.heading === null || !entry?.title) return
    if (slugify(block.heading) !== slugify(entry.title)) {
      problems.push(
        `${describe(block, i)} has the heading "${block.heading}" but sections[${i}] is "${entry.title}": ` +
          'the entries are out of step with the text',
      )
    }
  })
  return problems
}
