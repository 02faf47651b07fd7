/** @module The query-string schemas of search and suggest: every parameter checked, with a reason to give back. */
import { z } from '@hono/zod-openapi'
import { PASSAGE_KINDS } from '../core/model.ts'
import { MAX_QUERY_LENGTH, MAX_SEARCH_LIMIT } from './limits.ts'

/** Deep pages cost as much as shallow ones to rank; past this nobody reads, and it caps the work a request can ask for. */
export const MAX_OFFSET = 500

// Control characters are dropped rather than refused: they come from pasted text, not from intent.
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u200b\u2028\u2029\ufeff]/g

const wholeNumber = (name: string, min: number, max: number, fallback: number) =>
  z
    .string()
    .regex(/^\d{1,6}$/, `${name} is a whole number from ${min} to ${max}`)
    .transform(Number)
    .refine((n) => n >= min && n <= max, `${name} is a whole number from ${min} to ${max}`)
    .optional()
    .transform((n) => n ?? fallback)
    .openapi({ type: 'integer', minimum: min, maximum: max, default: fallback })

export const queryText = z
  .string({ error: 'q is required: the words to search for' })
  .max(MAX_QUERY_LENGTH * 4, `q is at most ${MAX_QUERY_LENGTH} characters`)
  .transform((q) => q.replace(CONTROL, ' ').trim())
  .refine((q) => q.length > 0, 'q is empty: give the words to search for')
  .refine((q) => [...q].length <= MAX_QUERY_LENGTH, `q is at most ${MAX_QUERY_LENGTH} characters`)
  // The raw cap above is a cheap guard on what gets scanned at all; the promise to clients is characters.
  .openapi({
    example: 'garak cardassia',
    maxLength: MAX_QUERY_LENGTH,
    description: `The query, 1 to ${MAX_QUERY_LENGTH} characters.`,
  })

export const SearchQuery = z.object({
  q: queryText.openapi({
    param: { name: 'q', in: 'query' },
    description:
      'Words to find. Typos, word forms and a trailing prefix are matched; `"quoted phrases"` match as phrases; `-word` excludes.',
  }),
  limit: wholeNumber('limit', 1, MAX_SEARCH_LIMIT, 10).openapi({ param: { name: 'limit', in: 'query' } }),
  offset: wholeNumber('offset', 0, MAX_OFFSET, 0).openapi({ param: { name: 'offset', in: 'query' } }),
  article: z
    .string()
    .max(200, 'article is a slug of at most 200 characters')
    .optional()
    .openapi({ param: { name: 'article', in: 'query' }, example: 'what-you-leave-behind' }),
  section: z
    .string()
    .max(200, 'section is an id of at most 200 characters')
    .optional()
    .openapi({ param: { name: 'section', in: 'query' }, example: 'critical-reception' }),
  kind: z
    .enum(PASSAGE_KINDS, { error: `kind is one of ${PASSAGE_KINDS.join(', ')}` })
    .optional()
    .openapi({ param: { name: 'kind', in: 'query' } }),
  category: z
    .string()
    .max(200, 'category is at most 200 characters')
    .optional()
    .openapi({
      param: { name: 'category', in: 'query' },
      example: 'Star Trek: Deep Space Nine episodes',
      description:
        "Only passages of articles in this category (the wiki's `[[Category:…]]`; the `categories` facet " +
        'lists them), without regard to case.',
    }),
  group: z
    .enum(['article'], { error: 'group is article (one hit per article) or absent (one hit per passage)' })
    .optional()
    .openapi({
      param: { name: 'group', in: 'query' },
      description:
        '`article`: one hit per article (its best passage), with its next best passages as `sub_results`; `total` then counts articles.',
    }),
})

export const SuggestQuery = z.object({
  q: queryText.openapi({ param: { name: 'q', in: 'query' }, example: 'epsic' }),
  limit: wholeNumber('limit', 1, 20, 8).openapi({ param: { name: 'limit', in: 'query' } }),
})
