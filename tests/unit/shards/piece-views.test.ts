/**
 * Term shards and doc blocks read through views over their text: a row or passage reads as JSON.parse of
 * the whole piece would give it, strings with escapes included, and a piece that is not what its kind is
 * written as is an IndexFormatError, never a wrong answer.
 */
import { describe, expect, it } from 'vitest'
import { IndexFormatError } from '../../../src/core/search/types.ts'
import { buildShards } from '../../../src/core/shards/build.ts'
import { decodeNumbers, type DocBlock, type TailTierRef, type TermShard } from '../../../src/core/shards/format.ts'
import { JsonItems, fieldSpans, stringBytes } from '../../../src/core/shards/json-spans.ts'
import { DocBlockView, TermShardView } from '../../../src/core/shards/piece-views.ts'
import { TINY, smallCorpus } from './fixture.ts'

const shard: TermShard = {
  rows: [
    ['a"quote', 11, 1, 'BAB'],
    ['back\\slash', 12, 2, 'CAC'],
    [
      'jemhadar',
      13,
      3,
      'DAD',
      [
        ['s/0123', 48],
        ['s/4567', 12],
      ],
    ],
    ['q[1]', 14, 1, 'E'],
    ['zürich', 15, 1, 'F'],
  ],
  vocab: [
    ['jake', 11, 9, 'Jake', 1, 'jake'],
    ['jem', 13, 4, "Jem'Hadar", 1, 'jemhadar'],
    ['jemhadar', 13, 4, "Jem'Hadar", 1, 'jemhadar'],
    ['jen', 14, 1, 'Jen', 1, 'jen'],
    ['k\u00e9', 15, 1, 'Ké', 1, 'ké'],
  ],
  tops: { je: [['jem', 13, 4, "Jem'Hadar", 1, 'jemhadar']] },
}

const block: DocBlock = {
  first: 40,
  articles: [
    ['a', 'A', { title: 'A', publisher: 'W', licence: 'L', licence_url: 'u', source: 's', text: '"A" from W' }],
    ['b', 'B "bee"', { title: 'B', publisher: 'W', licence: 'L', licence_url: 'u', source: 's', text: 't' }],
  ],
  sections: [
    [0, 'lead', 'Lead'],
    [1, 'x', 'X [with] {braces}'],
  ],
  passages: [
    ['a:lead-1', 0, 0, 'He said "no", then \\left] {and} ['],
    ['b:x-1', 1, 2, 'Ünïcödé — text\nwith a line'],
  ],
}

/** A row's tail tiers as the view names their fields. */
const tiers = (refs: TailTierRef[] | undefined) => refs?.map(([name, bytes]) => ({ name, bytes }))

describe('views over a piece text', () => {
  it('find every row of a term shard by its term and parse it as JSON.parse would', () => {
    const view = TermShardView.parse('s/t0', JSON.stringify(shard))
    shard.rows.forEach(([term, id, df, head, tails], k) => {
      expect(view.find(term)).toBe(k)
      expect(view.rowFields(k)).toEqual({ term, id, df, tails: tiers(tails) })
      expect(view.decodeHead(k)).toEqual(decodeNumbers(head))
    })
    expect(view.find('absent')).toBe(-1)
    expect(view.find('')).toBe(-1)
    expect(view.find('zz')).toBe(-1)
    for (const prefix of ['', 'j', 'ja', 'je', 'jem', 'jemh', 'jemhadar', 'jeo', 'a', 'k', 'k\u00e9', 'zz', '\uffff'])
      expect(view.prefixed(prefix)).toEqual(shard.vocab.filter(([key]) => key.startsWith(prefix)))
    expect(view.tops('je')).toEqual(shard.tops!.je)
    expect(view.tops('x')).toBeUndefined()
    const tops = { 'q"': [['q"a', 1, 1, 'Q', 1, 'q"a']], je: shard.tops!.je!, ab: [] } as TermShard['tops']
    const many = TermShardView.parse('s/t2', JSON.stringify({ ...shard, tops }, null, 1))
    for (const prefix of ['q"', 'je', 'ab']) expect(many.tops(prefix)).toEqual(tops![prefix])
    for (const prefix of ['constructor', '', 'q']) expect(many.tops(prefix)).toBeUndefined()
    expect(TermShardView.parse('s/t1', '{"rows":[],"vocab":[]}').tops('je')).toBeUndefined()
  })

  it('read a row without its head, and its head from the text, as the whole row parses (every shard of a build)', async () => {
    const pieces = new Map<string, string>()
    // Small heads, so rows with tail tiers are among them.
    await buildShards(await smallCorpus(0.05), {}, (name, value) => void pieces.set(name, value), {
      ...TINY,
      headBytes: 600,
    })
    let rows = 0
    let tailed = 0
    for (const [name, text] of pieces) {
      if (!/^s\/t[0-9a-z]+\./.test(name)) continue
      const view = TermShardView.parse(name, text)
      ;(JSON.parse(text) as TermShard).rows.forEach(([term, id, df, head, tails], k) => {
        expect(view.rowFields(k)).toEqual({ term, id, df, tails: tiers(tails) })
        expect(view.decodeHead(k)).toEqual(decodeNumbers(head))
        rows++
        if (tails) tailed++
      })
    }
    expect(rows).toBeGreaterThan(1000)
    expect(tailed).toBeGreaterThan(10)
    const view = TermShardView.parse('s/t0', JSON.stringify(shard))
    shard.rows.forEach(([term, id, df, head, tails], k) => {
      expect(view.rowFields(k)).toEqual({ term, id, df, tails: tiers(tails) })
      expect(view.decodeHead(k)).toEqual(decodeNumbers(head))
    })
  })

  it('read a doc block passage with its section and article', () => {
    const view = DocBlockView.parse('s/d0', JSON.stringify(block, null, 1))
    expect(view.first).toBe(40)
    expect(view.passage(41)).toEqual({
      passage: block.passages[1],
      section: { id: 'x', title: 'X [with] {braces}' },
      article: { slug: 'b', title: 'B "bee"', attribution: block.articles[1]![2] },
    })
    expect(view.passage(40).passage).toEqual(block.passages[0])
    expect(() => view.passage(42)).toThrow(IndexFormatError)
  })

  it('charge the text a byte a character when it is Latin-1, else two', () => {
    expect(stringBytes('abc é')).toBe(5)
    expect(stringBytes('ab—')).toBe(6)
    const text = JSON.stringify(shard)
    expect(TermShardView.parse('s/t0', text).heapBytes).toBeLessThan(2 * text.length + 1000)
  })

  it('find the spans of arrays and objects, whitespace and nesting included', () => {
    const items = JsonItems.of<unknown>('p', ' [ 1 , "a,]" , [2,[3]] , {"k":"}"} , null ] '.trim())
    expect(items.length).toBe(5)
    expect([0, 1, 2, 3, 4].map((i) => items.item(i))).toEqual([1, 'a,]', [2, [3]], { k: '}' }, null])
    expect(JsonItems.of('p', '[]').length).toBe(0)
    expect([...fieldSpans('p', '{"a":1,"b":[2]}').keys()]).toEqual(['a', 'b'])
  })

  it('reject what is not the JSON of its kind with an IndexFormatError', () => {
    const notJson = [
      '',
      '{',
      '{"rows":[["a",1,1,"B"]',
      '{"rows":[["a",1,1,"B"]],"vocab":[]',
      '[1,2]',
      '{"rows" [],"vocab":[]}',
    ]
    for (const text of notJson) expect(() => TermShardView.parse('s/t9', text), text).toThrow(IndexFormatError)
    expect(() => TermShardView.parse('s/t9', '{"rows":{},"vocab":[]}')).toThrow(/not a term shard/)
    expect(() => TermShardView.parse('s/t9', '{"vocab":[]}')).toThrow(/not a term shard/)
    expect(() => DocBlockView.parse('s/d9', '{"first":"0","articles":[],"sections":[],"passages":[]}')).toThrow(
      /not a doc block/,
    )
    expect(() => DocBlockView.parse('s/d9', '{"first":0,"articles":[],"sections":[]}')).toThrow(/not a doc block/)
    const rowNotJson = TermShardView.parse('s/t9', '{"rows":[["a",1,1,"B",x]],"vocab":[]}')
    const rowNotRow = TermShardView.parse('s/t9', '{"rows":[["a",1,1,2]],"vocab":[]}')
    expect(() => rowNotJson.rowFields(0)).toThrow(IndexFormatError)
    expect(() => rowNotRow.rowFields(0)).toThrow(/not a term shard/)
    const rows = [
      '["a","1",1,"B"]',
      '["a",1,-1,"B"]',
      '["a",1,1,"B","s/x"]',
      '["a",1,1,"B",["s/x"]]',
      '["a",1,1,"B",[["s/x",-1]]]',
      '["a",1,1,"B",[["s/x","9"]]]',
      '{"a":1}',
      '["a",1,1]',
    ]
    for (const row of rows)
      expect(() => TermShardView.parse('s/t9', `{"rows":[${row}],"vocab":[]}`).rowFields(0), row).toThrow(
        IndexFormatError,
      )
    expect(() => TermShardView.parse('s/t9', '{"rows":[["a",1,1,"B!"]],"vocab":[]}').decodeHead(0)).toThrow(
      IndexFormatError,
    )
  })
})
