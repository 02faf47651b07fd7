import { describe, expect, it } from 'vitest'
import { Lru } from '../../../src/core/search/lru.ts'

describe('Lru', () => {
  it('keeps at most max entries, dropping the least recently set', () => {
    const lru = new Lru<string, number>(2)
    lru.set('a', 1)
    lru.set('b', 2)
    lru.set('c', 3)
    expect([lru.get('a'), lru.get('b'), lru.get('c')]).toEqual([undefined, 2, 3])
  })

  it('with a weight, keeps what it holds within its budget', () => {
    const lru = new Lru<string, string>(100, (v) => v.length, 10)
    for (const k of ['a', 'b', 'c', 'd']) lru.set(k, 'xxxx')
    expect(lru.size).toBe(2)
    expect(lru.get('d')).toBe('xxxx')
    // Setting d again charges its new weight only: 4 + 2 leaves room for 4 more.
    lru.set('d', 'xx')
    lru.set('e', 'xxxx')
    expect([lru.get('c'), lru.get('d'), lru.get('e')]).toEqual(['xxxx', 'xx', 'xxxx'])
  })

  it('never holds a value heavier than its whole budget, nor drops anything for it', () => {
    const lru = new Lru<string, string>(100, (v) => v.length, 10)
    lru.set('a', 'xxxx')
    lru.set('big', 'x'.repeat(11))
    expect(lru.get('big')).toBeUndefined()
    expect(lru.get('a')).toBe('xxxx')
  })
})
