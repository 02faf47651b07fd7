/**
 * @module The URLs pages put in `href` and `src`: only schemes and forms that cannot run script. They
 * return plain text; the JSX that renders them escapes it. Pure: no Hono or Workers imports.
 */

/** An http(s) or same-document (`#…`) or root-relative (`/…`) URL; else `#`. */
export function safeHref(value: unknown): string {
  const s = String(value ?? '').trim()
  if (s.startsWith('#') || (s.startsWith('/') && !s.startsWith('//'))) return s
  try {
    const url = new URL(s)
    if (url.protocol === 'http:' || url.protocol === 'https:') return url.href
  } catch {
    // fall through
  }
  return '#'
}

/** A fragment link to an element id (`#` + the id, with only what a URL fragment needs encoded). */
export function fragmentHref(id: string): string {
  return '#' + encodeURI(id).replace(/#/g, '%23')
}
