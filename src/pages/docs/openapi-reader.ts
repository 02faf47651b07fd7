/**
 * @module Reads an OpenAPI 3.1 document into what the `/docs` page shows and `/docs/try` checks: its
 * operations (with their parameters, resolved) grouped by tag, and its component schemas.
 * Pure: no Hono or Workers imports. The document is treated as untrusted data: every shape is checked.
 */
import { slugify } from '../../core/parse/slug.ts'

/** The parts of an OpenAPI 3.1 document the page reads (an `OpenAPIObject` from openapi3-ts fits). */
export interface DocsDocument {
  info?: { title?: string; description?: string; version?: string }
  tags?: readonly { name?: string; description?: string }[]
  paths?: object
  components?: { schemas?: object; parameters?: object }
}

export type Obj = Record<string, unknown>

export interface Param {
  name: string
  in: string
  required: boolean
  description?: string
  schema: Obj
  example?: unknown
}

export interface Operation {
  method: string
  path: string
  id: string
  tag: string
  summary?: string
  description?: string
  deprecated: boolean
  params: Param[]
  responses: [string, Obj][]
}

export interface Tag {
  name: string
  description?: string
  operations: Operation[]
}

const METHODS = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options', 'trace'] as const

export const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v)
export const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined)
export const has = (o: Obj, k: string): boolean => Object.prototype.hasOwnProperty.call(o, k)

/** An id for an element, from arbitrary text: lowercase letters, digits and single hyphens, never empty. */
export const elementId = (text: string): string => slugify(text) || 'x'

/** A value shown as text: strings as they are, anything else as JSON. */
export function literal(value: unknown): string {
  return typeof value === 'string' ? value : (JSON.stringify(value) ?? String(value))
}

/** A path template with each `{param}` replaced by `value(name)`, URL-encoded. */
export function fillPath(path: string, value: (name: string) => string): string {
  return path.replace(/\{([^{}/]+)\}/g, (_, name: string) => encodeURIComponent(value(name)))
}

export function componentSchemas(doc: DocsDocument): [string, Obj][] {
  const schemas = isObj(doc.components) && isObj(doc.components.schemas) ? doc.components.schemas : {}
  return Object.entries(schemas).map(([name, raw]) => [name, isObj(raw) ? raw : {}])
}

/** The component a local `$ref` points to, with its name; nothing for any other reference. */
export function deref(
  doc: DocsDocument,
  ref: unknown,
  kind: 'schemas' | 'parameters',
): { name: string; value: Obj } | null {
  const prefix = `#/components/${kind}/`
  if (typeof ref !== 'string' || !ref.startsWith(prefix)) return null
  const name = ref.slice(prefix.length)
  const group = isObj(doc.components) ? (doc.components as Obj)[kind] : undefined
  const value = isObj(group) && has(group, name) ? group[name] : undefined
  return isObj(value) ? { name, value } : null
}

export function resolveSchema(doc: DocsDocument, schema: unknown): Obj {
  if (!isObj(schema)) return {}
  if (has(schema, '$ref')) return deref(doc, schema.$ref, 'schemas')?.value ?? {}
  return schema
}

/** The object whose properties a schema shows: itself, its array items, or its referenced component. */
export function propertiesOf(
  doc: DocsDocument,
  schema: Obj,
): { props: Obj; required: Set<string>; via: string | null } | null {
  let s = schema
  let via: string | null = null
  for (let hops = 0; hops < 4; hops++) {
    if (has(s, '$ref')) {
      const target = deref(doc, s.$ref, 'schemas')
      if (!target) return null
      via = target.name
      s = target.value
      continue
    }
    const types = Array.isArray(s.type) ? s.type : [s.type]
    if (types.includes('array') && isObj(s.items)) {
      s = s.items
      continue
    }
    break
  }
  if (!isObj(s.properties)) return null
  const required = new Set(
    Array.isArray(s.required) ? s.required.filter((r): r is string => typeof r === 'string') : [],
  )
  return { props: s.properties, required, via }
}

function readParam(doc: DocsDocument, raw: unknown): Param | null {
  const p = isObj(raw) && has(raw, '$ref') ? deref(doc, raw.$ref, 'parameters')?.value : raw
  if (!isObj(p)) return null
  const name = str(p.name)
  const where = str(p.in)
  if (!name || !where) return null
  const schema = resolveSchema(doc, p.schema)
  const examples = Array.isArray(schema.examples) ? schema.examples : []
  const example = has(p, 'example') ? p.example : has(schema, 'example') ? schema.example : examples[0]
  return {
    name,
    in: where,
    required: p.required === true || where === 'path',
    description: str(p.description) ?? str(schema.description),
    schema,
    ...(example !== undefined ? { example } : {}),
  }
}

/** Every operation of the document, in document order, each with a unique element id. */
export function operationsOf(doc: DocsDocument): Operation[] {
  const ops: Operation[] = []
  const ids = new Set<string>()
  const paths = isObj(doc.paths) ? doc.paths : {}
  for (const [path, item] of Object.entries(paths)) {
    if (!isObj(item)) continue
    const shared = Array.isArray(item.parameters) ? item.parameters : []
    for (const method of METHODS) {
      const op = item[method]
      if (!isObj(op)) continue
      const params = new Map<string, Param>()
      for (const raw of [...shared, ...(Array.isArray(op.parameters) ? op.parameters : [])]) {
        const p = readParam(doc, raw)
        if (p) params.set(`${p.in}:${p.name}`, p)
      }
      let id = `op-${method}-${elementId(path)}`
      for (let n = 2; ids.has(id); n++) id = `op-${method}-${elementId(path)}-${n}`
      ids.add(id)
      const tags = Array.isArray(op.tags) ? op.tags.filter((t): t is string => typeof t === 'string') : []
      ops.push({
        method,
        path,
        id,
        tag: tags[0] ?? 'Other',
        summary: str(op.summary),
        description: str(op.description),
        deprecated: op.deprecated === true,
        params: [...params.values()],
        responses: isObj(op.responses)
          ? Object.entries(op.responses).filter((e): e is [string, Obj] => isObj(e[1]))
          : [],
      })
    }
  }
  return ops
}

/** The operations by tag: the document's tags in its order first, then any other tag; empty tags left out. */
export function tagsOf(doc: DocsDocument, ops: Operation[]): Tag[] {
  const tags = new Map<string, Tag>()
  for (const t of Array.isArray(doc.tags) ? doc.tags : []) {
    const name = isObj(t) ? str(t.name) : undefined
    if (name) tags.set(name, { name, description: str(t.description), operations: [] })
  }
  for (const op of ops) {
    const tag = tags.get(op.tag) ?? { name: op.tag, operations: [] }
    tag.operations.push(op)
    tags.set(op.tag, tag)
  }
  return [...tags.values()].filter((t) => t.operations.length > 0)
}
