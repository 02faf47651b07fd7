/** @module URL helpers: endpoint resolution, link-template filling and http(s) validation. Pure, DOM-free. */
import { MAX_SEARCH_LIMIT } from '../api/limits.ts'

export const DEFAULT_LINK_TEMPLATE = '{endpoint}/articles/{article}#{passage}'

/** Returns the normalised URL when `value` parses (against `base`) as an http(s) URL, else null. */
export function safeHttpUrl(value: unknown, base?: string): string | null {
  if (typeof value !== 'string' || value.trim() === '') return null
  let url: URL
  try {
    url = base === undefined ? new URL(value.trim()) : new URL(value.trim(), base)
  } catch {
    return null
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return null
  if (url.username || url.password) return null
  return url.href
}

/**
 * The API base: the `endpoint` attribute (absolute, or relative to `documentBase`), or else the
 * origin of the script's own URL. No trailing slash, no query or fragment. Null when unusable.
 */
export function resolveEndpoint(attr: string | null, scriptUrl: string, documentBase?: string): string | null {
  const raw = attr !== null && attr.trim() !== '' ? attr.trim() : null
  let href: string | null
  if (raw === null) {
    try {
      const origin = new URL(scriptUrl).origin
      href = origin === 'null' ? null : safeHttpUrl(origin)
    } catch {
      href = null
    }
  } else {
    href = safeHttpUrl(raw, documentBase)
  }
  if (href === null) return null
  const url = new URL(href)
  if (url.search || url.hash) return null
  return url.origin + url.pathname.replace(/\/+$/, '')
}

export interface LinkParts {
  endpoint: string
  article: string
  passage: string
  section: string
}

/**
 * Fills `{endpoint}`, `{article}`, `{passage}` and `{section}` (each value URL-encoded except the
 * endpoint) and validates the result as an http(s) URL, resolved against the endpoint.
 * Returns null when the result is not a safe link.
 */
export function fillLinkTemplate(template: string | null | undefined, parts: LinkParts): string | null {
  const tpl = template && template.trim() !== '' ? template.trim() : DEFAULT_LINK_TEMPLATE
  const filled = tpl.replace(/\{(endpoint|article|passage|section)\}/g, (_m, key: keyof LinkParts) =>
    key === 'endpoint' ? parts.endpoint : encodeURIComponent(parts[key]),
  )
  return safeHttpUrl(filled, parts.endpoint + '/')
}

/** Parses the `limit` attribute: an integer from 1 to the server's MAX_SEARCH_LIMIT (50), else the default. */
export function parseLimit(value: string | null, fallback = 8): number {
  if (value === null || !/^\s*\d+\s*$/.test(value)) return fallback
  const n = Number.parseInt(value, 10)
  return n >= 1 && n <= MAX_SEARCH_LIMIT ? n : fallback
}
