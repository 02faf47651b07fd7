/**
 * @module Snippets: the best window of a passage (about 160–240 characters, cut at word boundaries,
 * `…` where cut), HTML-escaped, with matched words in `<mark>…</mark>` and no other markup.
 */
import { phraseStarts, type PassageTokens } from './passage-tokens.ts'

/** Passages up to this long are shown whole. */
const WHOLE = 240
const WINDOW = 210
const LEAD = 40

const NEEDS_CLEANING = /[\uD800-\uDFFF\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/

/** The entity of a markup character's code unit, undefined for any other. */
function entityOf(unit: number): string | undefined {
  switch (unit) {
    case 0x26:
      return '&amp;'
    case 0x3c:
      return '&lt;'
    case 0x3e:
      return '&gt;'
    case 0x22:
      return '&quot;'
    case 0x27:
      return '&#39;'
    default:
      return undefined
  }
}

/** `&<>"'` as entities, in one pass that copies nothing when there is none (a regex replace with a callback cost more). */
function escapeMarkup(s: string): string {
  let out = ''
  let from = 0
  for (let i = 0; i < s.length; i++) {
    const entity = entityOf(s.charCodeAt(i))
    if (entity === undefined) continue
    out += s.slice(from, i) + entity
    from = i + 1
  }
  return from === 0 ? s : out + s.slice(from)
}

/** Escapes HTML, drops control characters and replaces lone surrogates. */
export function escapeHtml(s: string): string {
  // Most text has no surrogate or control character to clean.
  const clean = NEEDS_CLEANING.test(s)
    ? s
        .replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD')
        .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/g, '')
    : s
  return escapeMarkup(clean)
}

type Range = [start: number, end: number]

/** What may join two marks into one (Jem'Hadar): at most two code points, none a letter, digit or space. */
const SHORT_GAP = /^[^\s]{1,2}$/u
const NO_WORD = /^[^\p{L}\p{N}]+$/u
const SPACE = /\s/u
const LOW_SURROGATE = /[\uDC00-\uDFFF]/

/** Character ranges of the tokens whose term is in `hits`, overlapping and connector-joined merged. */
export function markRanges(text: string, p: PassageTokens, hits: Set<number>, phrases: number[][] = []): Range[] {
  const ranges: Range[] = []
  for (const seq of phrases) {
    for (const at of phraseStarts(p, seq)) {
      // Positions past the text are its fields (fields.ts): nothing there to mark.
      if (at >= p.length) break
      let end = at
      for (let k = 0; k < seq.length && end < p.length; k++) {
        const join = p.terms[end] === seq[k] ? undefined : (p.joinsAt.get(end) ?? []).find(([, t]) => t === seq[k])
        end += join ? join[0] : 1
      }
      ranges.push([p.starts[at]!, p.ends[Math.min(end, p.length) - 1]!])
    }
  }
  // Only positions of hit terms are visited (the passage's position lists), not every token.
  for (const term of hits) {
    const at = p.positions.get(term)
    if (!at) continue
    for (const i of at) {
      if (i >= p.length) break
      if (p.terms[i] === term) ranges.push([p.starts[i]!, p.ends[i]!])
      const joins = p.joinsAt.get(i)
      if (joins) for (const [span, t] of joins) if (t === term) ranges.push([p.starts[i]!, p.ends[i + span - 1]!])
    }
  }
  ranges.sort((a, b) => a[0] - b[0] || b[1] - a[1])
  const out: Range[] = []
  for (const r of ranges) {
    const last = out[out.length - 1]
    // Jem'Hadar whose both parts match is one mark, not two.
    // (The gap test is cheap first: at most 2 code points, so at most 4 code units.)
    if (
      last &&
      (r[0] <= last[1] ||
        (r[0] - last[1] <= 4 && SHORT_GAP.test(text.slice(last[1], r[0])) && NO_WORD.test(text.slice(last[1], r[0]))))
    ) {
      last[1] = Math.max(last[1], r[1])
    } else out.push([r[0], r[1]])
  }
  return out
}

/** Whether `c` is whitespace as `\s` reads it; printable ASCII other than the space never is, and is most text. */
function isSpace(c: string | undefined): boolean {
  if (c === undefined) return false
  const unit = c.charCodeAt(0)
  return unit > 0x20 && unit < 0x7f ? false : SPACE.test(c)
}

/** Picks the window [start, end) holding the most distinct marked words, earliest on ties. */
function chooseWindow(text: string, ranges: Range[]): Range {
  const len = text.length
  if (len <= WHOLE) return [0, len]
  let best: Range = [0, Math.min(len, WINDOW)]
  let bestScore = -1
  // Each marked word's lower-cased text as a small id, once; the windows then count distinct ids
  // with a stamp per id instead of building a set of slices per window (which allocated O(n²)).
  const ids = new Int32Array(ranges.length)
  const known = new Map<string, number>()
  for (let i = 0; i < ranges.length; i++) {
    const key = text.slice(ranges[i]![0], ranges[i]![1]).toLowerCase()
    let id = known.get(key)
    if (id === undefined) known.set(key, (id = known.size))
    ids[i] = id
  }
  const stamp = new Int32Array(known.size).fill(-1)
  for (let ri = 0; ri < ranges.length; ri++) {
    let s = Math.max(0, ranges[ri]![0] - LEAD)
    const e = Math.min(len, s + WINDOW)
    if (e === len) s = Math.max(0, len - WINDOW)
    let inside = 0
    let distinct = 0
    for (let j = 0; j < ranges.length; j++) {
      const x = ranges[j]!
      if (x[0] < s || x[1] > e) continue
      inside++
      if (stamp[ids[j]!] !== ri) {
        stamp[ids[j]!] = ri
        distinct++
      }
    }
    const score = distinct * 1000 + inside
    if (score > bestScore) [best, bestScore] = [[s, e], score]
  }
  // Cut at word boundaries (unless a single word is longer than the slack).
  let [s, e] = best
  if (s > 0) {
    let t = s
    while (t < e && !isSpace(text[t - 1])) t++
    if (t - s <= 40) s = t
  }
  if (e < len) {
    let t = e
    while (t > s && !isSpace(text[t])) t--
    if (e - t <= 40 && t > s) e = t
  }
  // Never split a surrogate pair.
  if (s > 0 && LOW_SURROGATE.test(text[s] ?? '')) s++
  if (e < len && LOW_SURROGATE.test(text[e] ?? '')) e--
  while (s < e && isSpace(text[s])) s++
  while (e > s && isSpace(text[e - 1])) e--
  return [s, e]
}

/** `hits`: terms marked wherever they occur; `phrases`: term sequences marked only where whole. */
export function makeSnippet(text: string, p: PassageTokens, hits: Set<number>, phrases: number[][] = []): string {
  const ranges = markRanges(text, p, hits, phrases)
  const [s, e] = chooseWindow(text, ranges)
  let out = s > 0 ? '…' : ''
  let at = s
  for (const [rs, re] of ranges) {
    if (re <= s || rs >= e) continue
    const a = Math.max(rs, s)
    const b = Math.min(re, e)
    out += escapeHtml(text.slice(at, a)) + '<mark>' + escapeHtml(text.slice(a, b)) + '</mark>'
    at = b
  }
  out += escapeHtml(text.slice(at, e))
  if (e < text.length) out += '…'
  return out
}
