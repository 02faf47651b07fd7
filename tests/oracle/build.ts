/**
 * @module Build time: analyzes every passage of every article, fills the FlexSearch index and
 * serializes everything search needs into named string pieces. Deterministic: the same articles
 * give the same pieces (the build hashes them into a version).
 */
import { PassageReader, usage } from '../../src/core/search/vocab-build.ts'
import type { Article } from '../../src/core/model.ts'
import { fieldsOf } from '../../src/core/search/fields.ts'
import { createFlexIndex, exportFlex } from './flex.ts'
import { FORMAT_VERSION } from '../../src/core/storage/format-version.ts'
import { KINDS, type Docs, type Meta, type Stream, type VocabEntry } from './format.ts'

export async function buildSearchIndex(articles: Article[]): Promise<Record<string, string>> {
  const docs: Docs = { articles: [], sections: [], passages: [] }
  const termIds = new Map<string, number>()
  const terms: string[] = []
  const streams: Stream[] = []
  const flex = createFlexIndex()

  const termId = (t: string): number => {
    let id = termIds.get(t)
    if (id === undefined) {
      id = terms.length
      terms.push(t)
      termIds.set(t, id)
    }
    return id
  }
  const reader = new PassageReader(termId)

  for (const article of articles) {
    const a = docs.articles.push([article.slug, article.title]) - 1
    const fieldTexts = fieldsOf(article, [])
    for (const section of article.sections) {
      const s = docs.sections.push([a, section.id, section.title, section.parent]) - 1
      for (const passage of section.passages) {
        const p = docs.passages.push([passage.id, s, Math.max(0, KINDS.indexOf(passage.kind)), passage.text]) - 1
        const parts: number[] = []
        const joins: number[] = []
        const unique = new Set<number>()
        reader.read(passage.text, {
          part(term, _pos, start, length) {
            parts.push(term, start, length)
            unique.add(term)
          },
          join(term, pos, span) {
            joins.push(pos, span, term)
            unique.add(term)
          },
        })
        const fields: number[] = []
        for (const f of fieldTexts.get(passage.id) ?? []) {
          reader.read(f.text, {
            part(term, pos) {
              fields.push(term, f.base + pos)
              unique.add(term)
            },
            join(term, pos, span) {
              joins.push(f.base + pos, span, term)
              unique.add(term)
            },
          })
        }
        streams.push(fields.length > 0 ? [parts, joins, fields] : [parts, joins])
        flex.add(p, [...unique].map((t) => terms[t]).join(' '))
      }
    }
  }

  const vocabEntries: VocabEntry[] = [...reader.vocabulary().entries()]
    .sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0))
    .map(([key, form]) => {
      const { freq, display } = usage(form)
      return [key, form.term, freq, display === key ? '' : display, form.suggest ? 1 : 0]
    })

  const flexPieces = await exportFlex(flex)
  const meta: Meta = {
    format: FORMAT_VERSION,
    counts: {
      articles: docs.articles.length,
      sections: docs.sections.length,
      passages: docs.passages.length,
      terms: terms.length,
      vocab: vocabEntries.length,
    },
    flex: Object.keys(flexPieces).sort(),
  }
  return {
    meta: JSON.stringify(meta),
    docs: JSON.stringify(docs),
    terms: JSON.stringify(terms),
    vocab: JSON.stringify(vocabEntries),
    streams: JSON.stringify(streams),
    ...flexPieces,
  }
}
