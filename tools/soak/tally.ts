/**
 * @module The checks of `npm run soak` on every answer, tallied per phase: the status fits the request's class
 * (2xx/304 for good, 4xx for hostile), and the body agrees with its `x-index-version` (healthz's version, the
 * marker found iff build B answered).
 */
import type autocannon from 'autocannon'
import { MARKER, SLUG, type SoakRequest } from './requests.ts'

export interface Tally {
  requests: number
  statuses: Map<number, number>
  mismatches: string[]
  wrongClass: string[]
  versions: Map<string, number>
  /** The first few 5xx answers whole, to say what failed. */
  fiveBodies: string[]
  markerByVersion: Map<string, { found: number; missing: number }>
}

/** The builds an answer may come from: A, and B during the swap phase. */
export interface Versions {
  a: string
  b?: string
}

export const newTally = (): Tally => ({
  requests: 0,
  statuses: new Map(),
  mismatches: [],
  wrongClass: [],
  versions: new Map(),
  fiveBodies: [],
  markerByVersion: new Map(),
})

const note = (list: string[], what: string) => void (list.length < 20 ? list.push(what) : undefined)

export function checkAnswer(
  t: Tally,
  req: SoakRequest,
  status: number,
  body: string,
  headers: Record<string, string | string[]>,
  versions: Versions,
) {
  t.requests++
  t.statuses.set(status, (t.statuses.get(status) ?? 0) + 1)
  const ok = req.kind === 'hostile' ? status >= 400 && status < 500 : (status >= 200 && status < 300) || status === 304
  if (!ok) note(t.wrongClass, `${status} for ${req.kind} ${req.path.slice(0, 80)}`)
  if (status >= 500 && t.fiveBodies.length < 3)
    t.fiveBodies.push(`${status} ${req.path.slice(0, 80)} ${JSON.stringify(headers)} ${body.slice(0, 400)}`)
  const version = String(headers['x-index-version'] ?? '')
  if (version) t.versions.set(version, (t.versions.get(version) ?? 0) + 1)
  if (status !== 200) return
  if (!version) return note(t.mismatches, `no x-index-version on ${req.path}`)
  if (version !== versions.a && version !== versions.b)
    return note(t.mismatches, `unknown version ${version} on ${req.path}`)
  let json: any
  try {
    json = JSON.parse(body)
  } catch {
    return note(t.mismatches, `not JSON: ${req.path}`)
  }
  if (req.path === '/healthz' && json.version !== version)
    note(t.mismatches, `healthz says ${json.version}, header ${version}`)
  const hasMarker = body.includes(MARKER)
  const isB = version === versions.b
  // Only build B holds the marker: any answer carrying it must say B; a marker search must find it iff B.
  if (hasMarker && !isB) note(t.mismatches, `marker in an answer of version ${version}: ${req.path}`)
  if (req.path === `/v1/articles/${SLUG}` && json.summary?.includes(MARKER) !== isB)
    note(t.mismatches, `summary vs version ${version}`)
  if (req.kind === 'marker') {
    const found = (json.results ?? []).some((r: any) => String(r.snippet).includes(MARKER))
    const m = t.markerByVersion.get(version) ?? { found: 0, missing: 0 }
    if (found) m.found++
    else m.missing++
    t.markerByVersion.set(version, m)
    if (found !== isB)
      note(t.mismatches, `marker search ${found ? 'found' : 'missed'} the marker in version ${version}`)
  }
}

export const SUMMARY_HEAD = [
  'phase',
  'answers',
  'req/s',
  'p50 ms',
  'p99 ms',
  'max ms',
  'statuses',
  '5xx',
  'timeouts',
  'errors',
  'wrong class',
  'mismatches',
]

/** A phase's row of the summary table, and whether it failed (any 5xx, timeout, error, mismatch or no answer). */
export function summary(name: string, r: autocannon.Result, t: Tally): { failed: boolean; row: string[] } {
  const fives = [...t.statuses].filter(([s]) => s >= 500).reduce((n, [, c]) => n + c, 0)
  const failed =
    fives > 0 ||
    r.timeouts > 0 ||
    r.errors > 0 ||
    t.mismatches.length > 0 ||
    t.wrongClass.length > 0 ||
    t.requests === 0
  const statuses = [...t.statuses]
    .sort(([a], [b]) => a - b)
    .map(([s, c]) => `${s}:${c}`)
    .join(' ')
  return {
    failed,
    row: [
      name,
      String(t.requests),
      r.requests.average.toFixed(0),
      String(r.latency.p50),
      String(r.latency.p99),
      String(r.latency.max),
      statuses,
      String(fives),
      String(r.timeouts),
      String(r.errors),
      String(t.wrongClass.length),
      String(t.mismatches.length),
    ],
  }
}

/** What a phase saw beyond the table: versions served, marker searches by version, and each problem. */
export function details(name: string, t: Tally): string[] {
  const lines = [`${name}: versions served ${[...t.versions].map(([v, n]) => `${v}:${n}`).join(' ')}`]
  if (t.markerByVersion.size) {
    const byVersion = [...t.markerByVersion].map(([v, m]) => `${v}: found ${m.found}, missing ${m.missing}`)
    lines.push(`${name}: marker search by version ${byVersion.join('; ')}`)
  }
  for (const m of t.mismatches) lines.push(`  MISMATCH ${m}`)
  for (const w of t.wrongClass) lines.push(`  WRONG STATUS ${w}`)
  for (const f of t.fiveBodies) lines.push(`  5xx ANSWER ${f}`)
  return lines
}
