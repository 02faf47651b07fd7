/**
 * @module The article page: server-rendered, script-free HTML (apart from the widget's module
 * script), readable, accessible and responsive. Drawn with hono/jsx, which escapes every text and attribute; no
 * Workers imports.
 *
 * Every passage is an element whose id is the passage id (`what-you-leave-behind:plot-3`), so the
 * search widget's links (`/articles/{slug}#{passage}`) land on it; notes and references are list
 * items `#note-N` / `#ref-N` with back-links to the citing passages.
 * Meant for the CSP `default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; …`:
 * no inline scripts, one `<style>` element.
 *
 * The pieces are drawn by functions called in reading order (not mounted as components, which render
 * later): each passage gets its element once, the first place that can hold it, recorded in `placed`.
 */
import type { Article, Note, Passage, Reference, Section } from '../core/model.ts'
import css from './article.css'
import { infoboxTable } from './article-infobox.tsx'
import { fragmentHref, safeHref } from './hrefs.ts'
import { join } from './join.ts'
import { Layout, htmlDocument } from './layout.tsx'

export interface ArticlePageOptions {
  /** URL of the widget module script, e.g. `/widget.0123456789.js`. */
  widgetSrc: string
}

/** Note numbers as letters, like Wikipedia: 1 → a, 26 → z, 27 → aa. */
export function noteLabel(n: number): string {
  let s = ''
  for (let k = Math.max(1, Math.floor(n)); k > 0; k = Math.floor((k - 1) / 26))
    s = String.fromCharCode(97 + ((k - 1) % 26)) + s
  return s
}

interface Ctx {
  notes: Map<string, Note>
  refs: Map<string, Reference>
  notesByPassage: Map<string, Note>
  refsByPassage: Map<string, Reference>
  /** Passage ids already given an element (ids must be unique). */
  placed: Set<string>
}

function citeMarkers(p: Passage, ctx: Ctx) {
  return p.citations.map((id) => {
    const note = ctx.notes.get(id)
    const ref = ctx.refs.get(id)
    const href = fragmentHref(id)
    if (note)
      return (
        <sup class="cite">
          <a href={href}>
            <span class="vh">Note </span>[{noteLabel(note.n)}]
          </a>
        </sup>
      )
    if (ref)
      return (
        <sup class="cite">
          <a href={href}>
            <span class="vh">Reference </span>[{ref.n}]
          </a>
        </sup>
      )
    if (!/^(ref|note)-\d+$/.test(id)) return null
    return (
      <sup class="cite">
        <a href={href}>[{id.replace(/^(ref|note)-/, '')}]</a>
      </sup>
    )
  })
}

function backlinks(citedBy: string[], letters: string[]) {
  const back = (id: string, label: string) => (
    <a href={fragmentHref(id)}>
      <span class="vh">Back to citing passage </span>
      {label}
    </a>
  )
  if (citedBy.length === 0) return null
  if (citedBy.length === 1) return <span class="backlinks">{back(citedBy[0] as string, '^')}</span>
  const links = citedBy.map((id, i) => back(id, letters[i] ?? noteLabel(i + 1)))
  return <span class="backlinks">^ {join(links, ' ')}</span>
}

function noteItem(note: Note, p: Passage, ctx: Ctx) {
  ctx.placed.add(p.id)
  return (
    <li id={note.id} value={note.n}>
      {backlinks(note.cited_by, [])}
      <span id={p.id}>{note.text || p.text}</span>
    </li>
  )
}

function refItem(ref: Reference, p: Passage | null, ctx: Ctx) {
  if (p) ctx.placed.add(p.id)
  return (
    <li id={ref.id} value={ref.n}>
      {backlinks(ref.cited_by, ref.backlinks)}
      {p ? <span id={p.id}>{ref.text}</span> : ref.text}
    </li>
  )
}

const PASSAGE_CLASS: Partial<Record<Passage['kind'], string>> = { paragraph: 'passage', caption: 'passage caption' }

/** A section's passages not placed yet: runs of notes and of references as lists, the others as paragraphs. */
function passages(list: Passage[], ctx: Ctx) {
  type Run = { list: 'notes' | 'references' | null; items: ReturnType<typeof noteItem>[] }
  const runs: Run[] = []
  for (const p of list) {
    if (ctx.placed.has(p.id)) continue
    const note = p.kind === 'note' ? ctx.notesByPassage.get(p.id) : undefined
    const ref = p.kind === 'reference' ? ctx.refsByPassage.get(p.id) : undefined
    const kind: Run['list'] = note ? 'notes' : ref ? 'references' : null
    const last = runs[runs.length - 1]
    const run: Run = kind !== null && last?.list === kind ? last : { list: kind, items: [] }
    if (run !== last) runs.push(run)
    if (note) run.items.push(noteItem(note, p, ctx))
    else if (ref) run.items.push(refItem(ref, p, ctx))
    else {
      ctx.placed.add(p.id)
      run.items.push(
        <p id={p.id} class={PASSAGE_CLASS[p.kind] ?? `passage extra ${p.kind}`}>
          {p.text}
          {citeMarkers(p, ctx)}
        </p>,
      )
    }
  }
  return runs.map((run) => (run.list === null ? run.items : <ol class={run.list}>{run.items}</ol>))
}

function contents(sections: Section[]) {
  const items = sections
    .filter((s) => s.id !== 'lead')
    .map((s) => (
      <li class={s.level > 1 ? 'sub' : undefined}>
        <a href={fragmentHref(s.id)}>{s.title}</a>
      </li>
    ))
  if (items.length < 2) return null
  return (
    <nav class="toc" aria-labelledby="toc-heading">
      <h2 id="toc-heading">Contents</h2>
      <ol>{items}</ol>
    </nav>
  )
}

/** Notes and references no section holds (should not happen, but their anchors must exist). */
function strays(article: Article, ctx: Ctx) {
  const passage = (id: string, section: string, kind: 'note' | 'reference', text: string): Passage => ({
    id,
    article: article.slug,
    section,
    kind,
    text,
    citations: [],
  })
  const notes = article.notes.filter((n) => !ctx.placed.has(n.passage))
  const notesList = notes.length > 0 && (
    <section aria-labelledby="notes-list">
      <h2 id="notes-list">Notes</h2>
      <ol class="notes">{notes.map((n) => noteItem(n, passage(n.passage, 'notes', 'note', n.text), ctx))}</ol>
    </section>
  )
  const refs = article.references.filter((r) => !ctx.placed.has(r.passage))
  const refsList = refs.length > 0 && (
    <section aria-labelledby="references-list">
      <h2 id="references-list">References</h2>
      <ol class="references">
        {refs.map((r) =>
          refItem(r, ctx.placed.has(r.passage) ? null : passage(r.passage, 'references', 'reference', r.text), ctx),
        )}
      </ol>
    </section>
  )
  return [notesList, refsList]
}

function sections(article: Article, ctx: Ctx) {
  const toc = contents(article.sections)
  return article.sections.map((section, i) => {
    const infobox = i === 0 && article.infobox ? infoboxTable(article.infobox, article, ctx.placed) : null
    const inner = [infobox, passages(section.passages, ctx)]
    if (section.id === 'lead')
      return [
        <section class="lead" aria-label="Introduction">
          {inner}
        </section>,
        toc,
      ]
    const Heading = section.level > 1 ? 'h3' : 'h2'
    return (
      <section aria-labelledby={section.id}>
        <Heading id={section.id}>{section.title}</Heading>
        {inner}
      </section>
    )
  })
}

export function renderArticlePage(article: Article, opts: ArticlePageOptions): string {
  const ctx: Ctx = {
    notes: new Map(article.notes.map((n) => [n.id, n])),
    refs: new Map(article.references.map((r) => [r.id, r])),
    notesByPassage: new Map(article.notes.map((n) => [n.passage, n])),
    refsByPassage: new Map(article.references.map((r) => [r.passage, r])),
    placed: new Set(),
  }
  const body = sections(article, ctx)
  const unplaced = strays(article, ctx)
  const a = article.attribution
  return htmlDocument(
    <Layout title={article.title} description={article.summary} css={css} widgetSrc={opts.widgetSrc} lightDark>
      <a class="skip" href="#content">
        Skip to article
      </a>
      <header class="site">
        <div class="site-inner">
          <a class="brand" href="/">
            wylb
          </a>
          <wylb-search placeholder="Search the article…"></wylb-search>
        </div>
      </header>
      <main id="content">
        <article class="prose-wrap">
          <h1>{article.title}</h1>
          <div class="prose">
            {body}
            {unplaced}
          </div>
        </article>
      </main>
      <footer>
        <p>
          Text from “<a href={safeHref(a.source || article.source)}>{a.title || article.title}</a>” on{' '}
          {a.publisher || 'Wikipedia'}, licensed under{' '}
          <a rel="license" href={safeHref(a.licence_url)}>
            {a.licence}
          </a>
          . Layout and citation markers re-rendered; the text is unchanged.
        </p>
      </footer>
    </Layout>,
  )
}
