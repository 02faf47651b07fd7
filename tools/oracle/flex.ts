/**
 * @module The FlexSearch 0.8 inverted index: term → passage ordinals. Passages are added as their
 * already analyzed terms (see normalize.ts), so FlexSearch's encoder only splits on spaces and the
 * same options serve the build and the load. Export/import use FlexSearch's own key/data pieces.
 */
import { Index } from 'flexsearch'

const encode = (text: string): string[] => text.split(' ').filter((t) => t.length > 0)

/** The options of the index; export/import do not carry them, so build and load share these. */
export function createFlexIndex(): Index {
  return new Index({ tokenize: 'strict', encode, resolution: 1, cache: false })
}

/** Exports every piece as `flex.<FlexSearch key>` → data. */
export async function exportFlex(index: Index): Promise<Record<string, string>> {
  const pieces: Record<string, string> = {}
  await index.export((key: string, data: string) => {
    pieces[`flex.${key}`] = data
  })
  return pieces
}

/** Imports the pieces listed in `keys` (`flex.` names); throws on a missing piece or bad JSON. */
export function importFlex(pieces: Record<string, string>, keys: string[]): Index {
  const index = createFlexIndex()
  for (const name of keys) {
    const data = pieces[name]
    if (typeof data !== 'string') throw new Error(`missing piece ${name}`)
    index.import(name.slice('flex.'.length), data)
  }
  return index
}

/** Passage ordinals holding `term`. */
export function lookup(index: Index, term: string, limit: number): number[] {
  if (!term) return []
  return index.search(term, { limit }) as number[]
}
