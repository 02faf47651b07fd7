/**
 * @module "Did you mean": for a query that finds fewer than two passages, its unknown words replaced by
 * their nearest indexed words (suggestible ones first), offered when the corrected query finds more.
 */
import { expandUnit } from '../search/expand.ts'
import { renderQuery, type ParsedQuery, type QUnit } from '../search/query.ts'
import { SUGGESTION_CAP, suggestionTolerance } from '../search/typo.ts'
import type { SearchRequest } from '../search/types.ts'
import { Vocabulary } from '../search/vocab.ts'
import { sortEntries, type IndexPieces } from './pieces.ts'
import { addEntries, termTable, type TermLookup } from './plan.ts'

/** The corrected query, when `count` finds more for it than the `total` the query found. */
export async function didYouMean(
  parsed: ParsedQuery,
  req: SearchRequest,
  total: number,
  terms: TermLookup,
  pieces: IndexPieces,
  count: (req: SearchRequest) => Promise<{ query: string; total: number }>,
): Promise<string | undefined> {
  const table = termTable(terms)
  const unknown = (u: QUnit) => u.type === 'word' && !expandUnit(u, table, terms.vocab, false).known
  const found = await Promise.all(
    parsed.positive
      .filter(unknown)
      .map((u) => pieces.nearEntries(u.key, suggestionTolerance(u.key), SUGGESTION_CAP, terms.read)),
  )
  if (found.some((f) => f.entries.length > 0)) {
    for (const f of found) addEntries(terms, f.entries)
    terms.vocab = new Vocabulary(sortEntries([...terms.entries.values()]))
  }
  const replace = new Map<QUnit, string>()
  for (const u of parsed.positive) {
    if (!unknown(u)) continue
    const near = terms.vocab.near(u.key, suggestionTolerance(u.key), SUGGESTION_CAP)
    const best = near.find(({ entry: [, , , , suggest] }) => suggest === 1) ?? near[0]
    if (!best) continue
    const [key, , , display] = best.entry
    replace.set(u, (display || key).toLowerCase())
  }
  if (replace.size === 0) return undefined
  const again = await count({ ...req, q: renderQuery(parsed.items, replace), offset: 0, limit: 0 })
  return again.total > total ? again.query : undefined
}
