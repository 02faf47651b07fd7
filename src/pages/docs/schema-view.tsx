/**
 * @module How `/docs` shows a schema: a short type label, its constraints as chips, and the tree of its
 * properties. Drawn with hono/jsx; no Workers imports.
 */
import type { Child } from 'hono/jsx'
import { fragmentHref } from '../hrefs.ts'
import { join } from '../join.ts'
import {
  type DocsDocument,
  type Obj,
  deref,
  elementId,
  has,
  isObj,
  literal,
  propertiesOf,
  resolveSchema,
  str,
} from './openapi-reader.ts'
import { prose } from './prose.tsx'

/** How deep response schemas are expanded inline; deeper levels link to the schema's own entry. */
const MAX_DEPTH = 3

export function schemaAnchor(name: string): string {
  return `schema-${elementId(name)}`
}

const plainType = (name: string) => <span class="t">{name}</span>

/** A short type label: `string`, `integer (int32)`, `string | null`, `array of SearchHit`, a linked schema name. */
export function typeLabel(doc: DocsDocument, schema: unknown, depth = 0): Child {
  if (!isObj(schema) || depth > 4) return plainType('any')
  if (has(schema, '$ref')) {
    const target = deref(doc, schema.$ref, 'schemas')
    if (!target) return plainType(str(schema.$ref) ?? 'ref')
    return (
      <a class="t ref" href={fragmentHref(schemaAnchor(target.name))}>
        {target.name}
      </a>
    )
  }
  for (const key of ['anyOf', 'oneOf', 'allOf'] as const) {
    const list = schema[key]
    if (Array.isArray(list) && list.length) {
      return join(
        list.map((s) => typeLabel(doc, s, depth + 1)),
        key === 'allOf' ? ' & ' : ' | ',
      )
    }
  }
  const types = (Array.isArray(schema.type) ? schema.type : [schema.type]).filter(
    (t): t is string => typeof t === 'string',
  )
  if (types.length === 0) {
    if (Array.isArray(schema.enum)) return plainType('enum')
    if (has(schema, 'const')) return plainType('const')
    return plainType(isObj(schema.properties) ? 'object' : 'any')
  }
  const format = str(schema.format)
  const labels = types.map((t) => {
    if (t === 'array') return [plainType('array of'), ' ', typeLabel(doc, schema.items, depth + 1)]
    return (
      <span class="t">
        {t}
        {format && t !== 'null' && [' ', <span class="fmt">({format})</span>]}
      </span>
    )
  })
  return join(labels, ' | ')
}

const CONSTRAINTS: [string, string][] = [
  ['minimum', 'min'],
  ['maximum', 'max'],
  ['exclusiveMinimum', '>'],
  ['exclusiveMaximum', '<'],
  ['minLength', 'min length'],
  ['maxLength', 'max length'],
  ['minItems', 'min items'],
  ['maxItems', 'max items'],
  ['pattern', 'pattern'],
  ['multipleOf', 'multiple of'],
]

/** A small labelled chip: `default <code>10</code>`. */
export const chip = (label: string, value: string | number) => (
  <span class="c">
    {label} <code>{value}</code>
  </span>
)

/** Constraints, enum, const and default of a schema, as chips. */
export function constraints(schema: Obj) {
  const out: Child[] = []
  for (const [key, label] of CONSTRAINTS) {
    const v = schema[key]
    if (typeof v === 'number' || typeof v === 'string') out.push(chip(label, v))
  }
  if (Array.isArray(schema.enum)) {
    out.push(
      <span class="c">
        one of{' '}
        {join(
          schema.enum.map((v) => <code>{literal(v)}</code>),
          ' ',
        )}
      </span>,
    )
  }
  if (has(schema, 'const')) out.push(chip('always', literal(schema.const)))
  if (has(schema, 'default')) out.push(chip('default', literal(schema.default)))
  return out
}

/** A schema as a nested list of its properties, expanded to {@link MAX_DEPTH}, references followed once per branch. */
export function schemaTree(doc: DocsDocument, schema: unknown, depth: number, seen: ReadonlySet<string>): Child {
  if (!isObj(schema)) return null
  const shape = propertiesOf(doc, schema)
  if (!shape) return null
  if (shape.via && seen.has(shape.via)) return null
  if (depth >= MAX_DEPTH) return shape.via ? null : <p class="more">…</p>
  const nextSeen = shape.via ? new Set([...seen, shape.via]) : seen
  const items = Object.entries(shape.props).map(([name, raw]) => {
    const prop = isObj(raw) ? raw : {}
    const description = str(prop.description) ?? str(resolveSchema(doc, prop).description)
    const meta = [
      shape.required.has(name) ? <span class="req">required</span> : <span class="opt">optional</span>,
      ...constraints(prop),
      ...(has(prop, 'example') && prop.example !== undefined ? [chip('example', literal(prop.example))] : []),
    ]
    return (
      <li>
        <code class="prop">{name}</code> {typeLabel(doc, prop)} {join(meta, ' ')}
        {description && <div class="desc">{prose(description)}</div>}
        {schemaTree(doc, prop, depth + 1, nextSeen)}
      </li>
    )
  })
  return items.length ? <ul class="schema">{items}</ul> : null
}
