/** @module Escaping helpers for the server-rendered pages. Pure: no Hono or Workers imports. */

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }

/** Escapes text for element content and quoted attribute values. */
export function escapeHtml(value: unknown): string {
  return String(value ?? '').replace(/[&<>"']/g, (c) => ESCAPES[c] ?? c)
}

/** An http(s) or same-document (`#…`) or root-relative (`/…`) URL, escaped for an attribute; else `#`. */
export function safeHref(value: unknown): string {
  const s = String(value ?? '').trim()
  if (s.startsWith('#') || (s.startsWith('/') && !s.startsWith('//'))) return escapeHtml(s)
  try {
    const url = new URL(s)
    if (url.protocol === 'http:' || url.protocol === 'https:') return escapeHtml(url.href)
  } catch {
    // fall through
  }
  return '#'
}

/** A fragment link to an element id (`#` + the id, with only what a URL fragment needs encoded). */
export function fragmentHref(id: string): string {
  return '#' + escapeHtml(encodeURI(id).replace(/#/g, '%23'))
}
