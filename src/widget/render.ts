/** @module DOM building for the widget. Untrusted text only ever goes in through text nodes. */
import { MAX_QUERY_LENGTH } from '../api/limits.ts'
import type { Credit, FacetCount, FieldAnswer, SearchResponse, SearchResult } from './api.ts'
import { parseSnippet } from './highlight.ts'

type Attrs = Record<string, string>

export function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Attrs = {},
  ...children: (Node | string)[]
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag)
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v)
  for (const c of children) node.appendChild(typeof c === 'string' ? document.createTextNode(c) : c)
  return node
}

/** Text nodes and `<mark>` elements, nothing else. */
export function snippetFragment(snippet: string): DocumentFragment {
  const frag = document.createDocumentFragment()
  for (const seg of parseSnippet(snippet)) {
    if (seg.marked) {
      const m = document.createElement('mark')
      m.textContent = seg.text
      frag.appendChild(m)
    } else frag.appendChild(document.createTextNode(seg.text))
  }
  return frag
}

export interface Skeleton {
  root: HTMLDivElement
  input: HTMLInputElement
  status: HTMLDivElement
  message: HTMLSpanElement
  panel: HTMLDivElement
  listbox: HTMLUListElement
  /** Credits the publishers of the text shown; hidden while no result quotes any. */
  attribution: HTMLParagraphElement
  /** Buttons filtering by the article facet. */
  facets: HTMLDivElement
}

export function buildSkeleton(): Skeleton {
  const input = el('input', {
    id: 'wylb-input',
    type: 'search',
    part: 'input',
    role: 'combobox',
    'aria-autocomplete': 'list',
    'aria-expanded': 'false',
    'aria-controls': 'wylb-listbox',
    'aria-describedby': 'wylb-status',
    'aria-label': 'Search',
    autocomplete: 'off',
    autocapitalize: 'off',
    spellcheck: 'false',
    enterkeyhint: 'search',
    maxlength: String(MAX_QUERY_LENGTH),
  })
  const message = el('span', { class: 'msg' })
  const status = el('div', {
    id: 'wylb-status',
    class: 'status',
    part: 'status',
    role: 'status',
    'aria-live': 'polite',
  })
  status.appendChild(message)
  const listbox = el('ul', { id: 'wylb-listbox', role: 'listbox', part: 'listbox', 'aria-label': 'Search results' })
  const attribution = el('p', { class: 'attribution', hidden: '' })
  const facets = el('div', { class: 'facets', part: 'facets', role: 'group', 'aria-label': 'Filter by article' })
  const panel = el('div', { class: 'panel', hidden: '' }, facets, listbox, attribution)
  const field = el(
    'div',
    { class: 'field' },
    el('span', { class: 'icon', 'aria-hidden': 'true' }),
    input,
    el('span', { class: 'kbd', 'aria-hidden': 'true' }, '/'),
    el('span', { class: 'spinner', 'aria-hidden': 'true' }),
  )
  const root = el('div', { class: 'root closed', 'data-state': 'idle' }, field, status, panel)
  return { root, input, status, message, panel, listbox, attribution, facets }
}

/** `Text from Harbour Line Wiki, CC BY-SA 4.0; Wikipedia, CC BY-SA 4.0`: each licence a link where it has one. */
export function renderCredits(attribution: HTMLParagraphElement, credits: Credit[]): void {
  const parts: (Node | string)[] = []
  credits.forEach((credit, i) => {
    parts.push(`${i === 0 ? 'Text from ' : '; '}${credit.publisher}`)
    if (!credit.licence) return
    parts.push(', ')
    parts.push(
      /^https?:\/\//i.test(credit.licence_url)
        ? el('a', { href: credit.licence_url, target: '_blank', rel: 'noopener noreferrer license' }, credit.licence)
        : credit.licence,
    )
  })
  attribution.replaceChildren(...parts)
  attribution.hidden = credits.length === 0
}

/** The article facet as buttons: "All" and each article with its count; the one filtered by pressed. */
export function facetButtons(articles: FacetCount[], filter: string | null): HTMLButtonElement[] {
  const button = (value: string, label: string) =>
    el('button', { type: 'button', 'data-article': value, 'aria-pressed': String(value === (filter ?? '')) }, label)
  return [button('', 'All articles'), ...articles.map((a) => button(a.value, `${a.title} (${a.count})`))]
}

/** The field answer, an option above the results: "Directed by: Allan Kroeker", its article under it. */
export function answerOption(id: string, a: FieldAnswer, href: string | null): HTMLLIElement {
  const li = el('li', {
    id,
    role: 'option',
    'aria-selected': 'false',
    part: 'option answer',
    class: 'answer',
    'data-kind': 'result',
    'data-passage': a.passage,
  })
  if (href) li.setAttribute('data-href', href)
  const meta = el(
    'span',
    { class: 'meta' },
    el('span', { class: 'section' }, 'Answer'),
    ' · ',
    el('span', { class: 'article' }, a.article.title),
  )
  const value = el('span', { class: 'snippet' }, el('strong', {}, `${a.label}: `), a.values.join(', '))
  li.appendChild(el('span', { class: 'link' }, meta, value))
  return li
}

export function suggestionOption(id: string, text: string): HTMLLIElement {
  const li = el('li', {
    id,
    role: 'option',
    'aria-selected': 'false',
    part: 'option suggestion',
    class: 'suggestion',
    'data-kind': 'suggestion',
  })
  li.appendChild(el('span', { class: 'sr' }, 'Search for '))
  li.appendChild(document.createTextNode(text))
  return li
}

/** A result; `sub`: a next best passage of the article above it (grouped results). */
export function resultOption(id: string, r: SearchResult, href: string | null, sub = false): HTMLLIElement {
  const li = el('li', {
    id,
    role: 'option',
    'aria-selected': 'false',
    part: sub ? 'option sub-result' : 'option',
    class: sub ? 'result sub' : 'result',
    'data-kind': 'result',
    'data-passage': r.id,
  })
  const meta = el('span', { class: 'meta' })
  if (r.section.title) {
    meta.appendChild(el('span', { class: 'section' }, r.section.title))
    meta.appendChild(document.createTextNode(' · '))
  }
  if (!sub) meta.appendChild(el('span', { class: 'article' }, r.article.title))
  const snippet = el('span', { class: 'snippet', part: 'snippet' })
  snippet.appendChild(snippetFragment(r.snippet))
  // No <a> inside the option (options are not containers of interactive content):
  // the widget navigates on click/Enter and opens new tabs on Ctrl/Cmd/middle click.
  if (href) li.setAttribute('data-href', href)
  li.appendChild(el('span', { class: 'link' }, meta, snippet))
  return li
}

/** The status line: a message, and a "Did you mean" button when there is a corrected query to offer. */
export function showMessage(ui: Skeleton, text: string, didYouMean: string | null): void {
  ui.message.textContent = text
  ui.status.querySelector('.dym')?.remove()
  if (didYouMean) {
    const button = el('button', { type: 'button', 'data-suggestion': didYouMean }, didYouMean)
    ui.status.appendChild(el('span', { class: 'dym' }, ' Did you mean ', button, '?'))
  }
}

/** What the status line says about an answer: how many results, of how many, for what. */
export function resultsMessage(q: string, res: SearchResponse): string {
  const n = res.results.length
  if (n === 0) return `No results for “${q}”.`
  if (res.total > n) return `Showing ${n} of ${res.total}${res.approximate ? '+' : ''} results for “${q}”.`
  return `${n} ${n === 1 ? 'result' : 'results'} for “${q}”.`
}

export interface OptionsShown {
  suggestions: string[]
  answer: FieldAnswer | null
  results: SearchResult[]
  /** The link of a passage (the `link-template` filled), or null when it is not a safe link. */
  href: (article: string, passage: string, section: string) => string | null
}

/** The listbox's options in order: completions, the field answer, then each result and its sub-results. */
export function optionItems({ suggestions, answer, results, href }: OptionsShown): HTMLLIElement[] {
  const keyed = (li: HTMLLIElement, key: string) => {
    li.setAttribute('data-key', key)
    return li
  }
  const items = suggestions.map((s, i) => keyed(suggestionOption(`wylb-s-${i}`, s), `s:${s}`))
  if (answer)
    items.push(
      keyed(answerOption('wylb-a', answer, href(answer.article.slug, answer.passage, '')), `a:${answer.passage}`),
    )
  const hits = results.flatMap((r) => [{ hit: r, sub: false }, ...r.subResults.map((s) => ({ hit: s, sub: true }))])
  hits.forEach(({ hit, sub }, n) => {
    const li = resultOption(`wylb-r-${n}`, hit, href(hit.article.slug, hit.id, hit.section.id), sub)
    items.push(keyed(li, `r:${hit.id}`))
  })
  return items
}
