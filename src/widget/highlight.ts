/**
 * @module Turns the API's snippet string into plain-text segments.
 *
 * The server escapes the passage text and wraps matched words in `<mark>`…`</mark>`.
 * The widget does NOT trust that as HTML: it splits on the literal mark tokens,
 * unescapes the five HTML entities in each piece, and the renderer builds text nodes
 * and `<mark>` elements from the result. Nothing else can ever become an element.
 */

export interface Segment {
  text: string
  marked: boolean
}

const ENTITIES: Record<string, string> = {
  '&amp;': '&',
  '&lt;': '<',
  '&gt;': '>',
  '&quot;': '"',
  '&#39;': "'",
}

/** Unescapes exactly `&amp; &lt; &gt; &quot; &#39;` in one pass (so `&amp;lt;` becomes `&lt;`, not `<`). */
export function unescapeEntities(s: string): string {
  return s.replace(/&(?:amp|lt|gt|quot|#39);/g, (m) => ENTITIES[m] ?? m)
}

const TOKEN = /<(\/?)mark>/g

/**
 * Splits a snippet into segments. Unbalanced tokens are tolerated: an opening token inside
 * a mark and a closing token outside one are dropped. Adjacent segments with the same
 * marking are merged and empty ones are skipped.
 */
export function parseSnippet(snippet: unknown): Segment[] {
  if (typeof snippet !== 'string' || snippet === '') return []
  const out: Segment[] = []
  let marked = false
  let last = 0
  const push = (raw: string): void => {
    if (raw === '') return
    const text = unescapeEntities(raw)
    const prev = out[out.length - 1]
    if (prev && prev.marked === marked) prev.text += text
    else out.push({ text, marked })
  }
  TOKEN.lastIndex = 0
  for (let m = TOKEN.exec(snippet); m; m = TOKEN.exec(snippet)) {
    push(snippet.slice(last, m.index))
    last = m.index + m[0].length
    marked = m[1] !== '/'
  }
  push(snippet.slice(last))
  return out
}

/** The snippet as plain text (for accessible names and tests). */
export function snippetText(snippet: unknown): string {
  return parseSnippet(snippet)
    .map((s) => s.text)
    .join('')
}
