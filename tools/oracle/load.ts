/** @module Load time (workerd or Node): pieces → a ready engine. No Node APIs, no eval. */
import { importFlex } from './flex.ts'
import { readPieces } from './format.ts'
import { Engine } from './engine.ts'
import { IndexFormatError } from '../../src/core/search/types.ts'
import type { SearchEngine } from './engine.ts'

export async function loadSearchIndex(pieces: Record<string, string>): Promise<SearchEngine> {
  const parsed = readPieces(pieces)
  let flex
  try {
    flex = importFlex(pieces, parsed.meta.flex)
  } catch (e) {
    throw new IndexFormatError(`search index FlexSearch pieces are unusable: ${(e as Error).message}`)
  }
  return new Engine(parsed, flex)
}
