/** @module Slugs: the URL- and id-safe form of titles (`Critical reception` → `critical-reception`). */

/** Lowercase ASCII words joined by `-`; accents are folded so ids stay stable across exports. */
export function slugify(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/['’]/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
}
