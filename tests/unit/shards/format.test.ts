/** The compact encodings of the sharded index: postings digits, ascending lists, packed piece names. */
import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { IndexFormatError } from '../../../src/core/search/types.ts'
import {
  decodeAscending,
  decodeDeltas,
  decodeNumbers,
  encodeAscending,
  encodeDeltas,
  encodeNumbers,
  encodedLength,
  packShardStarts,
  separator,
  shardStarts,
} from '../../../src/core/shards/format.ts'
import { articleTitle, directoryTitle, slugOrder } from '../../../src/core/shards/directory.ts'
import { slugify } from '../../../src/core/parse/slug.ts'
import {
  docBlockAt,
  placedHash,
  termShardAt,
  termShardName,
  docBlockName,
  nameAt,
  nameMatches,
  packNames,
  pieceName,
  sha256Hex,
} from '../../../src/core/storage/keys.ts'

describe('postings digits', () => {
  it('round-trips any 31-bit non-negative integers, from number arrays and Int32Arrays alike', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.nat(40), fc.nat(), fc.constant(2 ** 31 - 1))), (list) => {
        expect([...decodeNumbers(encodeNumbers(list))]).toEqual(list)
        expect(encodeNumbers(Int32Array.from(list))).toBe(encodeNumbers(list))
        expect(encodedLength(Int32Array.from(list))).toBe(encodeNumbers(list).length)
      }),
    )
  })

  it('encodes lists longer than one chunk of digits', () => {
    const long = Array.from({ length: 20_000 }, (_, i) => (i * 7919) % 100_000)
    expect([...decodeNumbers(encodeNumbers(Int32Array.from(long)))]).toEqual(long)
  })

  it('decodes a stretch of a text, and calls any character not a digit corrupt', () => {
    fc.assert(
      fc.property(fc.array(fc.nat()), fc.string(), fc.string(), (list, before, after) => {
        const text = before + encodeNumbers(list) + after
        expect([...decodeNumbers(text, before.length, text.length - after.length)]).toEqual(list)
      }),
    )
    const digits = encodeNumbers([7, 40, 2 ** 31 - 1])
    for (const bad of ['"', '\\', ' ', '=', '\u0080', '\u00c1', '\u0141', '\u2014', '\ud83d'])
      for (const at of [0, 1, digits.length])
        expect(() => decodeNumbers(digits.slice(0, at) + bad + digits.slice(at)), JSON.stringify(bad)).toThrow(
          IndexFormatError,
        )
  })

  it('spends one character on a number below 32', () => {
    expect(encodeNumbers([0, 5, 31])).toHaveLength(3)
    expect(encodeNumbers([32])).toHaveLength(2)
  })

  it('refuses negative, fractional or 32-bit numbers', () => {
    expect(() => encodeNumbers([-1])).toThrow(/cannot encode/)
    expect(() => encodeNumbers([1.5])).toThrow(/cannot encode/)
    expect(() => encodeNumbers([2 ** 31])).toThrow(/cannot encode/)
    expect(() => encodeNumbers(Int32Array.of(1, -1))).toThrow(/cannot encode/)
  })
})

describe("term shards' starts", () => {
  it("are the shortest prefix of a shard's first term that sorts after the last term before it", () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1 }), fc.string({ minLength: 1 }), (a, b) => {
        if (a === b) return
        const [last, next] = a < b ? [a, b] : [b, a]
        const start = separator(last, next)
        expect(next.startsWith(start)).toBe(true)
        expect(start > last).toBe(true)
        expect(start.length === 1 || start.slice(0, -1) <= last).toBe(true)
      }),
    )
    expect(separator('garak', 'garibaldi')).toBe('gari')
  })

  it('pack into one string, each after what it shares with the one before, and back', () => {
    const starts = ['', 'gari', 'garo', 'k', 'sisk']
    expect(packShardStarts(starts)).toBe('A Agari Do Ak Asisk')
    expect(shardStarts({ first: packShardStarts(starts), names: 'x'.repeat(40) })).toEqual(starts)
    expect(shardStarts({ first: '', names: '' })).toEqual([])
    fc.assert(
      fc.property(fc.uniqueArray(fc.stringMatching(/^[a-z0-9]{1,70}$/), { maxLength: 30 }), (list) => {
        const sorted = ['', ...list.sort()]
        expect(shardStarts({ first: packShardStarts(sorted), names: 'x'.repeat(8 * sorted.length) })).toEqual(sorted)
      }),
    )
  })

  it('refuse a packed start that shares more than the one before holds', () => {
    expect(() => shardStarts({ first: 'A Dgari', names: 'x'.repeat(16) })).toThrow(/corrupt term shard starts/)
  })
})

describe('signed deltas', () => {
  it('round-trips numbers in any order, a digit a number when each is one past the last', () => {
    fc.assert(
      fc.property(fc.array(fc.nat(100_000_000)), (list) => {
        expect([...decodeDeltas(encodeDeltas(list))]).toEqual(list)
      }),
    )
    expect(encodeDeltas([0, 1, 2, 3, 4, 5])).toHaveLength(6)
  })
})

describe('directories', () => {
  it('round-trip ascending lists as deltas', () => {
    expect([...decodeAscending(encodeAscending([0, 3, 3, 40, 1000]))]).toEqual([0, 3, 3, 40, 1000])
  })

  it('refuse a list whose sums pass 31 bits, which 32-bit lists would silently wrap', () => {
    const last = 0x7fffffff
    expect([...decodeAscending(encodeAscending([5, last]))]).toEqual([5, last])
    expect(() => decodeAscending(encodeAscending([5, last]) + encodeNumbers([1]))).toThrow(IndexFormatError)
    expect(() => decodeDeltas(encodeNumbers([1]))).toThrow(IndexFormatError)
  })

  it('name a piece by 72 bits of its SHA-256 in base64url, and pack names at a fixed width', async () => {
    const name = pieceName(await sha256Hex('hello'))
    expect(name).toMatch(/^s\/[A-Za-z0-9_-]{12}$/)
    expect(name).toBe(pieceName('2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824'))
    const packed = packNames([name, 's/AAAAAAAAAAAA'])
    expect(nameAt(packed, 0)).toBe(name)
    expect(nameAt(packed, 1)).toBe('s/AAAAAAAAAAAA')
    expect(nameAt(packed, 2)).toBeUndefined()
  })

  it('name a doc block by its first passage and 36 bits of its SHA-256, kept apart from other pieces', async () => {
    const sha = await sha256Hex('{"first":40}')
    const name = docBlockName(40, sha)
    expect(name).toMatch(/^s\/d14\.[A-Za-z0-9_-]{6}$/)
    expect(docBlockAt(placedHash(docBlockName(0, sha)) + placedHash(name), [0, 40], 1)).toBe(name)
    expect(docBlockAt(placedHash(name), [40], 1)).toBeUndefined()
    expect(nameMatches(name, sha)).toBe(true)
    expect(nameMatches(name, await sha256Hex('{"first":41}'))).toBe(false)
    expect(nameMatches(pieceName(sha), sha)).toBe(true)
    expect(nameMatches(pieceName(sha), await sha256Hex('other'))).toBe(false)
  })

  it('name a term shard by its index and 36 bits of its SHA-256, as a doc block is named', async () => {
    const sha = await sha256Hex('{"rows":[]}')
    const name = termShardName(37, sha)
    expect(name).toMatch(/^s\/t11\.[A-Za-z0-9_-]{6}$/)
    const packed = placedHash(termShardName(0, sha)) + placedHash(termShardName(1, sha))
    expect(termShardAt(packed, 1)).toBe(termShardName(1, sha))
    expect(termShardAt(packed, 2)).toBeUndefined()
    expect(nameMatches(name, sha)).toBe(true)
    expect(nameMatches(name, await sha256Hex('{"rows":[1]}'))).toBe(false)
  })
})

describe('the article directory', () => {
  const article = fc.record({
    title: fc.string({ minLength: 1 }),
    slug: fc.option(fc.stringMatching(/^[a-z0-9]+(-[a-z0-9]+)*$/), { nil: undefined }),
  })

  it('round-trips titles and slugs', () => {
    fc.assert(
      fc.property(fc.array(article, { maxLength: 20 }), (list) => {
        const articles = list.map(({ title, slug }) => ({ slug: slug ?? slugify(title), title }))
        expect(articles.map(directoryTitle).map(articleTitle)).toEqual(articles)
      }),
    )
  })

  it("stores a slug only where it is not its title's slugify", () => {
    expect(
      [
        { slug: 'critical-reception', title: 'Critical reception' },
        { slug: 'dukat', title: 'Gul Dukat' },
      ].map(directoryTitle),
    ).toEqual([['Critical reception'], ['Gul Dukat', 'dukat']])
  })

  it('places each slug in code-unit order, as facets order equal counts', () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.string(), { maxLength: 30 }), (slugs) => {
        const order = slugOrder(slugs)
        const sorted = [...slugs].sort((a, b) => (a < b ? -1 : 1))
        expect(slugs.map((s, i) => sorted[order[i]!])).toEqual(slugs)
      }),
    )
  })
})
