/**
 * @module The article model: what the parser produces, the build stores and the API serves.
 * Property names are snake_case because they are the JSON the API answers with.
 */

/**
 * Kinds of passage: the unit that search finds and `/v1/passages/:id` returns. Indexes store a kind as its
 * position here, so new kinds go at the end. `table` is one row of a table as `header: value; …` text,
 * `list` the items of a list joined with `; `.
 */
export const PASSAGE_KINDS = ['paragraph', 'caption', 'infobox', 'note', 'reference', 'table', 'list'] as const
export type PassageKind = (typeof PASSAGE_KINDS)[number]

export interface Passage {
  /** Stable across rebuilds of the same text: `${slug}:${local}`, e.g. `what-you-leave-behind:plot-3`. */
  id: string
  article: string
  section: string
  kind: PassageKind
  /** Plain text with citation markers removed. */
  text: string
  /** Ids of the notes (`note-2`) and references (`ref-1`) the passage cites, in order of appearance, unique. */
  citations: string[]
}

export interface Section {
  /** Slug of the title: `critical-reception`. The lead is `lead`. */
  id: string
  title: string
  /** 1 for a section, 2 for a subsection. */
  level: number
  /** Id of the enclosing section for a subsection, else null. */
  parent: string | null
  passages: Passage[]
}

export interface InfoboxField {
  label: string
  /** snake_case of the label: `directed_by`, `guest_appearances`. */
  key: string
  /** Empty when the field has no value. */
  values: string[]
  /** ISO 8601 date where the value holds one (`original_air_date`: `1999-06-02`). */
  iso_date?: string
}

export interface Infobox {
  /** The infobox's heading line, e.g. the quoted title. */
  heading: string
  /** The line under the heading: `Star Trek: Deep Space Nine episode`. */
  subheading: string | null
  image: { file: string; caption: string | null } | null
  fields: InfoboxField[]
  /** Chronology: the previous and next item's titles; null where there is none (a finale has no next). */
  previous: string | null
  next: string | null
}

export interface Note {
  /** `note-1` */
  id: string
  n: number
  text: string
  /** The passage of this note (kind `note`). */
  passage: string
  /** Passage ids citing it, one entry per citing place. */
  cited_by: string[]
}

/** What a reference entry says of its source. */
export interface ReferenceFields {
  authors: string[]
  title: string | null
  /** The publication or publisher after the title: `Tor.com`, `The A.V. Club`. */
  publisher: string | null
  /** Publication date, ISO 8601 (`2015-02-24`) where the text has a full date. */
  date: string | null
  retrieved: string | null
  archived: string | null
}

export interface Reference extends ReferenceFields {
  /** `ref-1` */
  id: string
  n: number
  /** The entry as printed, without the `^` and back-link letters. */
  text: string
  /** Back-link letters (`a`, `b`, ...), one per citing place; empty when the entry has a bare `^`. */
  backlinks: string[]
  /** Passage ids citing it, one entry per citing place, in reading order (so `cited_by[i]` is `backlinks[i]`). */
  cited_by: string[]
  /** The passage of this reference (kind `reference`). */
  passage: string
}

export interface Attribution {
  title: string
  publisher: string
  licence: string
  licence_url: string
  source: string
  /** One line a page can print: `"What You Leave Behind" from Wikipedia, CC BY-SA 4.0`. */
  text: string
}

export interface Article {
  slug: string
  title: string
  /** Other titles that lead here: the titles of the wiki's redirect pages to this article. */
  aliases: string[]
  /** The wiki's categories (`[[Category:X]]` gives `X`), in order of appearance, unique. */
  categories: string[]
  /** First lead paragraph, citation markers removed. */
  summary: string
  source: string
  attribution: Attribution
  infobox: Infobox | null
  /** In reading order; the lead first. Every passage of the article sits in exactly one section. */
  sections: Section[]
  references: Reference[]
  notes: Note[]
}

/** What the plain text lost, kept beside it as `<slug>.json`. */
export interface Sidecar {
  source: string
  licence: { name: string; url: string }
  /** Who published the text; default `Wikipedia`. */
  publisher?: string
  aliases?: string[]
  categories?: string[]
  /** Every section in reading order: untitled blocks and `...Edit` headings each take the next entry. */
  sections: { id: string; title: string; level?: number }[]
}
