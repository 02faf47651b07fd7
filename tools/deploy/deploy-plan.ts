/** @module The pure parts of `npm run deploy`: which build it deploys, and the KV namespace id in wrangler.toml. */

/** The id wrangler.toml ships with: a namespace that does not exist yet. */
export const PLACEHOLDER_ID = '00000000000000000000000000000000'

/** The `[[kv_namespaces]]` table of `binding` in wrangler.toml: its text's start and end. */
function kvTable(toml: string, binding: string): { start: number; end: number } | null {
  const tables = [...toml.matchAll(/^\s*\[\[?[^\]\n]+\]\]?\s*$/gm)].map((m) => ({
    start: m.index ?? 0,
    header: m[0].trim(),
  }))
  for (let i = 0; i < tables.length; i++) {
    const t = tables[i]!
    if (t.header !== '[[kv_namespaces]]') continue
    const end = tables[i + 1]?.start ?? toml.length
    const body = toml.slice(t.start, end)
    if (new RegExp(`^\\s*binding\\s*=\\s*["']${binding}["']`, 'm').test(body)) return { start: t.start, end }
  }
  return null
}

/** The `id` of the KV namespace bound as `binding`, or null when wrangler.toml binds none. */
export function kvNamespaceId(toml: string, binding: string): string | null {
  const table = kvTable(toml, binding)
  if (!table) return null
  return /^\s*id\s*=\s*["']([^"']*)["']/m.exec(toml.slice(table.start, table.end))?.[1] ?? null
}

/** Whether the id still has to be made: the placeholder, or empty. */
export function needsNamespace(id: string | null): boolean {
  return id === null || id.trim() === '' || id === PLACEHOLDER_ID
}

/** wrangler.toml with the `id` of `binding`'s namespace set to `id`; everything else (comments too) kept. */
export function withKvNamespaceId(toml: string, binding: string, id: string): string {
  if (!/^[0-9a-f]{32}$/i.test(id)) throw new Error(`wylb deploy: "${id}" is not a KV namespace id (32 hex digits)`)
  const table = kvTable(toml, binding)
  if (!table) return `${toml.replace(/\n*$/, '\n')}\n[[kv_namespaces]]\nbinding = "${binding}"\nid = "${id}"\n`
  const body = toml.slice(table.start, table.end)
  const updated = /^(\s*id\s*=\s*)["'][^"']*["']/m.test(body)
    ? body.replace(/^(\s*id\s*=\s*)["'][^"']*["']/m, `$1"${id}"`)
    : body.replace(/^(\s*binding\s*=.*)$/m, `$1\nid = "${id}"`)
  return toml.slice(0, table.start) + updated + toml.slice(table.end)
}

/** The id in what `wrangler kv namespace create` prints (a TOML or JSON snippet), or null. */
export function createdNamespaceId(output: string): string | null {
  return /\bid"?\s*[=:]\s*"([0-9a-f]{32})"/i.exec(output)?.[1] ?? null
}

export type DeploySource =
  { kind: 'build'; sources: string[] } | { kind: 'build-from'; sources: string[] } | { kind: 'build-default' }

/**
 * What `npm run deploy` deploys: the corpora given with `--from` (built first); else the build already
 * in the build folder, whatever it was built from; else, with no build there, the default corpus.
 * It never rebuilds the default corpus over another build.
 */
export function deploySource(from: readonly string[], built: { sources: string[] } | null): DeploySource {
  if (from.length) return { kind: 'build-from', sources: [...from] }
  if (built) return { kind: 'build', sources: built.sources }
  return { kind: 'build-default' }
}

/** The sources a build's source.json names (older builds record one `corpus`). */
export function builtSources(json: unknown): string[] {
  const o = (typeof json === 'object' && json !== null ? json : {}) as { corpus?: unknown; sources?: unknown }
  if (Array.isArray(o.sources) && o.sources.every((s) => typeof s === 'string')) return o.sources as string[]
  return typeof o.corpus === 'string' ? [o.corpus] : []
}
