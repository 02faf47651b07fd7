/**
 * docs/benchmarks.md is what `npm run bench` renders from the newest results it wrote under bench/results/:
 * figures in the docs come from a committed run, never typed in by hand or left behind by an older one.
 */
import { readFile } from 'node:fs/promises'
import { describe, expect, it } from 'vitest'
import { BENCHMARKS_DOC, benchmarksDoc, newestResults } from '../../../tools/bench/benchmarks-doc.ts'

describe('docs/benchmarks.md', () => {
  it('is the rendering of the newest results in bench/results (else: npm run bench -- --docs)', async () => {
    const newest = await newestResults()
    expect(newest.bench, 'a results file of `npm run bench`').toBeDefined()
    expect(newest.scale, 'a results file of `npm run bench -- --mb …`').toBeDefined()
    expect(await readFile(BENCHMARKS_DOC, 'utf8')).toBe(benchmarksDoc(newest))
  })

  it('shows each run with its date and machine', async () => {
    const { bench, scale } = await newestResults()
    const doc = benchmarksDoc({ bench, scale })
    expect(doc).toContain(`_${bench!.results.date.slice(0, 10)}, Node ${bench!.results.machine.node}, `)
    expect(doc).toContain(`## Scale: sharded index, ${scale!.results.date}`)
    expect(doc).toContain(`Machine: ${scale!.results.machine.cpus} CPU (`)
  })
})
