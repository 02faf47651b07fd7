/** A value's size is counted as KV stores and bills it: its UTF-8 bytes, whatever its length. */
import { describe, expect, it } from 'vitest'
import { utf8Bytes } from '../../../src/core/storage/utf8.ts'

const encoded = (text: string) => new TextEncoder().encode(text).length

describe('utf8Bytes', () => {
  it.each([
    ['ASCII', 'sisko and the prophets'],
    ['Latin with diacritics', 'Ezri Dax, née Tigan'],
    ['Cyrillic', 'Дукат и Винн'],
    ['CJK', 'ディープ・スペース・ナイン'],
    ['astral plane', 'Sisko 🖖 Kira'],
    ['a lone surrogate, written as U+FFFD', 'a\ud800b\udc00'],
    ['empty', ''],
  ])('counts %s as TextEncoder encodes it', (_, text) => {
    expect(utf8Bytes(text)).toBe(encoded(text))
  })

  it('counts a value longer than its buffer, with pairs across the chunk boundaries', () => {
    for (const text of [
      'x'.repeat(200_000),
      'ж'.repeat(70_001),
      'a' + '🖖'.repeat(40_000),
      'ё😀'.repeat(30_000) + '\ud83d',
    ])
      expect(utf8Bytes(text)).toBe(encoded(text))
  })
})
