/**
 * @module The template scanner: where a `{{…}}` ends, its parameters split at top-level pipes, its
 * named parameters, and templates replaced innermost first.
 */

/** End index (exclusive) of the template opening at `start` (`{{`), or -1 when unclosed. */
export function templateEnd(text: string, start: number): number {
  let depth = 0
  for (let i = start; i < text.length - 1; i++) {
    if (text[i] === '{' && text[i + 1] === '{') {
      depth++
      i++
    } else if (text[i] === '}' && text[i + 1] === '}') {
      depth--
      i++
      if (depth === 0) return i + 1
    }
  }
  return -1
}

/**
 * Splits on pipes outside `{{…}}` and `[[…]]`, and with `tables` outside `{|…|}` too: a template's
 * parameters (`name|a|k=v`) or a table template's rows.
 */
export function splitTopLevel(inner: string, tables = true): string[] {
  const parts: string[] = []
  let depth = 0
  let start = 0
  for (let i = 0; i < inner.length; i++) {
    const two = inner.slice(i, i + 2)
    if (two === '{{' || two === '[[' || (tables && two === '{|')) {
      depth++
      i++
    } else if ((two === '}}' || two === ']]' || (tables && two === '|}')) && depth > 0) {
      depth--
      i++
    } else if (inner[i] === '|' && depth === 0) {
      parts.push(inner.slice(start, i))
      start = i + 1
    }
  }
  parts.push(inner.slice(start))
  return parts
}

/** Named parameters of a template's inner text (`name|a=1|b=2`), in order. */
export function namedParams(inner: string): Map<string, string> {
  const params = new Map<string, string>()
  for (const part of splitTopLevel(inner).slice(1)) {
    const eq = part.indexOf('=')
    if (eq <= 0) continue
    const key = part.slice(0, eq).trim()
    if (key && !params.has(key)) params.set(key, part.slice(eq + 1).trim())
  }
  return params
}

/**
 * Replaces templates, innermost first, where `fn` returns a string (null keeps the template). Only the
 * names `fn` cares about are rebuilt, so the rest of the text passes through untouched.
 */
export function replaceTemplates(text: string, fn: (name: string, inner: string) => string | null): string {
  if (!/\{\{\s*episode/i.test(text)) return text
  const stack: number[] = []
  let out = text
  for (let i = 0; i < out.length - 1; i++) {
    if (out[i] === '{' && out[i + 1] === '{') {
      stack.push(i)
      i++
    } else if (out[i] === '}' && out[i + 1] === '}' && stack.length) {
      const start = stack.pop() as number
      const inner = out.slice(start + 2, i)
      const name = /^\s*([^|{}]*?)\s*(\||$)/.exec(inner)?.[1] ?? ''
      const replacement = fn(name.replace(/_/g, ' '), inner)
      if (replacement === null) {
        i++
        continue
      }
      out = out.slice(0, start) + replacement + out.slice(i + 2)
      i = start + replacement.length - 1
    }
  }
  return out
}
