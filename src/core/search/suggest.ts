/**
 * @module Autocomplete: completions of the last word of a query from the index vocabulary, in
 * their display form (`Epsicokhan`), most frequent first; earlier words are kept as typed.
 */
import { fold } from './normalize.ts'
import { cleanQuery } from './query.ts'
import type { Vocabulary } from './vocab.ts'

const MAX_SUGGESTIONS = 50

export function completions(vocab: Vocabulary, q: string, limit: number): string[] {
  const n = Math.min(MAX_SUGGESTIONS, Math.max(0, Math.floor(limit) || 0))
  const text = cleanQuery(q).replace(/\s+/gu, ' ').replace(/^ /, '')
  if (n === 0 || text === '' || text.endsWith(' ')) return []
  const cut = text.lastIndexOf(' ') + 1
  const last = text.slice(cut)
  const lead = last.search(/[\p{L}\p{N}]/u)
  if (lead < 0) return []
  const head = text.slice(0, cut) + last.slice(0, lead)
  const key = fold(last.slice(lead))
  if (!key) return []
  const out: string[] = []
  const seen = new Set<string>()
  for (const e of vocab.prefixed(key, n * 4, true)) {
    const display = e[3] || e[0]
    const norm = display.toLowerCase()
    if (seen.has(norm)) continue
    seen.add(norm)
    out.push(head + display)
    if (out.length === n) break
  }
  return out
}
