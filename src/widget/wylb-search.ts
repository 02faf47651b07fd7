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
import type { FacetCount, FieldAnswer, SearchResponse, SearchResult } from './api.ts'
import { Combobox } from './combobox.ts'
import { LOG, guarded, listen } from './guard.ts'
import { fillLinkTemplate, parseLimit, resolveEndpoint } from './link.ts'
import {
  type Skeleton,
  buildSkeleton,
  facetButtons,
  optionItems,
  renderCredits,
  resultsMessage,
  showMessage,
} from './render.ts'
import { SearchSession } from './search-session.ts'
import { isFocusShortcut } from './shortcuts.ts'
import { adoptStyles } from './styles.ts'

export type WidgetState = 'idle' | 'loading' | 'results' | 'empty' | 'error'

const TAG = 'wylb-search'
const DEBOUNCE_MS = 150
const MAX_SUGGESTIONS = 3
export const ERROR_MESSAGE = 'Search is unavailable right now. Try again in a moment.'

const Base: typeof HTMLElement =
  typeof HTMLElement === 'undefined' ? (class {} as unknown as typeof HTMLElement) : HTMLElement

/** Connected instances in connection order: only the first answers the global shortcuts. */
const instances: WylbSearch[] = []

export class WylbSearch extends Base {
  static get observedAttributes(): string[] {
    return ['endpoint', 'placeholder', 'limit', 'article', 'section', 'link-template']
  }

  private readonly ui: Skeleton
  private readonly box: Combobox
  private readonly session = new SearchSession()
  private endpoint: string | null = null
  private configured = false
  private timer: ReturnType<typeof setTimeout> | undefined
  private query = ''
  private results: SearchResult[] = []
  private answer: FieldAnswer | null = null
  private articles: FacetCount[] = []
  /** The article facet the reader picked (null: every article). */
  private articleFilter: string | null = null
  private suggestions: string[] = []
  private state: WidgetState = 'idle'

  constructor() {
    super()
    const shadow = this.attachShadow({ mode: 'open' })
    adoptStyles(shadow)
    this.ui = buildSkeleton()
    this.box = new Combobox(this.ui)
    shadow.appendChild(this.ui.root)
    const { input, listbox, status, facets, root } = this.ui
    input.placeholder = 'Search…'
    listen(input, 'input', (e) => {
      if (!(e as InputEvent).isComposing) this.schedule()
    })
    listen(input, 'compositionend', () => this.schedule())
    listen(input, 'keydown', (e) => this.onKeydown(e as KeyboardEvent))
    listen(input, 'focus', () => {
      if (this.query && this.state !== 'idle') this.box.setOpen(true)
    })
    listen(root, 'focusout', (e) => {
      const next = (e as FocusEvent).relatedTarget
      if (next instanceof Node && !this.shadowRoot?.contains(next)) this.box.setOpen(false)
    })
    // Pressing an option or a facet must not take the focus from the input.
    listbox.addEventListener('mousedown', (e) => e.preventDefault())
    facets.addEventListener('mousedown', (e) => e.preventDefault())
    listen(listbox, 'click', (e) => this.onClick(e as MouseEvent))
    listen(listbox, 'auxclick', (e) => this.onClick(e as MouseEvent))
    listen(facets, 'click', (e) => {
      const button = (e.target as Element | null)?.closest?.('button[data-article]')
      if (!button) return
      this.articleFilter = button.getAttribute('data-article') || null
      this.search(this.ui.input.value)
    })
    listen(status, 'click', (e) => {
      const button = (e.target as Element | null)?.closest?.('button[data-suggestion]')
      const text = button?.getAttribute('data-suggestion')
      if (text) this.searchFor(text)
    })
  }

  connectedCallback(): void {
    guarded(() => {
      if (!instances.includes(this)) instances.push(this)
      document.addEventListener('keydown', this.onGlobalKeydown)
      document.addEventListener('pointerdown', this.onPointerDown, true)
      this.applyPlaceholder()
      if (!this.configured) this.configure()
      this.setState(this.state)
    })
  }

  disconnectedCallback(): void {
    guarded(() => {
      const i = instances.indexOf(this)
      if (i >= 0) instances.splice(i, 1)
      document.removeEventListener('keydown', this.onGlobalKeydown)
      document.removeEventListener('pointerdown', this.onPointerDown, true)
      clearTimeout(this.timer)
      this.session.cancel()
    })
  }

  attributeChangedCallback(name: string, oldValue: string | null, value: string | null): void {
    if (oldValue === value) return
    guarded(() => {
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

  private configure(): void {
    this.configured = true
    const attr = this.getAttribute('endpoint')
    const base = typeof document !== 'undefined' ? document.baseURI : undefined
    this.endpoint = resolveEndpoint(attr, import.meta.url, base)
    if (this.endpoint === null) {
      console.error(`${LOG} unusable endpoint ${JSON.stringify(attr ?? import.meta.url)}: set endpoint="https://…"`)
      this.session.cancel()
      this.showError()
    } else if (this.state === 'error' && !this.ui.input.value.trim()) {
      this.reset()
    }
  }

  private applyPlaceholder(): void {
    const p = this.getAttribute('placeholder')
    this.ui.input.placeholder = p && p.trim() ? p : 'Search…'
  }

  private schedule(): void {
    clearTimeout(this.timer)
    const value = this.ui.input.value
    if (!value.trim()) return this.search(value)
    this.timer = setTimeout(() => guarded(() => this.search(value)), DEBOUNCE_MS)
  }

  private searchFor(text: string): void {
    this.ui.input.value = text
    this.ui.input.focus()
    this.search(text)
  }

  private search(raw: string): void {
    clearTimeout(this.timer)
    this.timer = undefined
    this.session.cancel()
    const q = raw.trim()
    this.query = q
    if (this.endpoint === null) return this.showError()
    if (!q) return this.reset()
    this.setState('loading')
    this.box.setOpen(true)
    const query = {
      q,
      limit: parseLimit(this.getAttribute('limit')),
      article: this.articleFilter ?? this.getAttribute('article'),
      section: this.getAttribute('section'),
    }
    this.session.start(
      this.endpoint,
      query,
      MAX_SUGGESTIONS + 1,
      (answer) => guarded(() => this.showResults(q, answer.results, answer.suggestions)),
      (err) => {
        console.warn(`${LOG} search failed:`, err)
        guarded(() => this.showError())
      },
    )
  }

  private showResults(q: string, res: SearchResponse, sugg: string[]): void {
    const lower = q.toLowerCase()
    this.results = res.results
    this.answer = res.answer
    this.articles = res.articles
    this.suggestions = sugg.filter((s) => s.toLowerCase() !== lower).slice(0, MAX_SUGGESTIONS)
    const n = res.results.length
    showMessage(this.ui, resultsMessage(q, res), n === 0 ? res.suggestion : null)
    this.renderOptions()
    renderCredits(this.ui.attribution, n === 0 ? [] : res.credits)
    this.setState(n === 0 ? 'empty' : 'results')
    this.box.setOpen(true)
  }

  private showError(): void {
    this.clearAnswer()
    showMessage(this.ui, ERROR_MESSAGE, null)
    this.setState('error')
    this.box.setOpen(true)
  }

  private reset(): void {
    this.session.cancel()
    this.query = ''
    this.articleFilter = null
    this.clearAnswer()
    showMessage(this.ui, '', null)
    this.setState('idle')
    this.box.setOpen(false)
  }

  private clearAnswer(): void {
    this.results = []
    this.answer = null
    this.articles = []
    this.suggestions = []
    this.renderOptions()
    renderCredits(this.ui.attribution, [])
  }

  private renderOptions(): void {
    const endpoint = this.endpoint ?? ''
    const template = this.getAttribute('link-template')
    const href = (article: string, passage: string, section: string) =>
      fillLinkTemplate(template, { endpoint, article, passage, section })
    const { suggestions, answer, results } = this
    this.box.replaceOptions(optionItems({ suggestions, answer, results, href }))
    // The article facet, when the results come from more than one article or one was picked.
    const showFacets = this.articles.length > 1 || this.articleFilter !== null
    this.ui.facets.replaceChildren(...(showFacets ? facetButtons(this.articles.slice(0, 6), this.articleFilter) : []))
  }

  private setState(state: WidgetState): void {
    this.state = state
    this.ui.root.setAttribute('data-state', state)
    this.ui.listbox.setAttribute('aria-busy', String(state === 'loading'))
    if (this.isConnected) this.setAttribute('data-state', state)
  }

  private onKeydown(e: KeyboardEvent): void {
    if (e.isComposing) return
    switch (e.key) {
      case 'ArrowDown':
      case 'ArrowUp': {
        if (this.box.move(e.key)) e.preventDefault()
        return
      }
      case 'Enter': {
        const option = this.box.activeOption()
        e.preventDefault()
        if (option) this.activate(option)
        else if (this.timer !== undefined || this.ui.input.value.trim() !== this.query) this.search(this.ui.input.value)
        return
      }
      case 'Escape': {
        if (this.box.isOpen && this.state !== 'idle') {
          e.preventDefault()
          this.box.setOpen(false)
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
    if (instances[0] !== this || !isFocusShortcut(e)) return
    e.preventDefault()
    this.ui.input.focus()
    this.ui.input.select()
  }

  private readonly onPointerDown = (e: PointerEvent): void => {
    if (this.box.isOpen && !e.composedPath().includes(this)) this.box.setOpen(false)
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
