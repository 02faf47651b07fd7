/**
 * Settled loads an isolate keeps (article models, passage maps) are bounded in bytes: the least recently
 * used go first, and one heavier than the whole budget is not kept at all.
 */
import { describe, expect, it } from 'vitest'
import { SettledLoads } from '../../../src/store/settled-loads.ts'

const keep = (loads: SettledLoads<string>, key: string, value: string) => loads.set(key, Promise.resolve(value), value)

describe('settled loads', () => {
  it('keep what fits in their bytes, least recently used out first', async () => {
    const loads = new SettledLoads<string>(10, (v) => v.length)
    keep(loads, 'a', 'aaaa')
    keep(loads, 'b', 'bbbb')
    expect(await loads.get('a')).toBe('aaaa')
    keep(loads, 'c', 'cccc')
    expect(loads.has('b')).toBe(false)
    expect(loads.has('a')).toBe(true)
    expect(loads.has('c')).toBe(true)
    // b's bytes were given back: 'dd' fills the budget to the byte beside a and c, one more byte evicts a.
    keep(loads, 'd', 'dd')
    expect(['a', 'c', 'd'].map((key) => loads.has(key))).toEqual([true, true, true])
    keep(loads, 'e', 'e')
    expect(['a', 'c', 'd', 'e'].map((key) => loads.has(key))).toEqual([false, true, true, true])
  })

  it('do not keep a value heavier than the whole budget, nor let it evict or charge anything', () => {
    const loads = new SettledLoads<string>(10, (v) => v.length)
    keep(loads, 'a', 'aaaa')
    keep(loads, 'big', 'x'.repeat(11))
    expect(loads.has('big')).toBe(false)
    expect(loads.has('a')).toBe(true)
    keep(loads, 'b', 'bbbbbb')
    expect(['a', 'b'].map((key) => loads.has(key))).toEqual([true, true])
  })
})
