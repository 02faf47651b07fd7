/**
 * @module Answers to field questions: "who directed the finale", "when did emissary air", "what came
 * before what you leave behind". A query phrased as a question about an infobox field names the field
 * and, in the rest of its words, the article: the best of the articles the rest finds whose title,
 * aliases or first paragraph hold every word of it ("the finale" is the article that says it is the
 * series finale, not the series article that mentions its finale), and the answer is that field of
 * its infobox. A query that asks about no field, or about no article that has the field, gets no
 * answer: never one from another article or field.
 */
import type { Article, Infobox } from '../model.ts'
import { eachCompound, fold, stem } from './normalize.ts'
import { isStopword } from './stopwords.ts'
import type { Expansion } from './synonyms.ts'
import { QueryError, type Searcher } from './types.ts'

export interface FieldAnswer {
  /** The infobox key answered: `directed_by`, `original_air_date`, `previous`. */
  field: string
  label: string
  values: string[]
  /** ISO 8601 date where the value holds one. */
  iso_date?: string
  article: { slug: string; title: string }
  /** The infobox passage that says it (`/v1/passages/:id`). */
  passage: string
}

/** A question: which fields it asks about (the first the infobox has is answered) and what it asks it of. */
export interface FieldQuestion {
  fields: readonly string[]
  subject: string
}

const DIRECTOR = ['directed_by', 'director']
const WRITER = ['written_by', 'writer', 'teleplay_by', 'story_by', 'screenplay_by']
const AIRED = ['original_air_date', 'first_aired', 'original_release', 'airdate', 'released', 'release_date']
const CREATOR = ['created_by', 'creator']
const MUSIC = ['featured_music', 'music', 'music_by', 'composer']

/**
 * Question forms, tried in order on the folded query; `(?<s>…)` is the subject. Each names its field
 * with a verb or noun people type; a bare name ("kroeker") or a field's value asks nothing.
 */
const FORMS: { re: RegExp; fields: readonly string[] }[] = [
  { re: /^who (?:directed|was the director (?:of|for)) (?<s>.+)$/, fields: DIRECTOR },
  { re: /^(?:the )?director (?:of|for) (?<s>.+)$/, fields: DIRECTOR },
  { re: /^(?:who|which person) directs (?<s>.+)$/, fields: DIRECTOR },
  { re: /^who (?:wrote|was the writer of|were the writers of|scripted) (?<s>.+)$/, fields: WRITER },
  { re: /^(?:the )?writers? (?:of|for) (?<s>.+)$/, fields: WRITER },
  { re: /^who (?:created|was the creator of|came up with) (?<s>.+)$/, fields: CREATOR },
  { re: /^(?:the )?creators? (?:of|for) (?<s>.+)$/, fields: CREATOR },
  { re: /^who (?:composed|scored|wrote the music (?:for|of)) (?<s>.+)$/, fields: MUSIC },
  {
    re: /^when (?:did|does|was|were) (?<s>.+?) (?:first |originally |initially )?(?:air|aired|broadcast|shown|screened|premiere|premiered|released|come out|first shown)$/,
    fields: AIRED,
  },
  {
    re: /^when (?:did|was) (?<s>.+?) (?:first |originally )?(?:air|aired|broadcast|shown)(?: on tv| on television)?$/,
    fields: AIRED,
  },
  {
    re: /^(?:the )?(?:original |first )?(?:air ?date|broadcast date|release date) (?:of|for) (?<s>.+)$/,
    fields: AIRED,
  },
  {
    re: /^(?:what is |what's |what was )?(?:the )?production (?:code|number) (?:of|for) (?<s>.+)$/,
    fields: ['production_code'],
  },
  {
    re: /^(?:what (?:came|comes|was|is|episode (?:came|was|is)) (?:right |just |directly )?before|what preceded|which episode preceded) (?<s>.+)$/,
    fields: ['previous'],
  },
  { re: /^(?:the )?(?:previous|preceding) (?:episode )?(?:before|to|of) (?<s>.+)$/, fields: ['previous'] },
  {
    re: /^(?:what (?:came|comes|was|is|episode (?:came|was|is)) (?:right |just |directly )?after|what followed|which episode followed) (?<s>.+)$/,
    fields: ['next'],
  },
  { re: /^(?:the )?(?:next|following) episode (?:after|to) (?<s>.+)$/, fields: ['next'] },
  { re: /^when was (?<s>.+?) born$/, fields: ['birth_date', 'born'] },
  { re: /^where was (?<s>.+?) born$/, fields: ['birth_place'] },
  { re: /^when (?:was|were) (?<s>.+?) (?:founded|established|formed)$/, fields: ['founded', 'established', 'formed'] },
  { re: /^when (?:did|was) (?<s>.+?) (?:open|opened)$/, fields: ['opened', 'opening_date'] },
  { re: /^who (?:owns|is the owner of|are the owners of) (?<s>.+)$/, fields: ['owner', 'owners'] },
  {
    re: /^who (?:manages|is the manager of|coaches|is the head coach of) (?<s>.+)$/,
    fields: ['manager', 'head_coach', 'coach'],
  },
  { re: /^(?:what is )?(?:the )?capacity of (?<s>.+)$/, fields: ['capacity'] },
  // The field after the subject ("what you leave behind air date"), for fields no value is named like.
  { re: /^(?<s>.+?) (?:original )?(?:air ?date|broadcast date|release date)$/, fields: AIRED },
  { re: /^(?<s>.+?) production (?:code|number)$/, fields: ['production_code'] },
  { re: /^(?<s>.+?) (?:previous|preceding) episode$/, fields: ['previous'] },
  { re: /^(?<s>.+?) next episode$/, fields: ['next'] },
  {
    re: /^how many episodes (?:of |does |did |are there in |in )?(?<s>.+?)(?: have| had)?$/,
    fields: ['num_episodes', 'no_of_episodes', 'episodes'],
  },
  {
    re: /^how many seasons (?:of |does |did |are there in |in )?(?<s>.+?)(?: have| had)?$/,
    fields: ['num_seasons', 'no_of_seasons', 'seasons'],
  },
]

/** The question a query asks about a field, or null when it asks none. */
export function fieldQuestion(q: string): FieldQuestion | null {
  const text = q
    .toLowerCase()
    .normalize('NFKC')
    .replace(/[?!.,;:]+/gu, ' ')
    .replace(/\s+/gu, ' ')
    .trim()
  for (const { re, fields } of FORMS) {
    const subject = re.exec(text)?.groups?.s?.trim()
    if (subject && /[\p{L}\p{N}]/u.test(subject)) return { fields, subject }
  }
  return null
}

/** The first of `fields` that `infobox` has a value for, as an answer (chronology included). */
export function answerFrom(article: Article, fields: readonly string[]): FieldAnswer | null {
  const box: Infobox | null = article.infobox
  if (!box) return null
  const passages = new Set(article.sections.flatMap((s) => s.passages.map((p) => p.id)))
  const passageOf = (key: string): string | null => {
    const id = `${article.slug}:infobox-${key}`
    return passages.has(id) ? id : null
  }
  const ref = { slug: article.slug, title: article.title }
  for (const key of fields) {
    if (key === 'previous' || key === 'next') {
      const value = box[key]
      const passage = passageOf(key)
      if (value && passage)
        return { field: key, label: key === 'previous' ? 'Previous' : 'Next', values: [value], article: ref, passage }
      continue
    }
    const field = box.fields.find((f) => f.key === key)
    const passage = passageOf(key)
    if (!field || field.values.length === 0 || !passage) continue
    return {
      field: field.key,
      label: field.label,
      values: field.values,
      ...(field.iso_date ? { iso_date: field.iso_date } : {}),
      article: ref,
      passage,
    }
  }
  return null
}

/** The articles of the best hits for `q`, best first, and the synonyms the search used (none for a query with nothing to search). */
export async function articlesFor(
  searcher: Pick<Searcher, 'search'>,
  q: string,
): Promise<{ slugs: string[]; expansions: Expansion[] }> {
  try {
    const answer = await searcher.search({ q, limit: 20, offset: 0 })
    return { slugs: [...new Set(answer.results.map((hit) => hit.article.slug))], expansions: answer.expansions ?? [] }
  } catch (error) {
    if (error instanceof QueryError) return { slugs: [], expansions: [] }
    throw error
  }
}

/** Articles a question may be about: the best few the subject finds, read in rank order. */
const CANDIDATES = 3

const NOT_WORD = /[^\p{L}\p{N}]+/u

/** The stemmed words of `text` that carry meaning (stopwords left out). */
function words(text: string): Set<string> {
  const out = new Set<string>()
  eachCompound(text, (raw) => {
    for (const part of raw.split(NOT_WORD)) {
      const key = fold(part)
      if (key && !isStopword(key)) out.add(stem(key))
    }
  })
  return out
}

/** Each article's own words, analysed once per model rather than once per question asked of it. */
const ownWords = new WeakMap<Article, Set<string>>()

function wordsOf(article: Article): Set<string> {
  let own = ownWords.get(article)
  if (!own) ownWords.set(article, (own = words([article.title, ...article.aliases, article.summary].join(' '))))
  return own
}

/**
 * Whether the article presents itself as the subject: every word of the subject in its title,
 * aliases or first paragraph, a word standing for its synonyms too ("ds9" for "deep space nine").
 */
export function isAbout(article: Article, subject: string, expansions: Expansion[] = []): boolean {
  const own = wordsOf(article)
  const wanted = [...words(subject)]
  const held = (w: string) =>
    own.has(w) || expansions.some((e) => words(e.from).has(w) && [...words(e.to)].every((t) => own.has(t)))
  return wanted.length > 0 && wanted.every(held)
}

/**
 * The answer to `q` when it asks about a field. The candidates are the articles of the hits the
 * asker is shown (`shown`, best first), then those the subject alone finds; `article` loads a model.
 * The first candidate that is about the subject and has the field answers, so the answer agrees
 * with the list below it.
 */
export async function answerField(
  q: string,
  searcher: Pick<Searcher, 'search'>,
  article: (slug: string) => Promise<Article | undefined>,
  shown: string[] = [],
): Promise<FieldAnswer | null> {
  const question = fieldQuestion(q)
  if (!question) return null
  const found = await articlesFor(searcher, question.subject)
  const candidates = [...new Set([...shown.slice(0, CANDIDATES), ...found.slugs.slice(0, CANDIDATES)])]
  for (const slug of candidates) {
    const model = await article(slug)
    if (!model || !isAbout(model, question.subject, found.expansions)) continue
    const answer = answerFrom(model, question.fields)
    if (answer) return answer
  }
  return null
}
