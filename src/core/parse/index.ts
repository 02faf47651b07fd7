/** @module parseArticle: the plain-text export of an article plus its sidecar into the Article model. */
import type { Article, Infobox, Note, Reference, Section, Sidecar } from '../model.ts'
import { joinLines, splitBlocks, toLines, type Block } from './blocks.ts'
import { stripCitations } from './citations.ts'
import { findInfoboxStart, infoboxPassages, parseInfobox } from './infobox.ts'
import { isCaption, linkCitations, PassageMaker } from './passages.ts'
import { isListBlock, makeNote, makeReference, parseListEntries } from './references.ts'
import { assignSections, type SectionMeta } from './sections.ts'

export { slugify } from './slug.ts'
export { parseDate, findDate } from './dates.ts'
export { extractCitations, stripCitations } from './citations.ts'
export { parseReferenceFields } from './reference-fields.ts'
export { INFOBOX_LABELS, fieldKey, parseInfobox } from './infobox.ts'

/** The lead's paragraphs with the infobox lifted out of the paragraph it sits in. */
function splitLead(block: Block, title: string): { paragraphs: string[][]; infobox: Infobox | null } {
  const paragraphs: string[][] = []
  let infobox: Infobox | null = null
  for (const lines of block.paragraphs) {
    const start = infobox ? -1 : findInfoboxStart(lines, title)
    if (start < 0) {
      paragraphs.push(lines)
      continue
    }
    if (start > 0) paragraphs.push(lines.slice(0, start))
    infobox = parseInfobox(lines.slice(start))
  }
  return { paragraphs, infobox }
}

/**
 * Parses an article. Never throws: any text, even empty or unstructured, yields a best-effort article
 * with at least a lead section.
 */
export function parseArticle(text: string, sidecar: Sidecar, slug: string): Article {
  const lines = toLines(typeof text === 'string' ? text : '')
  const title = (lines[0] ?? '').trim() || slug
  const blocks = splitBlocks(lines.slice(1))
  if (blocks.length === 0) blocks.push({ heading: null, paragraphs: [] })
  const metas = assignSections(blocks, sidecar?.sections)
  const maker = new PassageMaker(slug)
  const notes: Note[] = []
  const references: Reference[] = []
  let infobox: Infobox | null = null
  let summary = ''

  const sections: Section[] = blocks.map((block, i) => {
    const meta: SectionMeta = metas[i] ?? { id: `section-${i + 1}`, title: `Section ${i + 1}`, level: 1, parent: null }
    const section: Section = { ...meta, passages: [] }
    const add = (local: string, kind: Parameters<PassageMaker['make']>[2], raw: string) => {
      const passage = maker.make(local, meta.id, kind, raw)
      section.passages.push(passage)
      return passage
    }

    if (i === 0) {
      const lead = splitLead(block, title)
      infobox = lead.infobox
      lead.paragraphs.forEach((p, j) => {
        const passage = add(`${meta.id}-${j + 1}`, 'paragraph', joinLines(p))
        if (j === 0) summary = passage.text
        // The infobox sits beside the opening paragraph; its passages follow that paragraph.
        if (j === 0 && lead.infobox) for (const e of infoboxPassages(lead.infobox)) add(e.local, e.kind, e.text)
      })
      if (lead.paragraphs.length === 0 && lead.infobox)
        for (const e of infoboxPassages(lead.infobox)) add(e.local, e.kind, e.text)
    } else if (isListBlock(block.paragraphs)) {
      // Notes and References look alike; only the section's name tells them apart.
      const isNotes = /note/i.test(`${meta.id} ${meta.title}`)
      for (const entry of parseListEntries(block.paragraphs)) {
        if (isNotes) {
          const passage = add(`note-${entry.n}`, 'note', entry.text)
          notes.push(makeNote(entry, passage.id, passage.text))
        } else {
          const passage = add(`ref-${entry.n}`, 'reference', entry.text)
          references.push(makeReference(entry, passage.id))
        }
      }
    } else {
      block.paragraphs.forEach((p, j) => {
        const raw = joinLines(p)
        const kind = j === 0 && isCaption(stripCitations(raw)) ? 'caption' : 'paragraph'
        add(`${meta.id}-${j + 1}`, kind, raw)
      })
    }
    return section
  })

  linkCitations(sections, maker.places, notes, references)

  const licence = sidecar?.licence ?? { name: '', url: '' }
  const source = sidecar?.source ?? ''
  const publisher = sidecar?.publisher?.trim() || 'Wikipedia'
  return {
    slug,
    title,
    aliases: sidecar?.aliases ?? [],
    categories: sidecar?.categories ?? [],
    summary,
    source,
    attribution: {
      title,
      publisher,
      licence: licence.name,
      licence_url: licence.url,
      source,
      text: `"${title}" from ${publisher}, ${licence.name} (${licence.url})`,
    },
    infobox,
    sections,
    references,
    notes,
  }
}
