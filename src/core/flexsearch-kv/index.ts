/**
 * @module flexsearch-kv: FlexSearch 0.8's persistent index on a key-value store of immutable pieces.
 *
 * @example
 * const batch = new BatchStorage((value) => putContentAddressed(value))
 * const directory = await batch.commit(memoryIndex)
 * const index = new Index(sameOptions)
 * await index.mount(new KvStorage(new PieceTermSource(directory, (name) => kv.get(name))))
 * await index.search('sisko garak')
 */
export { BatchStorage, PieceTermSource, pieceOf, type Committable, type Directory, type TermPiece } from './commit.ts'
export { KvStorage, ReadOnlyError, flatten, page, type Mountable, type Slots, type TermSource } from './storage.ts'
