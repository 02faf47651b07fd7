/**
 * @module The API reference in markdown (docs/api.md), rendered from the OpenAPI 3.1 document the Worker
 * serves at `/openapi.json`: every operation with its parameters and responses, then every component
 * schema with its fields. Pure and deterministic, so a test can render the live document and compare it
 * with the committed file. Operations are read as `/docs` reads them ({@link operationsOf}).
 */
import { operationsOf, type DocsDocument, type Operation, type Param } from '../src/pages/docs/openapi-reader.ts'

type Obj = Record<string, unknown>

const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v)
const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined)

/** The command that writes docs/api.md, named in its header and in the staleness test's message. */
export const API_REFERENCE_COMMAND = 'npm run docs:api'

const SCHEMA_REF = '#/components/schemas/'

/**
 * GitHub's anchors for headings: lower case, punctuation dropped, spaces made hyphens, and a repeated
 * heading numbered (`-1`, `-2`), in the order the headings appear.
 */
class Anchors {
  private readonly used = new Map<string, number>()

  next(heading: string): string {
    const base = heading
      .toLowerCase()
      .replace(/[^\p{L}\p{M}\p{N}\p{Pc} -]/gu, '')
      .replace(/ /g, '-')
    const count = this.used.get(base) ?? 0
    this.used.set(base, count + 1)
    return count === 0 ? base : `${base}-${count}`
  }
}

/** Inline code, fenced with two backticks when the text holds one. */
function code(text: string): string {
  const flat = text.replace(/\s*\n\s*/g, ' ')
  return flat.includes('`') ? `\`\` ${flat} \`\`` : `\`${flat}\``
}

/** A value shown in code: strings as they are, anything else as JSON. */
function literal(value: unknown): string {
  return code(typeof value === 'string' ? value : (JSON.stringify(value) ?? String(value)))
}

/**
 * Description text (CommonMark in OpenAPI) made safe for one line of markdown: code spans kept, HTML
 * outside them shown as text (`<mark>` is a word in a description, not markup), line breaks as spaces.
 */
function prose(text: string): string {
  return text
    .split(/(`[^`\n]+`)/)
    .map((part, i) => (i % 2 === 1 ? part : part.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')))
    .join('')
    .replace(/\s*\n\s*/g, ' ')
    .trim()
}

/** A table cell: pipes escaped (GitHub splits cells on them even inside code spans). */
function cell(text: string): string {
  return text.replace(/\|/g, '\\|')
}

function table(head: readonly string[], rows: readonly (readonly string[])[]): string {
  const line = (cells: readonly string[]) => `| ${cells.map(cell).join(' | ')} |`
  return [line(head), line(head.map(() => '---')), ...rows.map(line)].join('\n')
}

function schemaName(schema: Obj): string | undefined {
  const ref = str(schema.$ref)
  return ref?.startsWith(SCHEMA_REF) ? ref.slice(SCHEMA_REF.length) : undefined
}

/** Renders a document: one instance per document, since schema links need the schemas' anchors. */
class Renderer {
  private readonly anchors = new Anchors()
  private readonly schemaAnchors = new Map<string, string>()

  constructor(private readonly doc: DocsDocument) {}

  private schemas(): [string, Obj][] {
    const all = isObj(this.doc.components) && isObj(this.doc.components.schemas) ? this.doc.components.schemas : {}
    return Object.entries(all)
      .filter((entry): entry is [string, Obj] => isObj(entry[1]))
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
  }

  private heading(level: number, text: string): { line: string; anchor: string } {
    return { line: `${'#'.repeat(level)} ${text}`, anchor: this.anchors.next(text) }
  }

  /** `string`, `string or null`, `array of [Passage](#passage)`, `object`, `[A](#a) and [B](#b)`. */
  private type(schema: unknown): string {
    if (!isObj(schema)) return 'any'
    const name = schemaName(schema)
    if (name !== undefined) {
      const anchor = this.schemaAnchors.get(name)
      return anchor ? `[${name}](#${anchor})` : name
    }
    for (const [key, joiner] of [
      ['allOf', ' and '],
      ['anyOf', ' or '],
      ['oneOf', ' or '],
    ] as const) {
      const list = schema[key]
      if (Array.isArray(list) && list.length > 0) return list.map((s) => this.type(s)).join(joiner)
    }
    const types = (Array.isArray(schema.type) ? schema.type : [schema.type]).filter(
      (t): t is string => typeof t === 'string',
    )
    if (types.length === 0) return isObj(schema.properties) ? 'object' : 'any'
    const format = str(schema.format)
    return types
      .map((t) =>
        t === 'array' ? `array of ${this.type(schema.items)}` : format && t !== 'null' ? `${t} (${format})` : t,
      )
      .join(' or ')
  }

  /** Bounds, pattern, allowed values, default and example of a value, in that order. */
  private constraints(schema: Obj, example: unknown): string {
    const out: string[] = []
    const bound = (key: string, label: string) => {
      const v = schema[key]
      if (typeof v === 'number' || typeof v === 'string') out.push(`${label} ${literal(v)}`)
    }
    bound('minimum', 'min')
    bound('maximum', 'max')
    bound('exclusiveMinimum', 'more than')
    bound('exclusiveMaximum', 'less than')
    bound('minLength', 'min length')
    bound('maxLength', 'max length')
    bound('minItems', 'min items')
    bound('maxItems', 'max items')
    bound('pattern', 'pattern')
    if (Array.isArray(schema.enum)) {
      out.push(
        schema.enum.length === 1
          ? `always ${literal(schema.enum[0])}`
          : `one of ${schema.enum.map(literal).join(', ')}`,
      )
    }
    if ('const' in schema) out.push(`always ${literal(schema.const)}`)
    if ('default' in schema) out.push(`default ${literal(schema.default)}`)
    if (example !== undefined) out.push(`example ${literal(example)}`)
    return out.join('; ')
  }

  /** The object a schema describes inline (itself or its array's items), if it has fields to list. */
  private inlineObject(schema: Obj): Obj | undefined {
    if (schemaName(schema) !== undefined) return undefined
    if (isObj(schema.properties)) return schema
    return isObj(schema.items) ? this.inlineObject(schema.items) : undefined
  }

  /** One row per field, inline objects flattened (`image.file`, `fields[].label`); references linked. */
  private fieldRows(schema: Obj, prefix = ''): string[][] {
    const properties = isObj(schema.properties) ? schema.properties : {}
    const required = new Set(Array.isArray(schema.required) ? schema.required : [])
    return Object.entries(properties).flatMap(([name, raw]) => {
      const field = isObj(raw) ? raw : {}
      const path = `${prefix}${name}`
      const row = [
        code(path),
        this.type(field),
        required.has(name) ? 'yes' : 'no',
        this.constraints(field, field.example),
        prose(str(field.description) ?? ''),
      ]
      const inner = this.inlineObject(field)
      const innerPrefix = isObj(field.properties) ? `${path}.` : `${path}[].`
      return [row, ...(inner ? this.fieldRows(inner, innerPrefix) : [])]
    })
  }

  /** A schema's fields as a table; `allOf` lists its referenced parts, then the fields it adds. */
  private fields(schema: Obj): string {
    const parts: string[] = []
    const all = Array.isArray(schema.allOf) ? schema.allOf.filter(isObj) : [schema]
    const named = all.filter((s) => schemaName(s) !== undefined)
    if (named.length > 0) parts.push(`Every field of ${named.map((s) => this.type(s)).join(', ')}, and:`)
    const rows = all.filter((s) => schemaName(s) === undefined).flatMap((s) => this.fieldRows(s))
    if (rows.length > 0) parts.push(table(['field', 'type', 'required', 'constraints', 'description'], rows))
    return parts.join('\n\n')
  }

  private parameters(params: readonly Param[]): string {
    if (params.length === 0) return 'Parameters: none.'
    const rows = params.map((p) => [
      code(p.name),
      p.in,
      p.required ? 'yes' : 'no',
      this.type(p.schema),
      this.constraints(p.schema, p.example),
      prose(p.description ?? ''),
    ])
    return `Parameters:\n\n${table(['name', 'in', 'required', 'type', 'constraints', 'description'], rows)}`
  }

  private responses(op: Operation): string {
    const rows: string[][] = []
    const bodies: string[] = []
    for (const [status, response] of op.responses) {
      const content = isObj(response.content) ? Object.entries(response.content) : []
      const description = prose(str(response.description) ?? '')
      if (content.length === 0) rows.push([status, description, 'no body', ''])
      for (const [contentType, media] of content) {
        const schema = isObj(media) && isObj(media.schema) ? media.schema : {}
        const inline = this.inlineObject(schema)
        rows.push([status, description, code(contentType), inline ? `${this.type(schema)}, below` : this.type(schema)])
        if (inline) bodies.push(`The ${status} body (${code(contentType)}):\n\n${this.fields(inline)}`)
      }
    }
    return [`Responses:\n\n${table(['status', 'description', 'content type', 'body'], rows)}`, ...bodies].join('\n\n')
  }

  render(): string {
    const info = isObj(this.doc.info) ? this.doc.info : {}
    const title = `${str(info.title) ?? 'API'} API reference`
    const out: string[] = [this.heading(1, title).line]
    out.push(
      `Generated from the OpenAPI document the Worker serves at \`/openapi.json\` (the same zod schemas that ` +
        `validate each request) by \`${API_REFERENCE_COMMAND}\`: do not edit it by hand. API version ` +
        `${code(str(info.version) ?? '?')}. The same reference with "Try it" forms: \`/docs\`. What every answer ` +
        `shares (CORS, caching, conditional requests, errors, limits) and examples with real output: ` +
        `[api-guide.md](api-guide.md).`,
    )
    if (str(info.description)) out.push(prose(str(info.description) ?? ''))

    const ops = operationsOf(this.doc)
    const tags = [...new Set(ops.map((op) => op.tag))]
    // Anchors are handed out in reading order (a repeated heading's number depends on it), then rendered.
    const contents = this.heading(2, 'Endpoints')
    const tagHeadings = new Map<string, { line: string; anchor: string }>()
    const opHeadings = new Map<Operation, { line: string; anchor: string }>()
    for (const tag of tags) {
      tagHeadings.set(tag, this.heading(2, tag))
      for (const op of ops.filter((o) => o.tag === tag)) {
        opHeadings.set(op, this.heading(3, `${op.method.toUpperCase()} ${op.path}`))
      }
    }
    const schemas = this.heading(2, 'Schemas')
    const schemaList = this.schemas()
    for (const [name] of schemaList) this.schemaAnchors.set(name, this.heading(3, name).anchor)

    out.push(contents.line)
    out.push(
      table(
        ['method', 'path', 'summary'],
        ops.map((op) => [
          op.method.toUpperCase(),
          `[${code(op.path)}](#${opHeadings.get(op)?.anchor})`,
          prose(op.summary ?? ''),
        ]),
      ),
    )
    for (const tag of tags) {
      out.push(tagHeadings.get(tag)?.line ?? '')
      for (const op of ops.filter((o) => o.tag === tag)) {
        out.push(opHeadings.get(op)?.line ?? '')
        if (op.summary) out.push(`${prose(op.summary)}${op.deprecated ? ' (deprecated)' : ''}`)
        if (op.description) out.push(prose(op.description))
        out.push(this.parameters(op.params), this.responses(op))
      }
    }
    out.push(schemas.line)
    for (const [name, schema] of schemaList) {
      out.push(`### ${name}`)
      if (str(schema.description)) out.push(prose(str(schema.description) ?? ''))
      const kind = this.type(schema)
      if (kind !== 'object' && !Array.isArray(schema.allOf)) out.push(`Type: ${kind}.`)
      const fields = this.fields(schema)
      if (fields) out.push(fields)
    }
    return `${out.join('\n\n')}\n`
  }
}

/** docs/api.md for an OpenAPI 3.1 document. */
export function renderApiReference(doc: DocsDocument): string {
  return new Renderer(doc).render()
}
