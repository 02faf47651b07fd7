/**
 * @module The ARIA combobox of the widget: the input, its listbox of options, whether the list is
 * open, which option is active (`aria-activedescendant`), and moving through it with the arrow keys.
 * What an option does, and what Enter and Escape mean, is the element's (wylb-search.ts).
 */
import type { Skeleton } from './render.ts'

export class Combobox {
  private active = -1
  private opened = false

  constructor(private readonly ui: Skeleton) {}

  get isOpen(): boolean {
    return this.opened
  }

  get optionCount(): number {
    return this.ui.listbox.childElementCount
  }

  options(): HTMLLIElement[] {
    return Array.from(this.ui.listbox.children) as HTMLLIElement[]
  }

  /** The active option while the list is open. */
  activeOption(): HTMLLIElement | undefined {
    return this.opened ? this.options()[this.active] : undefined
  }

  /** Replaces the options; the active one stays active when an option of the same `data-key` is among them. */
  replaceOptions(items: HTMLLIElement[]): void {
    const activeKey = this.options()[this.active]?.getAttribute('data-key') ?? null
    this.ui.listbox.replaceChildren(...items)
    this.active = activeKey === null ? -1 : items.findIndex((li) => li.getAttribute('data-key') === activeKey)
    this.syncActive()
  }

  /** Opens or closes the list; it shows only when open and holding options. */
  setOpen(open: boolean): void {
    this.opened = open
    const shown = open && this.optionCount > 0
    this.ui.root.classList.toggle('closed', !open)
    this.ui.panel.hidden = !shown
    this.ui.input.setAttribute('aria-expanded', String(shown))
    if (!shown) this.setActive(-1)
  }

  /** ArrowDown / ArrowUp: opens the list on the first or last option, else moves round it. False: no options. */
  move(key: 'ArrowDown' | 'ArrowUp'): boolean {
    const count = this.optionCount
    if (count === 0) return false
    if (!this.opened) {
      this.setOpen(true)
      this.setActive(key === 'ArrowDown' ? 0 : count - 1)
      return true
    }
    const step = key === 'ArrowDown' ? 1 : -1
    this.setActive(this.active < 0 ? (step > 0 ? 0 : count - 1) : (this.active + step + count) % count)
    return true
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
}
