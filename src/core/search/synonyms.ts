/**
 * @module Synonyms and abbreviations, applied at query time: groups of phrases that mean the same
 * (`DS9` = `Deep Space Nine`), from the corpus's synonyms file (stored in the index) and built in for
 * numbers (`9` = `nine`, `9th` = `ninth`). Where a query says one phrase of a group, the passages
 * saying another match too, as that unit or run of units; the answer lists what was expanded.
 */
import type { Alt, Expanded } from './expand.ts'
import { parseQuery, type QUnit } from './query.ts'

const NUMBERS = [
  'zero',
  'one',
  'two',
  'three',
  'four',
  'five',
  'six',
  'seven',
  'eight',
  'nine',
  'ten',
  'eleven',
  'twelve',
  'thirteen',
  'fourteen',
  'fifteen',
  'sixteen',
  'seventeen',
  'eighteen',
  'nineteen',
  'twenty',
]
const ORDINALS = [
  'first',
  'second',
  'third',
  'fourth',
  'fifth',
  'sixth',
  'seventh',
  'eighth',
  'ninth',
  'tenth',
  'eleventh',
  'twelfth',
  'thirteenth',
  'fourteenth',
  'fifteenth',
  'sixteenth',
  'seventeenth',
  'eighteenth',
  'nineteenth',
  'twentieth',
]
const SUFFIX = (n: number): string =>
  n % 100 >= 11 && n % 100 <= 13 ? 'th' : (['th', 'st', 'nd', 'rd'][n % 10] ?? 'th')

/** Digits and number words, cardinal (0–20) and ordinal (1st–20th). */
export const NUMBER_GROUPS: readonly string[][] = [
  ...NUMBERS.map((w, n) => [String(n), w]),
  ...ORDINALS.map((w, i) => [`${i + 1}${SUFFIX(i + 1)}`, w]),
]

/** Longest phrase of a group, in words (longer ones are ignored: they would be phrases, not names). */
export const MAX_SYNONYM_WORDS = 8
/** Most groups a synonyms file may hold (the meta piece carries them to every query). */
export const MAX_SYNONYM_GROUPS = 5000

/** One phrase of a group: as written, its terms in order, and the terms a query's units are compared on. */
interface Phrase {
  text: string
  terms: string[]
  /** Terms of its words that are not stopwords. */
  key: string[]
}

export class Synonyms {
  private readonly byFirst = new Map<string, { phrase: Phrase; group: Phrase[] }[]>()

  /**
   * `groups` as stored in the index; anything not an array of strings is ignored. An index without
   * synonyms gives no list at all: an empty one, of another shape than the warm-up's, deoptimized this
   * constructor in every fresh isolate's first query over such an index.
   */
  constructor(groups: unknown) {
    if (Array.isArray(groups)) for (const group of groups.slice(0, MAX_SYNONYM_GROUPS)) this.add(groupOf(group))
    for (const group of NUMBER_PHRASES) this.add(group)
    for (const list of this.byFirst.values()) list.sort((a, b) => b.phrase.key.length - a.phrase.key.length)
  }

  private add(group: Phrase[] | null): void {
    if (!group) return
    for (const phrase of group) {
      const list = this.byFirst.get(phrase.key[0]!)
      if (list) list.push({ phrase, group })
      else this.byFirst.set(phrase.key[0]!, [{ phrase, group }])
    }
  }

  /**
   * Where the query's words say a phrase of a group: the run of units (longest first, never
   * overlapping), and the other phrases of its group. Phrases in quotes are left as typed.
   */
  find(units: readonly QUnit[]): SynonymMatch[] {
    const words = units.map((u, i) => ({ u, i })).filter(({ u }) => u.type === 'word' && !u.stop)
    const out: SynonymMatch[] = []
    for (let w = 0; w < words.length;) {
      // Most words start no phrase: no test made for them.
      const starting = this.byFirst.get(words[w]!.u.term)
      if (!starting) {
        w++
        continue
      }
      const hit = starting.find(({ phrase }) =>
        phrase.key.every(
          (t, k) =>
            words[w + k]?.u.term === t &&
            (k === 0 ||
              words[w + k]!.i === words[w + k - 1]!.i + 1 ||
              units.slice(words[w + k - 1]!.i + 1, words[w + k]!.i).every((u) => u.stop)),
        ),
      )
      if (!hit) {
        w++
        continue
      }
      const n = hit.phrase.key.length
      out.push({
        from: words[w]!.i,
        to: words[w + n - 1]!.i + 1,
        text: hit.phrase.text,
        others: hit.group.filter((p) => p !== hit.phrase).map((p) => ({ text: p.text, terms: p.terms })),
      })
      w += n
    }
    return out
  }
}

export interface SynonymMatch {
  /** The units [from, to) of the query's positive units that say `text`. */
  from: number
  to: number
  text: string
  others: { text: string; terms: string[] }[]
}

/** An expansion an answer reports: the query said `from`, passages saying `to` were searched too. */
export interface Expansion {
  from: string
  to: string
}

/** A group's phrases, or null when fewer than two of them say anything (or it is not a list). */
function groupOf(raw: unknown): Phrase[] | null {
  if (!Array.isArray(raw)) return null
  const group = raw
    .filter((p): p is string => typeof p === 'string')
    .map(phraseOf)
    .filter((p): p is Phrase => p !== null)
  return group.length < 2 ? null : group
}

function phraseOf(text: string): Phrase | null {
  const t = text.trim()
  const units = parseQuery(t).positive.filter((u) => u.type === 'word')
  const terms = units.flatMap((u) => (u.parts.length > 1 ? u.parts.map((p) => p.term) : [u.term]))
  const key = units.filter((u) => !u.stop).map((u) => u.term)
  if (key.length === 0 || units.length > MAX_SYNONYM_WORDS) return null
  return { text: t, terms, key }
}

/**
 * The built-in groups, parsed once when the module loads (on Workers, at the isolate's startup): parsing
 * their 82 phrases in every engine opened cost a new engine ~1 ms, and a fresh isolate's first query 6-15 ms.
 */
const NUMBER_PHRASES = NUMBER_GROUPS.map(groupOf)

/**
 * The expanded units with each match applied: a match of one unit gains the other phrases (one word:
 * another term; several: a sequence); a match of several units becomes one unit matching its own
 * sequence or any other phrase. Phrases whose words are not all indexed are left out.
 */
export function applySynonyms(
  units: Expanded[],
  matches: readonly SynonymMatch[],
  id: (term: string) => number | undefined,
): { units: Expanded[]; expansions: Expansion[] } {
  if (matches.length === 0) return { units, expansions: [] }
  const out: Expanded[] = []
  const expansions: Expansion[] = []
  let next = 0
  for (const m of matches) {
    out.push(...units.slice(next, m.from))
    next = m.to
    const run = units.slice(m.from, m.to)
    const alts: Alt[] = []
    const also: number[][] = []
    for (const other of m.others) {
      const ids = other.terms.map(id)
      if (ids.some((t) => t === undefined)) continue
      if (ids.length === 1) alts.push({ term: ids[0]!, weight: 1, exact: true })
      else also.push(ids as number[])
      expansions.push({ from: m.text, to: other.text })
    }
    if (run.length === 1) {
      const x = run[0]!
      out.push({
        ...x,
        alts: [...x.alts, ...alts.filter((a) => !x.alts.some((b) => b.term === a.term))],
        also: [...(x.also ?? []), ...also],
        known: x.known || alts.length + also.length > 0,
      })
      continue
    }
    // Several units become one: the run's own words in sequence, or another phrase of the group.
    const parts = run.map(
      (x) =>
        x.seq ??
        x.alts
          .filter((a) => a.exact)
          .map((a) => a.term)
          .slice(0, 1),
    )
    const own = parts.every((p) => p.length > 0) ? parts.flat() : null
    const first = run.find((x) => !x.unit.stop) ?? run[0]!
    out.push({ unit: first.unit, alts, seq: null, also: own ? [own, ...also] : also, known: true })
  }
  out.push(...units.slice(next))
  return { units: out, expansions }
}
