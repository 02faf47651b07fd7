/** @module Which keys of old builds to delete: a pure choice, so it can be tested apart from KV. */
import { versionOf as versionOfKey } from '../../src/core/storage/keys.ts'

/**
 * The keys to delete: those of versions built before the live one, beyond the `keep` newest of them.
 * A version with no manifest (`builtAt` missing) or built after the live one may be mid-upload, so its
 * keys are never chosen.
 */
export function keysToPrune(names: string[], live: string, builtAt: Map<string, string>, keep: number): string[] {
  const versionOf = (name: string) => versionOfKey(name) ?? ''
  const liveBuilt = builtAt.get(live) ?? ''
  const older = [...new Set(names.map(versionOf))]
    .filter((v) => v !== live && builtAt.has(v) && (builtAt.get(v) as string) <= liveBuilt)
    .sort((a, b) => (builtAt.get(b) as string).localeCompare(builtAt.get(a) as string))
  const doomed = new Set(older.slice(keep))
  return names.filter((name) => doomed.has(versionOf(name)))
}

/**
 * The content-addressed pieces (`s/<hash>`) no kept version names. While any version is without its
 * manifest (an upload in flight), its pieces are unknown, so none is chosen.
 */
export function piecesToPrune(pieces: string[], referenced: Set<string>, uploadInFlight: boolean): string[] {
  return uploadInFlight ? [] : pieces.filter((name) => !referenced.has(name))
}
