/**
 * @module The first half of the sharded build: articles in, analysis batches out. Each passage is read
 * into postings events (plain numbers, cheap to hand to another thread), each doc block and article
 * model is serialized, and the vocabulary is counted. A Node build runs this half on a worker thread
 * while the main thread gathers postings and writes pieces (src/core/shards/build.ts); run inline,
 * it gives the same batches.
 */
import { PASSAGE_KINDS, type Article, type Attribution } from '../model.ts'
import { fieldsOf } from '../search/fields.ts'
import { PassageReader, type FormCount, type Occurrences } from '../search/vocab-build.ts'
import { grown } from '../grown.ts'
import type { DocBlock } from './format.ts'

/** Postings events: `[PART, term, pos, start, length]`. */
export const PART = 0
/** `[JOIN, term, pos, span, start, length]`. */
export const JOIN = 1
/** The end of a passage: `[END, ordinal, length, secKind, parent]`. */
export const END = 2

/** An article as the rest of the build needs it, beside its model's JSON. */
export interface ArticleInfo {
  slug: string
  title: string
  attribution: Attribution
  /** Its first passage's ordinal, and how many it has. */
  first: number
  passages: number
  references: number
  notes: number
  /** Its passages' text, in UTF-16 code units. */
  text: number
  categories?: string[]
}

/** What the build stores, in the order it stores it: a doc block as it fills, an article's model after it. */
export type AnalysisItem = { block: string; first: number } | { article: ArticleInfo; json: string }

/** What the analysis of the whole corpus adds up to, on the last batch. */
export interface AnalysisEnd {
  forms: [key: string, form: FormCount][]
  /** Distinct section ids, in first-seen order. */
  sections: string[]
  sectionCount: number
  passages: number
  /** Tokens of all passages. */
  totalLength: number
}

export interface AnalysisBatch {
  /** Terms first met in this batch; their ids continue from the batch before. */
  terms: string[]
  events: Int32Array<ArrayBuffer>
  items: AnalysisItem[]
  end?: AnalysisEnd
}

/** Passages a batch holds at least: large enough that handing one over costs little, small enough to stream. */
export const BATCH_PASSAGES = 2000

export class Analyzer {
  private readonly termIds = new Map<string, number>()
  private terms: string[] = []
  private readonly reader = new PassageReader((t) => this.termId(t))
  private events: Int32Array<ArrayBuffer> = new Int32Array(1 << 16)
  private n = 0
  private items: AnalysisItem[] = []
  private readonly sectionIds = new Map<string, number>()
  private readonly slugs = new Set<string>()
  private sectionCount = 0
  private totalLength = 0
  private ordinal = 0
  private passagesInBatch = 0
  private block: DocBlock = { first: 0, articles: [], sections: [], passages: [] }
  private blockSize = 0

  constructor(
    private readonly docBlock: number,
    private readonly batchPassages = BATCH_PASSAGES,
    /** Alias slugs by the slug of the article they name (its fields: src/core/search/fields.ts). */
    private readonly aliases: ReadonlyMap<string, string[]> = new Map(),
  ) {}

  /** Whether enough passages wait to make a batch. */
  get full(): boolean {
    return this.passagesInBatch >= this.batchPassages
  }

  add(article: Article): void {
    if (this.slugs.has(article.slug)) throw new Error(`wylb build: two articles have the slug "${article.slug}"`)
    this.slugs.add(article.slug)
    const first = this.ordinal
    let text = 0
    let blockArticle = -1
    const fields = fieldsOf(article, this.aliases.get(article.slug) ?? [])
    for (const section of article.sections) {
      this.sectionCount++
      const own = this.sectionId(section.id)
      const parentFound = section.parent !== null && article.sections.some((s) => s.id === section.parent)
      const par = parentFound ? this.sectionId(section.parent as string) + 1 : 0
      let blockSection = -1
      for (const passage of section.passages) {
        const block = this.block
        if (blockArticle < 0) blockArticle = block.articles.push([article.slug, article.title, article.attribution]) - 1
        if (blockSection < 0) blockSection = block.sections.push([blockArticle, section.id, section.title]) - 1
        const kind = Math.max(0, PASSAGE_KINDS.indexOf(passage.kind))
        block.passages.push([passage.id, blockSection, kind, passage.text])
        this.blockSize += passage.text.length + passage.id.length + 16
        text += passage.text.length

        const length = this.reader.read(passage.text, this.record)
        this.fieldEnd = passage.text.length
        for (const f of fields.get(passage.id) ?? []) {
          this.fieldBase = f.base
          this.reader.read(f.text, this.fieldRecord)
        }
        this.totalLength += length
        this.end(this.ordinal, length, own * 8 + kind, par)
        this.ordinal++
        this.passagesInBatch++
        if (this.blockSize >= this.docBlock) {
          this.flush()
          blockArticle = -1
          blockSection = -1
        }
      }
    }
    const info: ArticleInfo = {
      slug: article.slug,
      title: article.title,
      attribution: article.attribution,
      first,
      passages: this.ordinal - first,
      references: article.references.length,
      notes: article.notes.length,
      text,
      ...(article.categories && article.categories.length > 0 ? { categories: article.categories } : {}),
    }
    this.items.push({ article: info, json: JSON.stringify(article) })
  }

  /** The events and items since the last batch. */
  take(): AnalysisBatch {
    const batch: AnalysisBatch = { terms: this.terms, events: this.events.slice(0, this.n), items: this.items }
    this.terms = []
    this.items = []
    this.n = 0
    this.passagesInBatch = 0
    return batch
  }

  /** The last batch: the last doc block, and what the whole corpus added up to. */
  finish(): AnalysisBatch {
    this.flush()
    const batch = this.take()
    batch.end = {
      forms: [...this.reader.vocabulary()],
      sections: [...this.sectionIds.keys()],
      sectionCount: this.sectionCount,
      passages: this.ordinal,
      totalLength: this.totalLength,
    }
    return batch
  }

  private readonly record: Occurrences = {
    part: (term, pos, start, length) => this.emit(5, PART, term, pos, start, length),
    join: (term, pos, span, start, length) => this.emit(6, JOIN, term, pos, span, start, length),
  }

  /**
   * Occurrences in a field: positions from `fieldBase`, offsets at `fieldEnd`, the end of the passage's
   * text (a field has no text in the passage to mark, and offsets must not go back). One object for
   * every field: a passage reads two fields or more, and functions made per read cost a second at 100 MB.
   */
  private fieldBase = 0
  private fieldEnd = 0
  private readonly fieldRecord: Occurrences = {
    part: (term, pos) => this.record.part(term, this.fieldBase + pos, this.fieldEnd, 0),
    join: (term, pos, span) => this.record.join(term, this.fieldBase + pos, span, this.fieldEnd, 0),
  }

  private end(ordinal: number, length: number, secKind: number, parent: number): void {
    this.emit(5, END, ordinal, length, secKind, parent)
  }

  /** Appends an event of `size` numbers: its tag and four numbers, and a fifth (`e`) for a join. */
  private emit(size: 5 | 6, tag: number, a: number, b: number, c: number, d: number, e = 0): void {
    if (this.n + size > this.events.length) this.events = grown(this.events, this.n + size)
    const ev = this.events
    ev[this.n++] = tag
    ev[this.n++] = a
    ev[this.n++] = b
    ev[this.n++] = c
    ev[this.n++] = d
    if (size === 6) ev[this.n++] = e
  }

  private flush(): void {
    if (this.block.passages.length > 0) this.items.push({ block: JSON.stringify(this.block), first: this.block.first })
    this.block = { first: this.ordinal, articles: [], sections: [], passages: [] }
    this.blockSize = 0
  }

  private termId(t: string): number {
    let id = this.termIds.get(t)
    if (id === undefined) {
      id = this.termIds.size
      this.termIds.set(t, id)
      this.terms.push(t)
    }
    return id
  }

  private sectionId(id: string): number {
    let i = this.sectionIds.get(id)
    if (i === undefined) this.sectionIds.set(id, (i = this.sectionIds.size))
    return i
  }
}

/** Analyzes `articles` in batches cut between articles (the last one carries the end). */
export async function* analyze(
  articles: Iterable<Article> | AsyncIterable<Article>,
  docBlock: number,
  batchPassages = BATCH_PASSAGES,
  aliases: ReadonlyMap<string, string[]> = new Map(),
): AsyncGenerator<AnalysisBatch> {
  const analyzer = new Analyzer(docBlock, batchPassages, aliases)
  for await (const article of articles) {
    analyzer.add(article)
    if (analyzer.full) yield analyzer.take()
  }
  yield analyzer.finish()
}
