/**
 * @module `<wylb-search>`: the embeddable search box.
 *
 * `<script type="module" src="https://HOST/widget.js"></script><wylb-search></wylb-search>`
 *
 * Attributes: `endpoint` (API base; default the origin of this script), `placeholder`,
 * `limit` (1–50, default 8), `article`, `section`, `link-template`
 * (default `{endpoint}/articles/{article}#{passage}`).
 * Host state for tests and styling: `data-state="idle|loading|results|empty|error"`.
 * Fires `wylb-select` (cancelable, composed) before navigating to a result.
 */
import {
  type FacetCount,
  type FieldAnswer,
  type SearchResponse,
  type SearchResult,
  hasSeveralArticles,
  isAbort,
  search,
  suggest,
} from './api.ts'
import { fillLinkTemplate, parseLimit, resolveEndpoint } from './link.ts'
import {
  type Skeleton,
  answerOption,
  buildSkeleton,
  el,
  facetButtons,
  renderCredits,
  resultOption,
  suggestionOption,
} from './render.ts'
import { CSS } from './styles.ts'

export type WidgetState = 'idle' | 'loading' | 'results' | 'empty' | 'error'

const TAG = 'wylb-search'
const LOG = '[wylb-search]'
const DEBOUNCE_MS = 150
const MAX_SUGGESTIONS = 3
export const ERROR_MESSAGE = 'Search is unavailable right now. Try again in a moment.'

const Base: typeof HTMLElement =
  typeof HTMLElement === 'undefined' ? (class {} as unknown as typeof HTMLElement) : HTMLElement

/** Connected instances in connection order: only the first answers the global shortcuts. */
const instances: WylbSearch[] = []

let sharedSheet: CSSStyleSheet | null = null

function adoptStyles(shadow: ShadowRoot): void {
  try {
    if (!sharedSheet) {
      sharedSheet = new CSSStyleSheet()
      sharedSheet.replaceSync(CSS)
    }
    shadow.adoptedStyleSheets = [sharedSheet]
  } catch {
    // Older engines: a <style> element (needs style-src to allow it).
    const style = document.createElement('style')
    style.textContent = CSS
    shadow.appendChild(style)
  }
}

function isEditable(node: EventTarget | undefined): boolean {
  if (!(node instanceof Element)) return false
  if (node instanceof HTMLElement && node.isContentEditable) return true
  const tag = node.tagName
  if (tag === 'TEXTAREA' || tag === 'SELECT') return true
  if (tag === 'INPUT') {
    const type = (node as HTMLInputElement).type
    return !['button', 'checkbox', 'radio', 'submit', 'reset', 'image', 'file', 'range', 'color'].includes(type)
  }
  return node.getAttribute('role') === 'textbox' || node.getAttribute('role') === 'combobox'
}

export class WylbSearch extends Base {
  static get observedAttributes(): string[] {
    return ['endpoint', 'placeholder', 'limit', 'article', 'section', 'link-template']
  }

  private readonly ui: Skeleton
  private endpoint: string | null = null
  private configured = false
  private seq = 0
  private controller: AbortController | null = null
  private timer: ReturnType<typeof setTimeout> | undefined
  private query = ''
  private results: SearchResult[] = []
  private answer: FieldAnswer | null = null
  private articles: FacetCount[] = []
  /** The article facet the reader picked (null: every article). */
  private articleFilter: string | null = null
  /** Whether the corpus has more than one article (then results are grouped by article), per endpoint. */
  private several: { endpoint: string; answer: Promise<boolean> } | null = null
  private suggestions: string[] = []
  private active = -1
  private open = false
  private state: WidgetState = 'idle'

  constructor() {
    super()
    const shadow = this.attachShadow({ mode: 'open' })
    adoptStyles(shadow)
    this.ui = buildSkeleton()
    shadow.appendChild(this.ui.root)
    const { input, listbox, status } = this.ui
    input.placeholder = 'Search…'
    input.addEventListener(
      'input',
      this.guard((e: Event) => {
        if ((e as InputEvent).isComposing) return
        this.schedule()
      }),
    )
    input.addEventListener(
      'compositionend',
      this.guard(() => this.schedule()),
    )
    input.addEventListener(
      'keydown',
      this.guard((e: Event) => this.onKeydown(e as KeyboardEvent)),
    )
    input.addEventListener(
      'focus',
      this.guard(() => {
        if (this.query && this.state !== 'idle') this.setOpen(true)
      }),
    )
    this.ui.root.addEventListener(
      'focusout',
      this.guard((e: Event) => {
        const next = (e as FocusEvent).relatedTarget
        if (next instanceof Node && !this.shadowRoot?.contains(next)) this.setOpen(false)
      }),
    )
    listbox.addEventListener('mousedown', (e) => e.preventDefault())
    listbox.addEventListener(
      'click',
      this.guard((e: Event) => this.onClick(e as MouseEvent)),
    )
    listbox.addEventListener(
      'auxclick',
      this.guard((e: Event) => this.onClick(e as MouseEvent)),
    )
    this.ui.facets.addEventListener('mousedown', (e) => e.preventDefault())
    this.ui.facets.addEventListener(
      'click',
      this.guard((e: Event) => {
        const button = (e.target as Element | null)?.closest?.('button[data-article]')
        if (!button) return
        this.articleFilter = button.getAttribute('data-article') || null
        this.search(this.ui.input.value)
      }),
    )
    status.addEventListener(
      'click',
      this.guard((e: Event) => {
        const button = (e.target as Element | null)?.closest?.('button[data-suggestion]')
        const text = button?.getAttribute('data-suggestion')
        if (text) this.searchFor(text)
      }),
    )
  }

  connectedCallback(): void {
    this.run(() => {
      if (!instances.includes(this)) instances.push(this)
      document.addEventListener('keydown', this.onGlobalKeydown)
      document.addEventListener('pointerdown', this.onPointerDown, true)
      this.applyPlaceholder()
      if (!this.configured) this.configure()
      this.setState(this.state)
    })
  }

  disconnectedCallback(): void {
    this.run(() => {
      const i = instances.indexOf(this)
      if (i >= 0) instances.splice(i, 1)
      document.removeEventListener('keydown', this.onGlobalKeydown)
      document.removeEventListener('pointerdown', this.onPointerDown, true)
      clearTimeout(this.timer)
      this.controller?.abort()
    })
  }

  attributeChangedCallback(name: string, oldValue: string | null, value: string | null): void {
    if (oldValue === value) return
    this.run(() => {
      if (name === 'placeholder') return this.applyPlaceholder()
      if (name === 'endpoint') this.configure()
      if (this.isConnected && this.ui.input.value.trim()) this.search(this.ui.input.value)
    })
  }

  /** Focuses the search box (also what `/` and Ctrl/Cmd+K do). */
  override focus(options?: FocusOptions): void {
    this.ui.input.focus(options)
  }

  /** The current state, as in `data-state`. */
  get searchState(): WidgetState {
    return this.state
  }

  // ── configuration ──────────────────────────────────────────────────────────

  private configure(): void {
    this.configured = true
    const attr = this.getAttribute('endpoint')
    const base = typeof document !== 'undefined' ? document.baseURI : undefined
    this.endpoint = resolveEndpoint(attr, import.meta.url, base)
    if (this.endpoint === null) {
      console.error(`${LOG} unusable endpoint ${JSON.stringify(attr ?? import.meta.url)}: set endpoint="https://…"`)
      this.controller?.abort()
      this.showError()
    } else if (this.state === 'error' && !this.ui.input.value.trim()) {
      this.reset()
    }
  }

  private applyPlaceholder(): void {
    const p = this.getAttribute('placeholder')
    this.ui.input.placeholder = p && p.trim() ? p : 'Search…'
  }

  // ── searching ──────────────────────────────────────────────────────────────

  private schedule(): void {
    clearTimeout(this.timer)
    const value = this.ui.input.value
    if (!value.trim()) return this.search(value)
    this.timer = setTimeout(() => this.run(() => this.search(value)), DEBOUNCE_MS)
  }

  private searchFor(text: string): void {
    this.ui.input.value = text
    this.ui.input.focus()
    this.search(text)
  }

  private search(raw: string): void {
    clearTimeout(this.timer)
    this.timer = undefined
    this.controller?.abort()
    this.controller = null
    const q = raw.trim()
    const seq = ++this.seq
    this.query = q
    if (this.endpoint === null) return this.showError()
    if (!q) return this.reset()
    const controller = new AbortController()
    this.controller = controller
    const { signal } = controller
    this.setState('loading')
    this.setOpen(true)
    const limit = parseLimit(this.getAttribute('limit'))
    const endpoint = this.endpoint
    if (this.several?.endpoint !== endpoint)
      this.several = { endpoint, answer: hasSeveralArticles(endpoint, new AbortController().signal) }
    const article = this.articleFilter ?? this.getAttribute('article')
    const results = this.several.answer.then((grouped) =>
      search(
        endpoint,
        { q, limit, article, section: this.getAttribute('section'), grouped: grouped && !article },
        signal,
      ),
    )
    const suggestions = suggest(endpoint, q, MAX_SUGGESTIONS + 1, signal).then(
      (r) => r.suggestions,
      () => [] as string[],
    )
    Promise.all([results, suggestions]).then(
      ([res, sugg]) => {
        if (seq !== this.seq || signal.aborted) return
        this.run(() => this.showResults(q, res, sugg))
      },
      (err: unknown) => {
        if (seq !== this.seq || isAbort(err)) return
        console.warn(`${LOG} search failed:`, err)
        this.run(() => this.showError())
      },
    )
  }

  // ── rendering ──────────────────────────────────────────────────────────────

  private showResults(q: string, res: SearchResponse, sugg: string[]): void {
    const lower = q.toLowerCase()
    this.results = res.results
    this.answer = res.answer
    this.articles = res.articles
    this.suggestions = sugg.filter((s) => s.toLowerCase() !== lower).slice(0, MAX_SUGGESTIONS)
    const n = res.results.length
    this.setMessage(
      n === 0
        ? `No results for “${q}”.`
        : res.total > n
          ? `Showing ${n} of ${res.total}${res.approximate ? '+' : ''} results for “${q}”.`
          : `${n} ${n === 1 ? 'result' : 'results'} for “${q}”.`,
      n === 0 ? res.suggestion : null,
    )
    this.renderOptions()
    renderCredits(this.ui.attribution, n === 0 ? [] : res.credits)
    this.setState(n === 0 ? 'empty' : 'results')
    this.setOpen(true)
  }

  private showError(): void {
    this.results = []
    this.answer = null
    this.articles = []
    this.suggestions = []
    this.renderOptions()
    renderCredits(this.ui.attribution, [])
    this.setMessage(ERROR_MESSAGE, null)
    this.setState('error')
    this.setOpen(true)
  }

  private reset(): void {
    this.controller?.abort()
    this.controller = null
    this.query = ''
    this.results = []
    this.answer = null
    this.articles = []
    this.articleFilter = null
    this.suggestions = []
    this.renderOptions()
    renderCredits(this.ui.attribution, [])
    this.setMessage('', null)
    this.setState('idle')
    this.setOpen(false)
  }

  private setMessage(text: string, didYouMean: string | null): void {
    const { status, message } = this.ui
    message.textContent = text
    status.querySelector('.dym')?.remove()
    if (didYouMean) {
      const button = el('button', { type: 'button', 'data-suggestion': didYouMean }, didYouMean)
      status.appendChild(el('span', { class: 'dym' }, ' Did you mean ', button, '?'))
    }
  }

  private renderOptions(): void {
    const { listbox } = this.ui
    const activeKey = this.options()[this.active]?.getAttribute('data-key') ?? null
    const items: HTMLLIElement[] = []
    this.suggestions.forEach((s, i) => {
      const li = suggestionOption(`wylb-s-${i}`, s)
      li.setAttribute('data-key', `s:${s}`)
      items.push(li)
    })
    const endpoint = this.endpoint ?? ''
    const template = this.getAttribute('link-template')
    const hrefOf = (article: string, passage: string, section: string) =>
      fillLinkTemplate(template, { endpoint, article, passage, section })
    if (this.answer) {
      const a = this.answer
      const li = answerOption('wylb-a', a, hrefOf(a.article.slug, a.passage, ''))
      li.setAttribute('data-key', `a:${a.passage}`)
      items.push(li)
    }
    let n = 0
    for (const r of this.results) {
      for (const [hit, sub] of [[r, false], ...r.subResults.map((s) => [s, true])] as [SearchResult, boolean][]) {
        const li = resultOption(`wylb-r-${n++}`, hit, hrefOf(hit.article.slug, hit.id, hit.section.id), sub)
        li.setAttribute('data-key', `r:${hit.id}`)
        items.push(li)
      }
    }
    listbox.replaceChildren(...items)
    // The article facet, when the results come from more than one article or one was picked.
    const showFacets = this.articles.length > 1 || this.articleFilter !== null
    this.ui.facets.replaceChildren(...(showFacets ? facetButtons(this.articles.slice(0, 6), this.articleFilter) : []))
    this.active = activeKey === null ? -1 : items.findIndex((li) => li.getAttribute('data-key') === activeKey)
    this.syncActive()
  }

  private options(): HTMLLIElement[] {
    return Array.from(this.ui.listbox.children) as HTMLLIElement[]
  }

  private setState(state: WidgetState): void {
    this.state = state
    this.ui.root.setAttribute('data-state', state)
    this.ui.listbox.setAttribute('aria-busy', String(state === 'loading'))
    if (this.isConnected) this.setAttribute('data-state', state)
  }

  private setOpen(open: boolean): void {
    this.open = open
    const hasOptions = this.ui.listbox.childElementCount > 0
    const expanded = open && hasOptions
    this.ui.root.classList.toggle('closed', !open)
    this.ui.panel.hidden = !expanded
    this.ui.input.setAttribute('aria-expanded', String(expanded))
    if (!expanded) this.setActive(-1)
  }

  private setActive(i: number): void {
    this.active = i
    this.syncActive()
  }

  private syncActive(): void {
    const options = this.options()
    options.forEach((li, j) => li.setAttribute('aria-selected', String(j === this.active)))
    const current = options[this.active]
    if (current) {
      this.ui.input.setAttribute('aria-activedescendant', current.id)
      current.scrollIntoView?.({ block: 'nearest' })
    } else {
      this.ui.input.removeAttribute('aria-activedescendant')
    }
  }

  // ── interaction ────────────────────────────────────────────────────────────

  private onKeydown(e: KeyboardEvent): void {
    if (e.isComposing) return
    const count = this.ui.listbox.childElementCount
    switch (e.key) {
      case 'ArrowDown':
      case 'ArrowUp': {
        if (count === 0) return
        e.preventDefault()
        if (!this.open) {
          this.setOpen(true)
          this.setActive(e.key === 'ArrowDown' ? 0 : count - 1)
          return
        }
        const step = e.key === 'ArrowDown' ? 1 : -1
        const next = this.active < 0 ? (step > 0 ? 0 : count - 1) : (this.active + step + count) % count
        this.setActive(next)
        return
      }
      case 'Enter': {
        const option = this.open ? this.options()[this.active] : undefined
        e.preventDefault()
        if (option) this.activate(option)
        else if (this.timer !== undefined || this.ui.input.value.trim() !== this.query) this.search(this.ui.input.value)
        return
      }
      case 'Escape': {
        if (this.open && this.state !== 'idle') {
          e.preventDefault()
          this.setOpen(false)
        } else if (this.ui.input.value) {
          e.preventDefault()
          this.ui.input.value = ''
          this.search('')
        }
        return
      }
    }
  }

  private onClick(e: MouseEvent): void {
    const li = (e.target as Element | null)?.closest?.('li[role=option]')
    if (!(li instanceof HTMLLIElement)) return
    e.preventDefault()
    const href = li.getAttribute('data-href')
    if (li.getAttribute('data-kind') === 'result' && href && (e.ctrlKey || e.metaKey || e.shiftKey || e.button === 1)) {
      window.open(href, '_blank', 'noopener')
      return
    }
    if (e.button !== 0) return
    this.activate(li)
  }

  private activate(li: HTMLLIElement): void {
    if (li.getAttribute('data-kind') === 'suggestion') {
      const key = li.getAttribute('data-key') ?? ''
      this.searchFor(key.slice(2))
      return
    }
    const href = li.getAttribute('data-href')
    if (!href) return
    const proceed = this.dispatchEvent(
      new CustomEvent('wylb-select', {
        detail: { id: li.getAttribute('data-passage'), href },
        bubbles: true,
        composed: true,
        cancelable: true,
      }),
    )
    if (proceed) location.assign(href)
  }

  private readonly onGlobalKeydown = (e: KeyboardEvent): void => {
    if (instances[0] !== this || e.defaultPrevented || e.isComposing) return
    const path = e.composedPath()
    const slash = e.key === '/' && !e.ctrlKey && !e.metaKey && !e.altKey && !isEditable(path[0])
    const k = (e.ctrlKey || e.metaKey) && !e.altKey && !e.shiftKey && e.key.toLowerCase() === 'k'
    if (!slash && !k) return
    e.preventDefault()
    this.ui.input.focus()
    this.ui.input.select()
  }

  private readonly onPointerDown = (e: PointerEvent): void => {
    if (this.open && !e.composedPath().includes(this)) this.setOpen(false)
  }

  /** Runs a callback, logging instead of throwing into the host page. */
  private run(fn: () => void): void {
    try {
      fn()
    } catch (err) {
      console.error(`${LOG} unexpected error:`, err)
    }
  }

  private guard<E extends Event>(fn: (e: E) => void): (e: E) => void {
    return (e) => this.run(() => fn(e))
  }
}

if (typeof customElements !== 'undefined' && !customElements.get(TAG)) {
  customElements.define(TAG, WylbSearch)
}

declare global {
  interface HTMLElementTagNameMap {
    'wylb-search': WylbSearch
  }
}
