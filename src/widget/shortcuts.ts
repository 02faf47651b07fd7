/** @module The page-wide keys that focus the search box: `/` (outside text fields) and Ctrl/Cmd+K. */

/** Whether keys typed at `node` are text: there `/` is a character, not a shortcut. */
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

/** Whether a keydown anywhere on the page asks for the search box. */
export function isFocusShortcut(e: KeyboardEvent): boolean {
  if (e.defaultPrevented || e.isComposing) return false
  const slash = e.key === '/' && !e.ctrlKey && !e.metaKey && !e.altKey && !isEditable(e.composedPath()[0])
  const k = (e.ctrlKey || e.metaKey) && !e.altKey && !e.shiftKey && e.key.toLowerCase() === 'k'
  return slash || k
}
