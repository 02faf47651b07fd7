import { describe, expect, it } from 'vitest'
import { evaluate, loadJudged, ourAdapter } from '../../../tools/relevance/evaluate.ts'
import { realEngine } from './fixture.ts'

describe('relevance on the judged queries', () => {
  it('keeps hit@3 at 0.95 or more', async () => {
    const judged = await loadJudged()
    expect(judged.length).toBeGreaterThanOrEqual(45)
    const score = await evaluate(await ourAdapter((await realEngine()).articles), judged)
    expect(score.misses).toEqual([])
    expect(score.hitAt3).toBeGreaterThanOrEqual(0.95)
  })
})
