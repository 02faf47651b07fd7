/** @module Naming blocks from the sidecar: each block takes the next sidecar section in order. */
import type { Sidecar } from '../model.ts'
import type { Block } from './blocks.ts'
import { slugify } from './slug.ts'

export interface SectionMeta {
  id: string
  title: string
  level: number
  parent: string | null
}

/**
 * One entry per block. Untitled blocks and `...Edit` headings alike consume sidecar entries, because the
 * sidecar lists every section of the published article in reading order. Past the sidecar's end, headings
 * name themselves and untitled blocks become `section-N` (the first block is always the lead).
 */
export function assignSections(blocks: Block[], entries: Sidecar['sections'] | undefined): SectionMeta[] {
  const list = Array.isArray(entries) ? entries : []
  const used = new Set<string>()
  const metas: SectionMeta[] = []
  blocks.forEach((block, i) => {
    const entry = list[i]
    let id: string
    let title: string
    let level = 1
    if (entry) {
      title = entry.title || block.heading || `Section ${i + 1}`
      id = entry.id || slugify(title) || `section-${i + 1}`
      if (Number.isInteger(entry.level) && (entry.level ?? 1) >= 1) level = entry.level ?? 1
    } else if (block.heading !== null) {
      title = block.heading
      id = slugify(title) || `section-${i + 1}`
    } else if (i === 0) {
      title = 'Lead'
      id = 'lead'
    } else {
      title = `Section ${i + 1}`
      id = `section-${i + 1}`
    }
    id = unique(id, used)
    metas.push({ id, title, level, parent: level > 1 ? parentOf(metas, level) : null })
  })
  return metas
}

function parentOf(before: SectionMeta[], level: number): string | null {
  for (let i = before.length - 1; i >= 0; i--) {
    const m = before[i]
    if (m && m.level < level) return m.id
  }
  return null
}

function unique(id: string, used: Set<string>): string {
  let candidate = id
  for (let k = 2; used.has(candidate); k++) candidate = `${id}-${k}`
  used.add(candidate)
  return candidate
}
