/** Term shards' starts as a query reads them: a stretch of the meta's packed list at a time, as if all were unpacked. */
import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { crossesShards, packShardStarts, shardOf, shardStarts } from '../../../src/core/shards/format.ts'
import { ShardStarts } from '../../../src/core/shards/shard-starts.ts'

const terms = (starts: string[]) => ({ first: packShardStarts(starts), names: 'x'.repeat(8 * starts.length) })

describe('term shard starts, read a stretch at a time', () => {
  it('answer every start, shard and crossing as the whole unpacked list does', () => {
    const words = fc.stringMatching(/^[a-e]{1,6}$/)
    fc.assert(
      fc.property(fc.uniqueArray(words, { maxLength: 60 }), fc.array(words, { maxLength: 20 }), (list, keys) => {
        const all = ['', ...list.sort()]
        const starts = new ShardStarts(terms(all))
        expect(starts.length).toBe(all.length)
        expect(all.map((_, i) => starts.at(i))).toEqual(shardStarts(terms(all)))
        expect(starts.at(all.length)).toBeUndefined()
        for (const key of [...keys, ...all]) {
          expect(starts.shardOf(key)).toBe(shardOf(all, key))
          expect(starts.crosses(key)).toBe(crossesShards(all, key))
        }
      }),
    )
  })

  it('unpack a stretch from its restart, which shares nothing with the start before', () => {
    // 'gari', 'k' and 'sisk' restart (each begins a stretch); 'garo' shares 'gar' with 'gari'.
    const starts = new ShardStarts(terms(['', 'gari', 'garo', 'k', 'sisk']))
    expect(starts.shardOf('garak')).toBe(0)
    expect(starts.shardOf('garibaldi')).toBe(1)
    expect(starts.shardOf('odo')).toBe(3)
    expect(starts.at(2)).toBe('garo')
  })

  it('have no shards when the meta lists none', () => {
    const starts = new ShardStarts({ first: '', names: '' })
    expect(starts.length).toBe(0)
    expect(starts.shardOf('odo')).toBe(0)
    expect(starts.crosses('o')).toBe(false)
  })

  it('refuse a packed start that shares more than the one before holds, when its stretch is read', () => {
    const starts = new ShardStarts({ first: 'A Dgari', names: 'x'.repeat(16) })
    expect(() => starts.at(1)).toThrow(/corrupt term shard starts/)
  })
})
