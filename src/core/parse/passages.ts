/** @module Making passages (unique ids, citations extracted) and linking citing places back to notes and references. */
import type { Note, Passage, PassageKind, Reference, Section } from '../model.ts'
import { extractCitations } from './citations.ts'

/** A short, unpunctuated first paragraph is an image caption that lost its image. */
export function isCaption(text: string): boolean {
  const t = text.trim()
  return t.length > 0 && t.length < 300 && !/[.!?]["'”’)\]]*$/.test(t)
}

/** Makes the passages of one article, keeping ids unique and remembering every citing place for linking. */
export class PassageMaker {
  private readonly used = new Set<string>()
  /** Passage id → cited ids, one per marker occurrence. */
  readonly places = new Map<string, string[]>()

  constructor(private readonly slug: string) {}

  make(local: string, section: string, kind: PassageKind, raw: string): Passage {
    const base = `${this.slug}:${local}`
    let id = base
    for (let k = 2; this.used.has(id); k++) id = `${base}-${k}`
    this.used.add(id)
    const { text, citations, places } = extractCitations(raw)
    this.places.set(id, places)
    return { id, article: this.slug, section, kind, text, citations }
  }
}

/**
 * Fills `cited_by` of notes and references, one entry per citing place in reading order, so that
 * `cited_by[i]` lines up with back-link letter i. Counts that disagree with the letters are kept as counted.
 */
export function linkCitations(
  sections: Section[],
  places: Map<string, string[]>,
  notes: Note[],
  references: Reference[],
): void {
  const targets = new Map<string, { cited_by: string[] }>()
  for (const r of references) if (!targets.has(r.id)) targets.set(r.id, r)
  for (const n of notes) if (!targets.has(n.id)) targets.set(n.id, n)
  for (const section of sections) {
    for (const passage of section.passages) {
      for (const cited of places.get(passage.id) ?? []) targets.get(cited)?.cited_by.push(passage.id)
    }
  }
}
