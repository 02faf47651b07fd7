import { beforeAll, describe, expect, it } from 'vitest'
import type { ShardedSearch } from '../../../src/core/engine/engine.ts'
import { shardedOf, smallCorpus } from './fixture.ts'

let engine: ShardedSearch

beforeAll(async () => {
  engine = (await shardedOf(await smallCorpus())).engine
}, 60_000)

describe('did you mean', () => {
  it('offers the corrected query whatever page was asked for', async () => {
    const suggestion = (await engine.search({ q: 'gaarek', limit: 10, offset: 0 })).suggestion
    expect(suggestion).toBe('garak')
    expect((await engine.search({ q: 'gaarek', limit: 1, offset: 7 })).suggestion).toBe(suggestion)
    expect((await engine.search({ q: 'gaarek', limit: 0, offset: 0 })).suggestion).toBe(suggestion)
  })

  it('weighs articles when the answer is grouped by article', async () => {
    const grouped = { q: 'gaarek', limit: 10, offset: 0, group: 'article' as const }
    const answer = await engine.search(grouped)
    expect(answer.suggestion).toBe('garak')
    expect((await engine.search({ ...grouped, q: answer.suggestion! })).total).toBeGreaterThan(answer.total)
  })

  it('offers nothing when the query finds enough', async () => {
    expect((await engine.search({ q: 'garak', limit: 10, offset: 0 })).suggestion).toBeUndefined()
  })
})
