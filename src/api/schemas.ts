/**
 * @module Zod schemas of what the API answers with: the OpenAPI document is generated from them.
 * They mirror src/core/model.ts, and the type assertions at the end keep the two from drifting.
 */
import { z } from '@hono/zod-openapi'
import { PASSAGE_KINDS, type Article, type Passage, type Reference, type Section, type Note } from '../core/model.ts'

const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/

export const SlugParam = z
  .string()
  .max(200, 'a slug is at most 200 characters')
  .regex(SLUG, 'a slug is lowercase letters, digits and single hyphens')
  .openapi({ param: { name: 'slug', in: 'path' }, example: 'what-you-leave-behind' })

export const PassageSchema = z
  .object({
    id: z.string().openapi({ example: 'what-you-leave-behind:plot-1' }),
    article: z.string().openapi({ example: 'what-you-leave-behind' }),
    section: z.string().openapi({ example: 'plot' }),
    kind: z.enum(PASSAGE_KINDS),
    text: z.string(),
    citations: z.array(z.string()).openapi({ example: ['ref-1', 'note-2'] }),
  })
  .openapi('Passage')

export const SectionSchema = z
  .object({
    id: z.string().openapi({ example: 'critical-reception' }),
    title: z.string().openapi({ example: 'Critical reception' }),
    level: z.number().int(),
    parent: z.string().nullable(),
    passages: z.array(PassageSchema),
  })
  .openapi('Section')

export const SectionSummarySchema = SectionSchema.omit({ passages: true })
  .extend({ passage_count: z.number().int(), url: z.string() })
  .openapi('SectionSummary')

export const InfoboxSchema = z
  .object({
    heading: z.string(),
    subheading: z.string().nullable(),
    image: z.object({ file: z.string(), caption: z.string().nullable() }).nullable(),
    fields: z.array(
      z.object({
        label: z.string().openapi({ example: 'Directed by' }),
        key: z.string().openapi({ example: 'directed_by' }),
        values: z.array(z.string()).openapi({ example: ['Allan Kroeker'] }),
        iso_date: z.string().optional(),
      }),
    ),
    previous: z.string().nullable(),
    next: z.string().nullable(),
  })
  .openapi('Infobox')

/** What a note and a reference both are: the article's n-th entry of its kind, with its text. */
const numberedEntry = (idExample: string) => ({
  id: z.string().openapi({ example: idExample }),
  n: z.number().int(),
  text: z.string(),
})

export const NoteSchema = z
  .object({ ...numberedEntry('note-1'), passage: z.string(), cited_by: z.array(z.string()) })
  .openapi('Note')

export const ReferenceSchema = z
  .object({
    ...numberedEntry('ref-1'),
    authors: z.array(z.string()).openapi({ example: ['DeCandido, Keith'] }),
    title: z.string().nullable(),
    publisher: z.string().nullable().openapi({ example: 'Tor.com' }),
    date: z.string().nullable().openapi({ example: '2015-02-24' }),
    retrieved: z.string().nullable(),
    archived: z.string().nullable(),
    backlinks: z.array(z.string()),
    cited_by: z.array(z.string()),
    passage: z.string(),
  })
  .openapi('Reference')

export const AttributionSchema = z
  .object({
    title: z.string(),
    publisher: z.string().openapi({ example: 'Wikipedia' }),
    licence: z.string().openapi({ example: 'CC BY-SA 4.0' }),
    licence_url: z.string(),
    source: z.string(),
    text: z.string(),
  })
  .openapi('Attribution')

export const ArticleSchema = z
  .object({
    slug: z.string(),
    title: z.string(),
    aliases: z.array(z.string()).openapi({ description: 'Titles of the redirect pages to this article.' }),
    categories: z.array(z.string()).openapi({ description: "The wiki's categories of the article." }),
    summary: z.string(),
    source: z.string(),
    attribution: AttributionSchema,
    infobox: InfoboxSchema.nullable(),
    sections: z.array(SectionSchema),
    references: z.array(ReferenceSchema),
    notes: z.array(NoteSchema),
  })
  .openapi('Article')

export const ArticleSummarySchema = z
  .object({ slug: z.string(), title: z.string(), url: z.string(), attribution: AttributionSchema })
  .openapi('ArticleSummary')

/** Wraps a list with the attribution that must travel with the article's text. */
export function withAttribution<T extends z.ZodTypeAny>(key: string, schema: T) {
  return z.object({ [key]: schema, attribution: AttributionSchema })
}

type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false
type Expect<T extends true> = T
/** Fails to compile when a schema and the model it mirrors disagree. */
export type SchemasMatchModel = [
  Expect<Same<z.infer<typeof PassageSchema>, Passage>>,
  Expect<Same<z.infer<typeof SectionSchema>, Section>>,
  Expect<Same<z.infer<typeof NoteSchema>, Note>>,
  Expect<Same<z.infer<typeof ReferenceSchema>, Reference>>,
  Expect<Same<z.infer<typeof ArticleSchema>, Article>>,
]

export const FieldAnswerSchema = z
  .object({
    field: z.string().openapi({
      description: 'The infobox key answered (`previous`/`next`: the chronology).',
      example: 'directed_by',
    }),
    label: z.string().openapi({ example: 'Directed by' }),
    values: z.array(z.string()).openapi({ example: ['Allan Kroeker'] }),
    iso_date: z
      .string()
      .optional()
      .openapi({ description: 'ISO 8601 date where the value holds one.', example: '1999-06-02' }),
    article: z.object({ slug: z.string(), title: z.string() }),
    passage: z.string().openapi({
      description: 'The infobox passage that says it.',
      example: 'what-you-leave-behind:infobox-directed_by',
    }),
  })
  .openapi('FieldAnswer', {
    description:
      'When the query asks about an infobox field ("who directed the finale", "when did … air", "what came before …"): ' +
      'that field of the article the rest of the query finds first. Absent when the query asks about no field, or ' +
      'when that article has no such field.',
  })

export const ExpansionSchema = z
  .object({
    from: z.string().openapi({ example: 'DS9' }),
    to: z.string().openapi({ example: 'Deep Space Nine' }),
  })
  .openapi('Expansion', {
    description: 'The query said `from`; passages saying `to` were searched too (synonyms, numbers).',
  })
