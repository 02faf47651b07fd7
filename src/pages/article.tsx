/**
 * @module The article page: server-rendered, script-free HTML (apart from the widget's module
 * script), readable, accessible and responsive. Pure: no Hono or Workers imports.
 *
 * Every passage is an element whose id is the passage id (`what-you-leave-behind:plot-3`), so the
 * search widget's links (`/articles/{slug}#{passage}`) land on it; notes and references are list
 * items `#note-N` / `#ref-N` with back-links to the citing passages.
 * Meant for the CSP `default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; …`:
 * no inline scripts, one `<style>` element.
 */
import type { Article, Infobox, Note, Passage, Reference, Section } from '../core/model.ts'
import { escapeHtml as esc, fragmentHref, safeHref } from './hrefs.ts'

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

const ARTICLE_CSS = `
:root{color-scheme:light dark;--fg:#1d2128;--bg:#fff;--muted:#5b6270;--border:#d5d9e0;--accent:#2657b5;--target:#fff3b0;--panel:#f6f7f9}
@media (prefers-color-scheme:dark){:root{--fg:#e7e9ee;--bg:#15171b;--muted:#a3a9b6;--border:#363b45;--accent:#8fb4ff;--target:#4a3f0b;--panel:#1d2026}}
*,*::before,*::after{box-sizing:border-box}
html{-webkit-text-size-adjust:100%}
body{margin:0;font:1.0625rem/1.6 Georgia,"Iowan Old Style","Times New Roman",serif;color:var(--fg);background:var(--bg)}
a{color:var(--accent)}
a:focus-visible{outline:2px solid var(--accent);outline-offset:2px}
.skip{position:absolute;left:-9999px;top:0}
.vh{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);clip-path:inset(50%);white-space:nowrap}
.skip:focus{left:8px;top:8px;background:var(--bg);padding:6px 10px;z-index:10}
.site{border-bottom:1px solid var(--border);background:var(--panel)}
.site-inner,main,footer{max-width:72rem;margin:0 auto;padding:0 1rem}
.site-inner{display:flex;flex-wrap:wrap;gap:.5rem 1rem;align-items:center;padding-top:.75rem;padding-bottom:.75rem}
.brand{font:700 1rem system-ui,sans-serif;text-decoration:none;color:var(--fg)}
wylb-search{flex:1 1 18rem;max-width:40rem;min-width:0}
main{padding-top:1rem;padding-bottom:2rem}
h1,h2,h3{font-family:system-ui,-apple-system,"Segoe UI",sans-serif;line-height:1.25}
h1{font-size:clamp(1.6rem,4vw,2.3rem);margin:.5rem 0 1rem}
h2{font-size:1.45rem;border-bottom:1px solid var(--border);padding-bottom:.2rem;margin:2rem 0 .75rem}
h3{font-size:1.15rem;margin:1.5rem 0 .5rem}
.prose{max-width:46rem}
p{margin:0 0 1rem}
sup.cite{font-size:.72em;line-height:0;white-space:nowrap}
sup.cite a{text-decoration:none;padding:0 .05em}
:target{background:var(--target);outline:3px solid var(--target);border-radius:2px;scroll-margin-top:1rem}
@media (prefers-reduced-motion:no-preference){html{scroll-behavior:smooth}}
.infobox{width:100%;max-width:22rem;border:1px solid var(--border);background:var(--panel);border-collapse:collapse;
font:.9rem/1.4 system-ui,sans-serif;margin:0 0 1rem}
@media (min-width:60rem){.infobox{float:right;margin:0 0 1rem 1.5rem}}
.infobox caption{font-weight:700;font-size:1.05rem;padding:.5rem;background:var(--panel);border:1px solid var(--border);border-bottom:0}
.infobox caption .sub{display:block;font-weight:400;font-size:.85rem;color:var(--muted)}
.infobox th,.infobox td{padding:.35rem .5rem;border-top:1px solid var(--border);vertical-align:top;text-align:left}
.infobox th{width:40%}
.infobox .image td{text-align:center;color:var(--muted);font-size:.85rem}
.infobox ul{margin:0;padding:0;list-style:none}
.infobox .chrono td{width:50%}
.toc{display:inline-block;border:1px solid var(--border);background:var(--panel);padding:.5rem 1rem;margin:0 0 1rem;font:.95rem/1.5 system-ui,sans-serif}
.toc h2{font-size:1rem;border:0;margin:.25rem 0}
.toc ol{margin:0;padding-left:0;list-style:none}
.toc .sub{padding-left:1rem}
.caption,.extra{color:var(--muted);font-size:.95rem}
ol.notes,ol.references{font-size:.92rem;padding-left:2rem}
ol.notes{list-style:lower-alpha}
ol.notes li,ol.references li{margin:.35rem 0}
.backlinks{font-weight:700;margin-right:.35em}
.backlinks a{text-decoration:none}
footer{border-top:1px solid var(--border);color:var(--muted);font:.9rem/1.5 system-ui,sans-serif;padding-top:1rem;padding-bottom:2rem;clear:both}
@media (max-width:30rem){body{font-size:1rem}.infobox{max-width:none}.infobox th{width:auto}}
`

interface Ctx {
  article: Article
  notes: Map<string, Note>
  refs: Map<string, Reference>
  notesByPassage: Map<string, Note>
  refsByPassage: Map<string, Reference>
  /** Passage ids already given an element (ids must be unique). */
  placed: Set<string>
}

function citeMarkers(p: Passage, ctx: Ctx): string {
  let out = ''
  for (const id of p.citations) {
    const note = ctx.notes.get(id)
    const ref = ctx.refs.get(id)
    if (note) {
      const label = noteLabel(note.n)
      out += `<sup class="cite"><a href="${fragmentHref(id)}"><span class="vh">Note </span>[${esc(label)}]</a></sup>`
    } else if (ref) {
      out += `<sup class="cite"><a href="${fragmentHref(id)}"><span class="vh">Reference </span>[${esc(ref.n)}]</a></sup>`
    } else if (/^(ref|note)-\d+$/.test(id)) {
      out += `<sup class="cite"><a href="${fragmentHref(id)}">[${esc(id.replace(/^(ref|note)-/, ''))}]</a></sup>`
    }
  }
  return out
}

function passageBlock(p: Passage, ctx: Ctx, cls: string): string {
  ctx.placed.add(p.id)
  return `<p id="${esc(p.id)}" class="${cls}">${esc(p.text)}${citeMarkers(p, ctx)}</p>`
}

function backlinks(citedBy: string[], letters: string[]): string {
  if (citedBy.length === 0) return ''
  if (citedBy.length === 1) {
    const first = citedBy[0] as string
    return `<span class="backlinks"><a href="${fragmentHref(first)}"><span class="vh">Back to citing passage </span>^</a></span>`
  }
  const links = citedBy
    .map((id, i) => {
      const letter = letters[i] ?? noteLabel(i + 1)
      return `<a href="${fragmentHref(id)}"><span class="vh">Back to citing passage </span>${esc(letter)}</a>`
    })
    .join(' ')
  return `<span class="backlinks">^ ${links}</span>`
}

function noteItem(note: Note, p: Passage, ctx: Ctx): string {
  ctx.placed.add(p.id)
  return `<li id="${esc(note.id)}" value="${esc(note.n)}">${backlinks(note.cited_by, [])}<span id="${esc(p.id)}">${esc(note.text || p.text)}</span></li>`
}

function refItem(ref: Reference, p: Passage | null, ctx: Ctx): string {
  if (p) ctx.placed.add(p.id)
  const body = p ? `<span id="${esc(p.id)}">${esc(ref.text)}</span>` : esc(ref.text)
  return `<li id="${esc(ref.id)}" value="${esc(ref.n)}">${backlinks(ref.cited_by, ref.backlinks)}${body}</li>`
}

interface InfoboxAnchors {
  table: string | null
  rows: Map<string, string>
  caption: string | null
  /** The chronology passages (`…:infobox-previous`, `…:infobox-next`), anchored on their chronology cells. */
  previous: string | null
  next: string | null
}

/** The infobox passage of one chronology direction: by its local id, else by its `Previous: …` / `Next: …` text. */
function chronoPassage(passages: Passage[], which: 'previous' | 'next'): string | null {
  const prefix = which === 'previous' ? 'previous:' : 'next:'
  const found =
    passages.find((p) => p.id.endsWith(`:infobox-${which}`)) ??
    passages.find((p) => p.text.trim().toLowerCase().startsWith(prefix))
  return found?.id ?? null
}

/** Which infobox passages and caption passages the infobox itself can anchor. */
function infoboxAnchors(article: Article): InfoboxAnchors {
  const box = article.infobox
  const rows = new Map<string, string>()
  let table: string | null = null
  let caption: string | null = null
  if (!box) return { table, rows, caption, previous: null, next: null }
  const all = article.sections.flatMap((s) => s.passages)
  const boxPassages = all.filter((p) => p.kind === 'infobox')
  const previous = box.previous !== null ? chronoPassage(boxPassages, 'previous') : null
  const next = box.next !== null ? chronoPassage(boxPassages, 'next') : null
  const infoPassages = boxPassages.filter((p) => p.id !== previous && p.id !== next)
  if (infoPassages.length === 1) table = (infoPassages[0] as Passage).id
  else {
    for (const p of infoPassages) {
      const field = box.fields.find(
        (f) => !rows.has(f.key) && p.text.trim().toLowerCase().startsWith(f.label.toLowerCase()),
      )
      if (field) rows.set(field.key, p.id)
    }
  }
  const cap = box.image?.caption?.trim()
  if (cap) caption = all.find((p) => p.kind === 'caption' && p.text.trim() === cap)?.id ?? null
  return { table, rows, caption, previous, next }
}

function renderInfobox(box: Infobox, article: Article, ctx: Ctx): string {
  const anchors = infoboxAnchors(article)
  if (anchors.table) ctx.placed.add(anchors.table)
  const idAttr = (id: string | null | undefined): string => (id ? ` id="${esc(id)}"` : '')
  let rows = ''
  if (box.image) {
    if (anchors.caption) ctx.placed.add(anchors.caption)
    const cap = box.image.caption ? esc(box.image.caption) : esc(box.image.file)
    rows += `<tr class="image"><td colspan="2"${idAttr(anchors.caption)}>${cap}</td></tr>`
  }
  for (const f of box.fields) {
    const id = anchors.rows.get(f.key)
    if (f.values.length === 0 && !id) continue
    if (id) ctx.placed.add(id)
    const values = f.values.map((v, i) =>
      i === 0 && f.iso_date ? `<time datetime="${esc(f.iso_date)}">${esc(v)}</time>` : esc(v),
    )
    const cell = values.length > 1 ? `<ul>${values.map((v) => `<li>${v}</li>`).join('')}</ul>` : (values[0] ?? '')
    rows += `<tr${idAttr(id)}><th scope="row">${esc(f.label)}</th><td>${cell}</td></tr>`
  }
  if (box.previous !== null || box.next !== null) {
    rows += `<tr><th colspan="2" scope="colgroup">Chronology</th></tr>`
    if (anchors.previous) ctx.placed.add(anchors.previous)
    if (anchors.next) ctx.placed.add(anchors.next)
    rows += `<tr class="chrono"><td${idAttr(anchors.previous)}>← Previous<br>${box.previous !== null ? esc(box.previous) : '—'}</td>`
    rows += `<td${idAttr(anchors.next)}>Next →<br>${box.next !== null ? esc(box.next) : '—'}</td></tr>`
  }
  const sub = box.subheading ? `<span class="sub">${esc(box.subheading)}</span>` : ''
  return `<table class="infobox"${idAttr(anchors.table)}><caption>${esc(box.heading || article.title)}${sub}</caption><tbody>${rows}</tbody></table>`
}

function renderPassages(passages: Passage[], ctx: Ctx): string {
  let out = ''
  let list: 'notes' | 'references' | null = null
  const close = (): void => {
    if (list) out += '</ol>'
    list = null
  }
  for (const p of passages) {
    if (ctx.placed.has(p.id)) continue
    const note = p.kind === 'note' ? ctx.notesByPassage.get(p.id) : undefined
    const ref = p.kind === 'reference' ? ctx.refsByPassage.get(p.id) : undefined
    if (note) {
      if (list !== 'notes') {
        close()
        out += '<ol class="notes">'
        list = 'notes'
      }
      out += noteItem(note, p, ctx)
    } else if (ref) {
      if (list !== 'references') {
        close()
        out += '<ol class="references">'
        list = 'references'
      }
      out += refItem(ref, p, ctx)
    } else {
      close()
      const cls =
        p.kind === 'paragraph' ? 'passage' : p.kind === 'caption' ? 'passage caption' : `passage extra ${p.kind}`
      out += passageBlock(p, ctx, cls)
    }
  }
  close()
  return out
}

function renderToc(sections: Section[]): string {
  const items = sections
    .filter((s) => s.id !== 'lead')
    .map((s) => `<li${s.level > 1 ? ' class="sub"' : ''}><a href="${fragmentHref(s.id)}">${esc(s.title)}</a></li>`)
  if (items.length < 2) return ''
  return `<nav class="toc" aria-labelledby="toc-heading"><h2 id="toc-heading">Contents</h2><ol>${items.join('')}</ol></nav>`
}

export function renderArticlePage(article: Article, opts: ArticlePageOptions): string {
  const ctx: Ctx = {
    article,
    notes: new Map(article.notes.map((n) => [n.id, n])),
    refs: new Map(article.references.map((r) => [r.id, r])),
    notesByPassage: new Map(article.notes.map((n) => [n.passage, n])),
    refsByPassage: new Map(article.references.map((r) => [r.passage, r])),
    placed: new Set(),
  }
  let body = ''
  let infoboxDone = false
  const toc = renderToc(article.sections)
  for (const section of article.sections) {
    const isLead = section.id === 'lead'
    let inner = ''
    if (!infoboxDone && article.infobox) {
      inner += renderInfobox(article.infobox, article, ctx)
      infoboxDone = true
    }
    inner += renderPassages(section.passages, ctx)
    if (isLead) {
      body += `<section class="lead" aria-label="Introduction">${inner}</section>${toc}`
    } else {
      const h = section.level > 1 ? 'h3' : 'h2'
      body += `<section aria-labelledby="${esc(section.id)}"><${h} id="${esc(section.id)}">${esc(section.title)}</${h}>${inner}</section>`
    }
  }
  // Notes and references no section holds (should not happen, but their anchors must exist).
  const strayNotes = article.notes.filter((n) => !ctx.placed.has(n.passage))
  if (strayNotes.length) {
    body += `<section aria-labelledby="notes-list"><h2 id="notes-list">Notes</h2><ol class="notes">${strayNotes
      .map((n) =>
        noteItem(
          n,
          { id: n.passage, article: article.slug, section: 'notes', kind: 'note', text: n.text, citations: [] },
          ctx,
        ),
      )
      .join('')}</ol></section>`
  }
  const strayRefs = article.references.filter((r) => !ctx.placed.has(r.passage))
  if (strayRefs.length) {
    body += `<section aria-labelledby="references-list"><h2 id="references-list">References</h2><ol class="references">${strayRefs
      .map((r) =>
        refItem(
          r,
          ctx.placed.has(r.passage)
            ? null
            : {
                id: r.passage,
                article: article.slug,
                section: 'references',
                kind: 'reference',
                text: r.text,
                citations: [],
              },
          ctx,
        ),
      )
      .join('')}</ol></section>`
  }

  const a = article.attribution
  const title = esc(article.title)
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light dark">
<title>${title}</title>
<meta name="description" content="${esc(article.summary)}">
<style>${ARTICLE_CSS}</style>
<script type="module" src="${safeHref(opts.widgetSrc)}"></script>
</head>
<body>
<a class="skip" href="#content">Skip to article</a>
<header class="site"><div class="site-inner"><a class="brand" href="/">wylb</a><wylb-search placeholder="Search the article…"></wylb-search></div></header>
<main id="content">
<article class="prose-wrap">
<h1>${title}</h1>
<div class="prose">${body}</div>
</article>
</main>
<footer>
<p>Text from “<a href="${safeHref(a.source || article.source)}">${esc(a.title || article.title)}</a>” on ${esc(a.publisher || 'Wikipedia')}, licensed under <a rel="license" href="${safeHref(a.licence_url)}">${esc(a.licence)}</a>. Layout and citation markers re-rendered; the text is unchanged.</p>
</footer>
</body>
</html>
`
}
