/**
 * @module Fields: what an article says about itself besides its passages' text (its title, its
 * aliases, its section headings), read into the postings of one passage each as tokens past its text,
 * and the weights ranking gives each field and each passage kind (title > alias > heading >
 * infobox > body > references; docs/RANKING.md says how they were tuned).
 *
 * A field's tokens sit at positions from FIELD_BASE × (field + 1) on, far past any passage's text, so
 * scoring tells them apart by position alone and a phrase never runs from the text into a field;
 * each alias starts ALIAS_GAP positions after the one before, so a phrase never runs across two.
 */
import type { Article, PassageKind } from '../model.ts'

export const FIELDS = ['title', 'alias', 'heading', 'article'] as const
export type Field = (typeof FIELDS)[number]

export const FIELD_BASE = 1 << 20
export const ALIAS_GAP = 1 << 10

/**
 * What matching a word in a field adds, in units of the word's idf. `title` and `alias` are on the
 * article's first paragraph; `article` is the title again on every other passage (a query naming the
 * article and something in it finds that passage); `heading` is on every passage of its section.
 */
export const FIELD_WEIGHTS: Record<Field, number> = { title: 5, alias: 4, heading: 2, article: 0.8 }

/** How a passage's own text weighs by its kind; a kind not named weighs 1 (body text). */
export const KIND_WEIGHTS: Partial<Record<PassageKind, number>> = { infobox: 1.25, note: 0.9, reference: 0.6 }

export function kindWeight(kind: PassageKind | undefined): number {
  return (kind && KIND_WEIGHTS[kind]) ?? 1
}

/** The field a position lies in, or -1 for the passage's own text. */
export function fieldAt(pos: number): number {
  return pos < FIELD_BASE ? -1 : Math.floor(pos / FIELD_BASE) - 1
}

/** The best weight among the fields of these positions (sorted ascending), 0 when all are text. */
export function fieldWeight(positions: readonly number[]): number {
  let best = 0
  for (let i = positions.length - 1; i >= 0 && positions[i]! >= FIELD_BASE; i--) {
    const w = FIELD_WEIGHTS[FIELDS[fieldAt(positions[i]!)]!] ?? 0
    if (w > best) best = w
  }
  return best
}

/** How many of these positions (sorted ascending) are in the passage's own text. */
export function textCount(positions: readonly number[]): number {
  let n = positions.length
  while (n > 0 && positions[n - 1]! >= FIELD_BASE) n--
  return n
}

/** One field's text and the position its first token takes. */
export interface FieldText {
  base: number
  text: string
}

/** An alias slug as words: `deep-space-nine` → `deep space nine`. */
export function aliasText(slug: string): string {
  return slug.replace(/[-_]+/gu, ' ')
}

/**
 * The fields of an article, by the id of the passage that carries them: title and aliases on its first
 * paragraph (its first passage when it has none), the title as `article` on every other passage, each
 * heading but the lead's on every passage of its section (a subsection's passages carry its parent's
 * heading too). At most 1000 aliases are kept (ALIAS_GAP apart within the alias field).
 */
export function fieldsOf(article: Article, aliases: readonly string[]): Map<string, FieldText[]> {
  const out = new Map<string, FieldText[]>()
  const add = (id: string, f: FieldText) => {
    const list = out.get(id)
    if (list) list.push(f)
    else out.set(id, [f])
  }
  const passages = article.sections.flatMap((s) => s.passages)
  const lead = passages.find((p) => p.kind === 'paragraph') ?? passages[0]
  // A disambiguator ("Emissary (Star Trek: Deep Space Nine)") says what the article is about, not its name.
  const disambiguated = /^(.+?)\s*\(([^()]+)\)$/u.exec(article.title.trim())
  if (lead) {
    add(lead.id, { base: FIELD_BASE, text: disambiguated ? disambiguated[1]! : article.title })
    aliases
      .slice(0, FIELD_BASE / ALIAS_GAP)
      .forEach((a, i) => add(lead.id, { base: 2 * FIELD_BASE + i * ALIAS_GAP, text: aliasText(a) }))
  }
  const titles = new Map(article.sections.map((s) => [s.id, s.title]))
  for (const s of article.sections) {
    const heading = [s.parent === null ? undefined : titles.get(s.parent), s.id === 'lead' ? undefined : s.title]
      .filter(Boolean)
      .join(' ')
    for (const p of s.passages) {
      // In position order: postings take positions ascending.
      if (heading) add(p.id, { base: 3 * FIELD_BASE, text: heading })
      if (p !== lead) add(p.id, { base: 4 * FIELD_BASE, text: article.title })
      else if (disambiguated) add(p.id, { base: 4 * FIELD_BASE, text: disambiguated[2]! })
    }
  }
  return out
}

/** Alias slugs by the slug of the article they name. */
export function aliasesByTarget(aliases: Record<string, string>): Map<string, string[]> {
  const out = new Map<string, string[]>()
  for (const [alias, target] of Object.entries(aliases)) {
    const list = out.get(target)
    if (list) list.push(alias)
    else out.set(target, [alias])
  }
  return out
}
