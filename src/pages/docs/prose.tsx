/** @module The document's descriptions as text: paragraphs, with `code spans` (the only markdown they use). */

/** Text with each `code span` as a `<code>` element. */
export function prose(text: string | undefined) {
  if (!text) return null
  // split() with a capturing group: the code spans are the odd items.
  return text.split(/`([^`\n]+)`/).map((part, i) => (i % 2 === 1 ? <code>{part}</code> : part))
}

/** Text split into paragraphs at blank lines. */
export function paragraphs(text: string | undefined) {
  if (!text) return null
  return text
    .split(/\n{2,}/)
    .filter((t) => t.trim())
    .map((t) => <p>{prose(t.trim())}</p>)
}
