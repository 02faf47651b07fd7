/** @module docs/scale.svg: a scale run's query costs against corpus size (log scale), drawn as plain SVG. */
import type { SizeResult } from './scale-measure.ts'
import { maxCold } from './scale-report.ts'

const WIDTH = 640
const HEIGHT = 320
const PAD = 56

interface Series {
  name: string
  color: string
  values: number[]
}

function seriesOf(rs: SizeResult[]): Series[] {
  return [
    { name: 'cold KB read (worst)', color: '#c0392b', values: rs.map((r) => maxCold(r).bytes / 1024) },
    { name: 'cold query ms (worst)', color: '#2471a3', values: rs.map((r) => Math.max(...r.cold.map((c) => c.ms))) },
    { name: 'warm median ms ×100', color: '#1e8449', values: rs.map((r) => r.warm.shardedMedianMs * 100) },
  ]
}

const line = (x1: number, y1: number, x2: number, y2: number, stroke: string): string =>
  `<line x1="${x1}" y1="${y1}" x2="${x2}" y2="${y2}" stroke="${stroke}"/>`

/** The chart of `rs`: cold KB read, cold query time and warm median time for each corpus size. */
export function scaleChart(rs: SizeResult[]): string {
  const xs = rs.map((r) => Math.log10(r.mb))
  const xMin = Math.min(...xs, 0)
  const xMax = Math.max(...xs, 1)
  const x = (mb: number) => PAD + ((Math.log10(mb) - xMin) / Math.max(1e-9, xMax - xMin)) * (WIDTH - 2 * PAD)
  const series = seriesOf(rs)
  const yMax = Math.max(1, ...series.flatMap((s) => s.values))
  const y = (v: number) => HEIGHT - PAD - (v / yMax) * (HEIGHT - 2 * PAD)
  const bottom = HEIGHT - PAD
  const parts = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${HEIGHT}" ` +
      `viewBox="0 0 ${WIDTH} ${HEIGHT}" font-family="sans-serif" font-size="12">`,
    `<rect width="${WIDTH}" height="${HEIGHT}" fill="#fff"/>`,
    `<text x="${WIDTH / 2}" y="20" text-anchor="middle" font-size="14">Sharded index: query cost vs corpus size</text>`,
    line(PAD, bottom, WIDTH - PAD, bottom, '#333') + line(PAD, PAD, PAD, bottom, '#333'),
  ]
  for (const r of rs) parts.push(`<text x="${x(r.mb)}" y="${bottom + 16}" text-anchor="middle">${r.mb} MB</text>`)
  for (let k = 0; k <= 4; k++) {
    const v = (yMax * k) / 4
    parts.push(
      `<text x="${PAD - 6}" y="${y(v) + 4}" text-anchor="end">${v.toFixed(0)}</text>` +
        line(PAD, y(v), WIDTH - PAD, y(v), '#eee'),
    )
  }
  series.forEach((s, i) => {
    const points = rs.map((r, k) => ({ cx: x(r.mb).toFixed(1), cy: y(s.values[k]!).toFixed(1) }))
    const polyline = points.map((p) => `${p.cx},${p.cy}`).join(' ')
    parts.push(`<polyline fill="none" stroke="${s.color}" stroke-width="2" points="${polyline}"/>`)
    for (const p of points) parts.push(`<circle cx="${p.cx}" cy="${p.cy}" r="3" fill="${s.color}"/>`)
    parts.push(
      `<rect x="${PAD + 10}" y="${PAD - 22 + i * 16}" width="10" height="10" fill="${s.color}"/>` +
        `<text x="${PAD + 26}" y="${PAD - 13 + i * 16}">${s.name}</text>`,
    )
  })
  parts.push(`<text x="${WIDTH / 2}" y="${HEIGHT - 12}" text-anchor="middle">corpus size (log scale)</text></svg>`)
  return parts.join('\n')
}
