/**
 * @module Percent-encoding of the query string. Hono decodes a malformed escape (`%E0%A4%A`) as literal
 * text, so such a parameter would be searched as typed by mistake; the guards refuse it instead.
 */

export interface MalformedParameter {
  /** The parameter's name as sent (decoded when its name itself is well-formed). */
  parameter: string
  /** The raw value (or name) that does not decode. */
  raw: string
}

/** Characters of a name or value repeated in the answer: enough to find the fault. */
const SHOWN = 64

function decodes(component: string): boolean {
  try {
    decodeURIComponent(component.replace(/\+/g, ' '))
    return true
  } catch {
    return false
  }
}

/**
 * The first parameter of a query string (`?a=1&b=2`, with or without the `?`) whose name or value is
 * not valid percent-encoding of UTF-8: a `%` not followed by two hex digits, or bytes that are not UTF-8.
 */
export function malformedParameter(search: string): MalformedParameter | null {
  const query = search.startsWith('?') ? search.slice(1) : search
  if (!query.includes('%')) return null
  for (const pair of query.split('&')) {
    const eq = pair.indexOf('=')
    const name = eq < 0 ? pair : pair.slice(0, eq)
    const value = eq < 0 ? '' : pair.slice(eq + 1)
    if (!decodes(name)) return { parameter: name.slice(0, SHOWN), raw: name.slice(0, SHOWN) }
    if (!decodes(value))
      return { parameter: decodeURIComponent(name.replace(/\+/g, ' ')).slice(0, SHOWN), raw: value.slice(0, SHOWN) }
  }
  return null
}
