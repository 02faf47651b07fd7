/**
 * @module The write side of the adapter: `BatchStorage.commit(index)` turns an in-memory FlexSearch
 * `Index` (its `map`: term → slots) into term-range pieces of bounded size, handed to `put` (a build
 * writes them into its KV batch files), plus the directory a `PieceTermSource` reads them back with.
 */
import type { Slots, TermSource } from './storage.ts'

/** A piece: the rows of a contiguous, sorted range of terms. */
export interface TermPiece {
  rows: [term: string, slots: Slots][]
}

/** Which piece holds which terms: `first[i]` is the first term of piece `names[i]`. */
export interface Directory {
  first: string[]
  names: string[]
  /** Every id the index holds, so a reader can answer `has()` without a read. */
  ids: number[]
}

/** The part of FlexSearch's `Index` a commit reads. */
export interface Committable {
  map: Map<string, Slots>
  reg: Map<number, unknown> | Set<number>
}

export class BatchStorage {
  directory: Directory = { first: [], names: [], ids: [] }

  constructor(
    /** Stores a piece's value and answers its name (a content hash, say). */
    private readonly put: (value: string) => Promise<string> | string,
    /** A piece closes once its JSON passes this many characters. */
    private readonly pieceChars = 32 * 1024,
  ) {}

  async commit(index: Committable): Promise<Directory> {
    const terms = [...index.map.keys()].sort()
    const first: string[] = []
    const names: string[] = []
    let rows: TermPiece['rows'] = []
    let chars = 0
    const close = async (): Promise<void> => {
      if (rows.length === 0) return
      first.push(rows[0]![0])
      names.push(await this.put(JSON.stringify({ rows } satisfies TermPiece)))
      rows = []
      chars = 0
    }
    for (const term of terms) {
      const slots = (index.map.get(term) ?? []).map((slot) => slot ?? [])
      rows.push([term, slots])
      chars += term.length + JSON.stringify(slots).length
      if (chars >= this.pieceChars) await close()
    }
    await close()
    const ids = [...index.reg.keys()].sort((a, b) => a - b)
    this.directory = { first, names, ids }
    return this.directory
  }
}

/** The piece of `directory` whose range holds `term`, or -1 before the first. */
export function pieceOf(first: string[], term: string): number {
  let lo = 0
  let hi = first.length - 1
  let found = -1
  while (lo <= hi) {
    const mid = (lo + hi) >> 1
    if (first[mid]! <= term) {
      found = mid
      lo = mid + 1
    } else hi = mid - 1
  }
  return found
}

/** Reads committed pieces back by name (from KV, through whatever cache the caller keeps). */
export class PieceTermSource implements TermSource {
  private readonly pieces = new Map<number, Promise<Map<string, Slots>>>()
  private readonly ids: Set<number>
  private reads = 0

  constructor(
    private readonly directory: Directory,
    private readonly read: (name: string) => Promise<string>,
  ) {
    this.ids = new Set(directory.ids)
  }

  private piece(i: number): Promise<Map<string, Slots>> {
    let piece = this.pieces.get(i)
    if (!piece) {
      this.reads++
      piece = this.read(this.directory.names[i]!).then((text) => new Map((JSON.parse(text) as TermPiece).rows))
      this.pieces.set(i, piece)
    }
    return piece
  }

  async slots(term: string): Promise<Slots | undefined> {
    const i = pieceOf(this.directory.first, term)
    return i < 0 ? undefined : (await this.piece(i)).get(term)
  }

  async has(id: number): Promise<boolean> {
    return this.ids.has(id)
  }

  info(): Record<string, number> {
    return { pieces: this.directory.names.length, reads: this.reads }
  }
}
