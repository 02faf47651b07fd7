import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import {
  PLACEHOLDER_ID,
  builtSources,
  createdNamespaceId,
  deploySource,
  kvNamespaceId,
  needsNamespace,
  withKvNamespaceId,
} from '../../../tools/deploy/deploy-plan.ts'

const TOML = readFileSync('wrangler.toml', 'utf8')
const ID = '3f2a9c0d1b7e4a6f8c5d2e1f0a9b8c7d'

describe('the KV namespace id in wrangler.toml', () => {
  it("reads the project's placeholder as a namespace still to create", () => {
    expect(kvNamespaceId(TOML, 'INDEX')).toBe(PLACEHOLDER_ID)
    expect(needsNamespace(kvNamespaceId(TOML, 'INDEX'))).toBe(true)
    expect(needsNamespace(ID)).toBe(false)
  })

  it('writes the new id in place, every other line (comments, other tables) kept', () => {
    const updated = withKvNamespaceId(TOML, 'INDEX', ID)
    expect(kvNamespaceId(updated, 'INDEX')).toBe(ID)
    expect(updated.replace(ID, PLACEHOLDER_ID)).toBe(TOML)
  })

  it('touches only the table of the binding asked for, and adds one when there is none', () => {
    const two =
      '[[kv_namespaces]]\nbinding = "CACHE"\nid = "aaaa"\n\n[[kv_namespaces]]\nbinding = "INDEX"\nid = "00000000000000000000000000000000"\n'
    expect(withKvNamespaceId(two, 'INDEX', ID)).toBe(two.replace(PLACEHOLDER_ID, ID))
    const none = 'name = "wylb"\n'
    expect(kvNamespaceId(withKvNamespaceId(none, 'INDEX', ID), 'INDEX')).toBe(ID)
    expect(() => withKvNamespaceId(TOML, 'INDEX', 'not-an-id')).toThrow(/32 hex digits/)
  })

  it('reads the id from what `wrangler kv namespace create` prints, TOML or JSON', () => {
    expect(createdNamespaceId(`✨ Success!\n[[kv_namespaces]]\nbinding = "INDEX"\nid = "${ID}"\n`)).toBe(ID)
    expect(
      createdNamespaceId(
        `{\n  "kv_namespaces": [\n    {\n      "binding": "INDEX",\n      "id": "${ID}"\n    }\n  ]\n}`,
      ),
    ).toBe(ID)
    expect(createdNamespaceId('✘ [ERROR] A request to the Cloudflare API failed.')).toBeNull()
  })
})

describe('which build npm run deploy deploys', () => {
  it('builds what --from names, else deploys the build that is there, else builds the default corpus', () => {
    expect(deploySource(['wiki.xml', 'extra'], { sources: ['index/corpus'] })).toEqual({
      kind: 'build-from',
      sources: ['wiki.xml', 'extra'],
    })
    expect(deploySource([], { sources: ['wiki.xml'] })).toEqual({ kind: 'build', sources: ['wiki.xml'] })
    expect(deploySource([], null)).toEqual({ kind: 'build-default' })
  })

  it("reads a build's sources from its source.json, old (one corpus) or new", () => {
    expect(builtSources({ corpus: 'a + b', sources: ['a', 'b'] })).toEqual(['a', 'b'])
    expect(builtSources({ corpus: 'wiki.xml' })).toEqual(['wiki.xml'])
    expect(builtSources(null)).toEqual([])
  })
})
