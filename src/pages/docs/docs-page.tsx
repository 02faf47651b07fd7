/**
 * @module The API reference page (`/docs`): rendered on the server from the OpenAPI 3.1 document the
 * app generates, readable, accessible, responsive, and interactive without any script: each GET
 * operation has a "Try it" form. Query-only operations submit straight to their path; operations with
 * path parameters submit to `/docs/try`, which {@link resolveTry} turns into a redirect to the filled URL.
 * Pure: no Hono or Workers imports. Meant for the CSP `default-src 'none'; style-src 'self' 'unsafe-inline';
 * img-src 'self' data:; form-action 'self'; base-uri 'none'; frame-ancestors 'none'`: one `<style>`, no script.
 *
 * The document is treated as untrusted data: every string from it is escaped, every shape checked.
 */
import { escapeHtml as esc, fragmentHref, safeHref } from '../hrefs.ts'

/** The parts of an OpenAPI 3.1 document the page reads (an `OpenAPIObject` from openapi3-ts fits). */
export interface DocsDocument {
  info?: { title?: string; description?: string; version?: string }
  tags?: readonly { name?: string; description?: string }[]
  paths?: object
  components?: { schemas?: object; parameters?: object }
}

export interface DocsPageOptions {
  /** Origin for the curl examples, e.g. `https://wylb.example.workers.dev`. */
  origin?: string
}

/** Where `/docs/try` forms post, and the hidden field naming the operation's path template. */
export const TRY_PATH = '/docs/try'
export const TRY_OP_FIELD = 'op'

const METHODS = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options', 'trace'] as const
/** How deep response schemas are expanded inline; deeper levels link to the schema's own entry. */
const MAX_DEPTH = 3

type Obj = Record<string, unknown>

const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v)
const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined)
const has = (o: Obj, k: string): boolean => Object.prototype.hasOwnProperty.call(o, k)

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

// ---------------------------------------------------------------- reading the document

function componentSchemas(doc: DocsDocument): Obj {
  return isObj(doc.components) && isObj(doc.components.schemas) ? doc.components.schemas : {}
}

/** The component a local `$ref` points to, with its name; nothing for any other reference. */
function deref(doc: DocsDocument, ref: unknown, kind: 'schemas' | 'parameters'): { name: string; value: Obj } | null {
  const prefix = `#/components/${kind}/`
  if (typeof ref !== 'string' || !ref.startsWith(prefix)) return null
  const name = ref.slice(prefix.length)
  const group = isObj(doc.components) ? (doc.components as Obj)[kind] : undefined
  const value = isObj(group) && has(group, name) ? group[name] : undefined
  return isObj(value) ? { name, value } : null
}

function resolveSchema(doc: DocsDocument, schema: unknown): Obj {
  if (!isObj(schema)) return {}
  if (has(schema, '$ref')) return deref(doc, schema.$ref, 'schemas')?.value ?? {}
  return schema
}

/** An id for an element, from arbitrary text: lowercase letters, digits and single hyphens. */
function slugify(text: string): string {
  return (
    text
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '') || 'x'
  )
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
      let id = `op-${method}-${slugify(path)}`
      for (let n = 2; ids.has(id); n++) id = `op-${method}-${slugify(path)}-${n}`
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

// ---------------------------------------------------------------- rendering pieces

/** Escaped text with `code spans` (the only markdown the descriptions use) as `<code>`. */
function prose(text: string | undefined): string {
  if (!text) return ''
  return esc(text).replace(/`([^`\n]+)`/g, '<code>$1</code>')
}

function paragraphs(text: string | undefined, cls = ''): string {
  if (!text) return ''
  const attr = cls ? ` class="${cls}"` : ''
  return text
    .split(/\n{2,}/)
    .filter((t) => t.trim())
    .map((t) => `<p${attr}>${prose(t.trim())}</p>`)
    .join('')
}

/** A value shown in code: strings as they are, anything else as JSON. */
function literal(value: unknown): string {
  return typeof value === 'string' ? value : (JSON.stringify(value) ?? String(value))
}

function schemaAnchor(name: string): string {
  return `schema-${slugify(name)}`
}

/** A short type label: `string`, `integer (int32)`, `string | null`, `array of SearchHit`, a linked schema name. */
function typeLabel(doc: DocsDocument, schema: unknown, depth = 0): string {
  if (!isObj(schema) || depth > 4) return '<span class="t">any</span>'
  if (has(schema, '$ref')) {
    const target = deref(doc, schema.$ref, 'schemas')
    if (!target) return `<span class="t">${esc(str(schema.$ref) ?? 'ref')}</span>`
    return `<a class="t ref" href="${fragmentHref(schemaAnchor(target.name))}">${esc(target.name)}</a>`
  }
  for (const key of ['anyOf', 'oneOf', 'allOf'] as const) {
    const list = schema[key]
    if (Array.isArray(list) && list.length) {
      return list.map((s) => typeLabel(doc, s, depth + 1)).join(key === 'allOf' ? ' &amp; ' : ' | ')
    }
  }
  const types = (Array.isArray(schema.type) ? schema.type : [schema.type]).filter(
    (t): t is string => typeof t === 'string',
  )
  if (types.length === 0) {
    if (Array.isArray(schema.enum)) return '<span class="t">enum</span>'
    if (has(schema, 'const')) return '<span class="t">const</span>'
    return isObj(schema.properties) ? '<span class="t">object</span>' : '<span class="t">any</span>'
  }
  const format = str(schema.format)
  return types
    .map((t) => {
      if (t === 'array') return `<span class="t">array of</span> ${typeLabel(doc, schema.items, depth + 1)}`
      return `<span class="t">${esc(t)}${format && t !== 'null' ? ` <span class="fmt">(${esc(format)})</span>` : ''}</span>`
    })
    .join(' | ')
}

const CONSTRAINTS: [string, string][] = [
  ['minimum', 'min'],
  ['maximum', 'max'],
  ['exclusiveMinimum', '&gt;'],
  ['exclusiveMaximum', '&lt;'],
  ['minLength', 'min length'],
  ['maxLength', 'max length'],
  ['minItems', 'min items'],
  ['maxItems', 'max items'],
  ['pattern', 'pattern'],
  ['multipleOf', 'multiple of'],
]

/** Constraints, enum, const and default of a schema, as small labelled chips. */
function constraints(schema: Obj): string[] {
  const out: string[] = []
  for (const [key, label] of CONSTRAINTS) {
    const v = schema[key]
    if (typeof v === 'number' || typeof v === 'string')
      out.push(`<span class="c">${label} <code>${esc(v)}</code></span>`)
  }
  if (Array.isArray(schema.enum)) {
    out.push(`<span class="c">one of ${schema.enum.map((v) => `<code>${esc(literal(v))}</code>`).join(' ')}</span>`)
  }
  if (has(schema, 'const')) out.push(`<span class="c">always <code>${esc(literal(schema.const))}</code></span>`)
  if (has(schema, 'default')) out.push(`<span class="c">default <code>${esc(literal(schema.default))}</code></span>`)
  return out
}

/** The object whose properties a schema shows: itself, its array items, or its referenced component. */
function propertiesOf(
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

/** A schema as a nested list of its properties, expanded to {@link MAX_DEPTH}, references followed once per branch. */
function schemaTree(doc: DocsDocument, schema: unknown, depth: number, seen: ReadonlySet<string>): string {
  if (!isObj(schema)) return ''
  const shape = propertiesOf(doc, schema)
  if (!shape) return ''
  if (shape.via && seen.has(shape.via)) return ''
  if (depth >= MAX_DEPTH) {
    return shape.via ? '' : '<p class="more">…</p>'
  }
  const nextSeen = shape.via ? new Set([...seen, shape.via]) : seen
  const items = Object.entries(shape.props).map(([name, raw]) => {
    const prop = isObj(raw) ? raw : {}
    const resolved = resolveSchema(doc, prop)
    const description = str(prop.description) ?? str(resolved.description)
    const example = has(prop, 'example') ? prop.example : undefined
    const chips = constraints(prop)
    const meta = [
      shape.required.has(name) ? '<span class="req">required</span>' : '<span class="opt">optional</span>',
      ...chips,
      ...(example !== undefined ? [`<span class="c">example <code>${esc(literal(example))}</code></span>`] : []),
    ].join(' ')
    const children = schemaTree(doc, prop, depth + 1, nextSeen)
    return `<li><code class="prop">${esc(name)}</code> ${typeLabel(doc, prop)} ${meta}${description ? `<div class="desc">${prose(description)}</div>` : ''}${children}</li>`
  })
  return items.length ? `<ul class="schema">${items.join('')}</ul>` : ''
}

function paramRows(doc: DocsDocument, params: Param[]): string {
  if (params.length === 0) return '<p class="none">No parameters.</p>'
  const rows = params
    .map((p) => {
      const chips = constraints(p.schema)
      if (p.example !== undefined) chips.push(`<span class="c">example <code>${esc(literal(p.example))}</code></span>`)
      return (
        `<tr><th scope="row"><code>${esc(p.name)}</code>${p.required ? ' <span class="req">required</span>' : ''}</th>` +
        `<td>${esc(p.in)}</td><td>${typeLabel(doc, p.schema)}</td>` +
        `<td>${p.description ? `<div class="desc">${prose(p.description)}</div>` : ''}${chips.join(' ')}</td></tr>`
      )
    })
    .join('')
  return `<div class="scroll"><table class="params"><thead><tr><th scope="col">Name</th><th scope="col">In</th><th scope="col">Type</th><th scope="col">Details</th></tr></thead><tbody>${rows}</tbody></table></div>`
}

function statusClass(status: string): string {
  const c = status.charAt(0)
  return c === '2' || c === '3' || c === '4' || c === '5' ? `s${c}` : 's0'
}

function responses(doc: DocsDocument, op: Operation): string {
  if (op.responses.length === 0) return '<p class="none">No responses documented.</p>'
  const items = op.responses.map(([status, response]) => {
    const content = isObj(response.content) ? Object.entries(response.content) : []
    const bodies = content
      .map(([type, media]) => {
        const schema = isObj(media) ? media.schema : undefined
        const tree = schemaTree(doc, schema, 0, new Set())
        return `<div class="media"><span class="ctype">${esc(type)}</span> ${typeLabel(doc, schema)}${tree}</div>`
      })
      .join('')
    const open = status.startsWith('2') ? ' open' : ''
    const summary = `<summary><span class="status ${statusClass(status)}">${esc(status)}</span> ${prose(str(response.description))}</summary>`
    return bodies
      ? `<details class="response"${open}>${summary}${bodies}</details>`
      : `<div class="response plain">${summary.replace(/^<summary>|<\/summary>$/g, '')}</div>`
  })
  return items.join('')
}

/** A path template with each `{param}` replaced by `value(name)`, URL-encoded. */
function fillPath(path: string, value: (name: string) => string): string {
  return path.replace(/\{([^{}/]+)\}/g, (_, name: string) => encodeURIComponent(value(name)))
}

/** A URL in a single-quoted shell word: no quote can end it early. */
function curlExample(op: Operation, origin: string): string {
  const example = (p: Param | undefined): string =>
    p?.example !== undefined ? literal(p.example) : `<${p?.name ?? 'value'}>`
  const path = fillPath(op.path, (name) => example(op.params.find((p) => p.in === 'path' && p.name === name)))
  const query = op.params
    .filter((p) => p.in === 'query' && p.required)
    .map((p) => `${encodeURIComponent(p.name)}=${encodeURIComponent(example(p))}`)
    .join('&')
  const url = `${origin}${path}${query ? `?${query}` : ''}`.replace(/'/g, '%27')
  const method = op.method === 'get' ? '' : `-X ${op.method.toUpperCase()} `
  return `curl ${method}'${url}'`
}

/** The prefilled value of a form field: the example, else the default. */
function prefill(p: Param): string | undefined {
  if (p.example !== undefined) return literal(p.example)
  if (has(p.schema, 'default')) return literal(p.schema.default)
  return undefined
}

function field(op: Operation, p: Param): string {
  const id = `${op.id}-${slugify(p.name)}`
  const name = esc(p.name)
  const label = `<code>${name}</code> <span class="in">${esc(p.in)}</span>${p.required ? ' <span class="req">required</span>' : ''}`
  const values = Array.isArray(p.schema.enum) ? p.schema.enum.map(literal) : null
  const value = prefill(p)
  if (values) {
    if (p.required) {
      const options = values.map((v) => `<option${v === value ? ' selected' : ''}>${esc(v)}</option>`).join('')
      return `<div class="field"><label for="${esc(id)}">${label}</label><select id="${esc(id)}" name="${name}">${options}</select></div>`
    }
    // Optional: radios, none chosen by default, so that leaving it alone leaves it out of the request.
    const radios = values
      .map(
        (v, i) =>
          `<label class="radio"><input type="radio" name="${name}" value="${esc(v)}"${v === value ? ' checked' : ''} id="${esc(`${id}-${i}`)}"> ${esc(v)}</label>`,
      )
      .join('')
    return `<fieldset class="field"><legend>${label}</legend><div class="radios">${radios}</div></fieldset>`
  }
  const types = Array.isArray(p.schema.type) ? p.schema.type : [p.schema.type]
  const numeric = types.includes('integer') || types.includes('number')
  const attrs = [
    `id="${esc(id)}"`,
    `name="${name}"`,
    numeric ? 'type="number" inputmode="numeric"' : 'type="text"',
    value !== undefined ? `value="${esc(value)}"` : '',
    p.required ? 'required' : '',
    numeric && typeof p.schema.minimum === 'number' ? `min="${esc(p.schema.minimum)}"` : '',
    numeric && typeof p.schema.maximum === 'number' ? `max="${esc(p.schema.maximum)}"` : '',
    !numeric && typeof p.schema.maxLength === 'number' ? `maxlength="${esc(p.schema.maxLength)}"` : '',
    'autocomplete="off" spellcheck="false"',
  ].filter(Boolean)
  return `<div class="field"><label for="${esc(id)}">${label}</label><input ${attrs.join(' ')}></div>`
}

/** The "Try it" form of a GET operation; nothing for other methods or parameters a form cannot send. */
function tryForm(op: Operation): string {
  if (op.method !== 'get') return ''
  const sendable = op.params.filter((p) => p.in === 'path' || p.in === 'query')
  if (op.params.some((p) => p.required && p.in !== 'path' && p.in !== 'query')) return ''
  // A form sends every text field, empty or not; an optional one with nothing to prefill would be sent
  // empty, which the API refuses. /docs/try leaves empty values out, so such forms go through it too.
  const emptyOptional = sendable.some((p) => !p.required && !Array.isArray(p.schema.enum) && prefill(p) === undefined)
  const viaTry = sendable.some((p) => p.in === 'path') || /\{[^}]*\}/.test(op.path) || emptyOptional
  const action = viaTry ? TRY_PATH : op.path
  const hidden = viaTry ? `<input type="hidden" name="${TRY_OP_FIELD}" value="${esc(op.path)}">` : ''
  const fields = sendable.map((p) => field(op, p)).join('')
  const note = sendable.length ? '' : '<p class="none">No parameters: send it as it is.</p>'
  return (
    `<form class="try" method="get" action="${safeHref(action)}" aria-label="Try ${esc(op.method.toUpperCase())} ${esc(op.path)}">` +
    `<h4>Try it</h4>${hidden}${note}<div class="fields">${fields}</div>` +
    `<div class="actions"><button type="submit">Send request</button>${sendable.length ? '<button type="reset" class="secondary">Reset</button>' : ''}` +
    `<span class="hint">Opens the JSON answer in this tab.</span></div></form>`
  )
}

function operation(doc: DocsDocument, op: Operation, origin: string): string {
  const method = esc(op.method.toUpperCase())
  return (
    `<section class="op" id="${esc(op.id)}" aria-labelledby="${esc(op.id)}-h">` +
    `<h3 id="${esc(op.id)}-h"><span class="method m-${esc(op.method)}">${method}</span> <code class="path">${esc(op.path)}</code></h3>` +
    (op.summary
      ? `<p class="summary">${prose(op.summary)}${op.deprecated ? ' <span class="dep">deprecated</span>' : ''}</p>`
      : '') +
    paragraphs(op.description) +
    `<div class="grid"><div class="main"><h4>Parameters</h4>${paramRows(doc, op.params)}<h4>Responses</h4>${responses(doc, op)}</div>` +
    `<div class="side"><h4>Example</h4><pre class="curl"><code>${esc(curlExample(op, origin))}</code></pre>${tryForm(op)}</div></div>` +
    `</section>`
  )
}

function groups(doc: DocsDocument, ops: Operation[]): [string, Operation[]][] {
  const order = new Map<string, Operation[]>()
  for (const t of Array.isArray(doc.tags) ? doc.tags : []) {
    const name = isObj(t) ? str(t.name) : undefined
    if (name) order.set(name, [])
  }
  for (const op of ops) {
    const list = order.get(op.tag) ?? []
    list.push(op)
    order.set(op.tag, list)
  }
  return [...order.entries()].filter(([, list]) => list.length > 0)
}

const DOCS_CSS = `
:root{color-scheme:light dark;--fg:#1d2128;--bg:#fff;--muted:#5b6270;--border:#d5d9e0;--accent:#2657b5;--panel:#f6f7f9;--code:#eef1f5;
--get:#1f7a4d;--other:#8a5a00;--s2:#1f7a4d;--s4:#b3261e;--s5:#8a1c7c;--focus:#2657b5}
@media (prefers-color-scheme:dark){:root{--fg:#e7e9ee;--bg:#15171b;--muted:#a3a9b6;--border:#363b45;--accent:#8fb4ff;--panel:#1d2026;--code:#252932;
--get:#5fd39a;--other:#f0b950;--s2:#5fd39a;--s4:#ff8a80;--s5:#e59ad9}}
*,*::before,*::after{box-sizing:border-box}
html{-webkit-text-size-adjust:100%}
@media (prefers-reduced-motion:no-preference){html{scroll-behavior:smooth}}
body{margin:0;font:1rem/1.55 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:var(--fg);background:var(--bg)}
a{color:var(--accent)}
:focus-visible{outline:2px solid var(--focus);outline-offset:2px}
code,pre,input,select,button{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace}
code{font-size:.9em;background:var(--code);padding:.05em .3em;border-radius:4px}
.skip{position:absolute;left:-9999px;top:0}
.skip:focus{left:8px;top:8px;background:var(--bg);padding:6px 10px;z-index:10}
.site{border-bottom:1px solid var(--border);background:var(--panel)}
.site-inner,.layout,footer .inner{max-width:84rem;margin:0 auto;padding:0 1.25rem}
.site-inner{display:flex;flex-wrap:wrap;gap:.5rem 1.25rem;align-items:center;padding-top:.75rem;padding-bottom:.75rem}
.brand{font-weight:700;font-size:1.05rem;text-decoration:none;color:var(--fg)}
.site nav ul{display:flex;flex-wrap:wrap;gap:.25rem 1rem;list-style:none;margin:0;padding:0;font-size:.95rem}
.layout{display:grid;grid-template-columns:minmax(0,1fr);gap:2rem;padding-top:1.5rem;padding-bottom:2rem}
@media (min-width:64rem){.layout{grid-template-columns:15rem minmax(0,1fr)}.toc{position:sticky;top:1rem;max-height:calc(100vh - 2rem);overflow:auto}}
.toc{font-size:.9rem;border:1px solid var(--border);background:var(--panel);border-radius:8px;padding:.75rem 1rem;align-self:start}
.toc h2{font-size:.8rem;text-transform:uppercase;letter-spacing:.06em;color:var(--muted);margin:.25rem 0 .5rem;border:0;padding:0}
.toc ul{list-style:none;margin:0;padding:0}
.toc>ul>li{margin:.1rem 0 .6rem}
.toc>ul>li>a{font-weight:600;text-decoration:none;color:var(--fg)}
.toc ul ul{margin-top:.25rem}
.toc ul ul li{margin:.15rem 0}
.toc ul ul a{text-decoration:none;display:flex;gap:.4rem;align-items:baseline}
.toc ul ul a:hover .p{text-decoration:underline}
.toc .p{word-break:break-all;font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;font-size:.82rem}
h1,h2,h3,h4{line-height:1.25}
h1{font-size:clamp(1.6rem,4vw,2.2rem);margin:0 0 .25rem}
.version{color:var(--muted);margin:0 0 1rem}
.intro{max-width:48rem}
.intro p{margin:0 0 .75rem}
.links{display:flex;flex-wrap:wrap;gap:.5rem;list-style:none;padding:0;margin:1rem 0 0}
.links a{display:inline-block;border:1px solid var(--border);border-radius:999px;padding:.2rem .8rem;text-decoration:none;background:var(--panel);font-size:.92rem}
.tag>h2{font-size:1.4rem;border-bottom:1px solid var(--border);padding-bottom:.3rem;margin:2.5rem 0 1rem}
.op{border:1px solid var(--border);border-radius:10px;padding:1rem 1.25rem;margin:0 0 1.5rem;scroll-margin-top:1rem}
.op:target{box-shadow:0 0 0 3px var(--accent)}
.op h3{margin:0 0 .35rem;font-size:1.1rem;display:flex;flex-wrap:wrap;gap:.5rem;align-items:center}
.op h3 .path{background:none;padding:0;font-size:1.05rem;word-break:break-all}
.method{display:inline-block;min-width:3.4rem;text-align:center;font:700 .78rem/1.6 ui-monospace,SFMono-Regular,Menlo,monospace;
letter-spacing:.04em;border-radius:5px;padding:.05rem .45rem;color:#fff;background:var(--other)}
.m-get{background:var(--get)}
@media (prefers-color-scheme:dark){.method{color:#111}}
.toc .method{min-width:2.6rem;font-size:.68rem;padding:0 .3rem}
.summary{margin:0 0 .75rem;color:var(--muted)}
.dep{color:var(--s4);font-weight:600}
.op h4{font-size:.8rem;text-transform:uppercase;letter-spacing:.06em;color:var(--muted);margin:1rem 0 .4rem}
.grid{display:grid;grid-template-columns:minmax(0,1fr);gap:0 1.5rem}
@media (min-width:80rem){.grid{grid-template-columns:minmax(0,1.45fr) minmax(0,1fr)}}
.scroll{overflow-x:auto}
table.params{border-collapse:collapse;width:100%;font-size:.9rem}
.params th,.params td{text-align:left;vertical-align:top;padding:.4rem .5rem;border-top:1px solid var(--border)}
.params thead th{border-top:0;font-size:.75rem;text-transform:uppercase;letter-spacing:.05em;color:var(--muted)}
.params tbody th{font-weight:400;white-space:nowrap}
.desc{margin:0 0 .2rem}
.c{display:inline-block;font-size:.8rem;color:var(--muted);margin:.1rem .35rem .1rem 0}
.c code{font-size:.8rem;overflow-wrap:anywhere}
.req{font-size:.72rem;font-weight:700;color:var(--s4);text-transform:uppercase;letter-spacing:.04em}
.opt{font-size:.72rem;color:var(--muted);text-transform:uppercase;letter-spacing:.04em}
.t{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;font-size:.85rem;color:var(--muted)}
a.t{color:var(--accent)}
.fmt{font-size:.8rem}
.response{border:1px solid var(--border);border-radius:8px;margin:0 0 .5rem;background:var(--bg)}
.response summary,.response.plain{padding:.45rem .75rem;cursor:pointer;font-size:.92rem}
.response.plain{cursor:auto}
.response[open] summary{border-bottom:1px solid var(--border)}
.media{padding:.5rem .75rem;font-size:.9rem}
.ctype{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;font-size:.8rem;border:1px solid var(--border);border-radius:4px;padding:0 .3rem}
.status{display:inline-block;font:700 .85rem ui-monospace,SFMono-Regular,Menlo,monospace;min-width:2.2rem}
.s2{color:var(--s2)}.s4{color:var(--s4)}.s5{color:var(--s5)}
ul.schema{list-style:none;margin:.35rem 0 0;padding:0 0 0 .9rem;border-left:2px solid var(--border);font-size:.88rem}
ul.schema li{margin:.3rem 0}
code.prop{background:none;padding:0;font-weight:600}
.more{margin:.2rem 0 0 .9rem;color:var(--muted)}
pre.curl{margin:0;overflow-x:auto;background:var(--code);border-radius:8px;padding:.6rem .75rem;font-size:.85rem}
pre.curl code{background:none;padding:0;white-space:pre-wrap;word-break:break-all}
.try{margin-top:1rem;border:1px solid var(--border);border-radius:8px;background:var(--panel);padding:.25rem .9rem .9rem}
.try h4{margin-top:.6rem}
.fields{display:grid;gap:.6rem}
.field{display:grid;gap:.2rem;border:0;margin:0;padding:0;min-width:0}
.field label,.field legend{font-size:.88rem;padding:0}
.field .in{font-size:.75rem;color:var(--muted)}
.radios{display:flex;flex-wrap:wrap;gap:.25rem .9rem;margin-top:.2rem}
.radio{font-size:.88rem}
input[type=text],input[type=number],select{width:100%;font-size:.92rem;padding:.4rem .5rem;border:1px solid var(--border);border-radius:6px;background:var(--bg);color:var(--fg)}
.actions{display:flex;flex-wrap:wrap;gap:.5rem;align-items:center;margin-top:.8rem}
button{font-size:.9rem;font-weight:600;border-radius:6px;padding:.4rem .9rem;border:1px solid var(--accent);background:var(--accent);color:var(--bg);cursor:pointer}
button.secondary{background:transparent;color:var(--accent)}
.hint{font-size:.8rem;color:var(--muted)}
.none{color:var(--muted);font-size:.9rem;margin:.25rem 0}
.schemas .op h3{font-size:1rem}
footer{border-top:1px solid var(--border);color:var(--muted);font-size:.9rem;padding:1rem 0 2rem}
@media (max-width:40rem){.op{padding:.75rem}.params thead{display:none}.params tr{display:block;border-top:1px solid var(--border);padding:.35rem 0}
.params th,.params td{display:inline-block;border:0;padding:.1rem .4rem .1rem 0}.params td:last-child{display:block}}
`

/** The reference page for an OpenAPI 3.1 document. */
export function renderDocsPage(doc: DocsDocument, opts: DocsPageOptions = {}): string {
  const info = isObj(doc.info) ? doc.info : {}
  const title = str(info.title) || 'API'
  const origin = opts.origin ?? ''
  const ops = operationsOf(doc)
  const grouped = groups(doc, ops)
  const tagDescriptions = new Map<string, string>()
  for (const t of Array.isArray(doc.tags) ? doc.tags : []) {
    if (isObj(t) && str(t.name) && str(t.description)) tagDescriptions.set(t.name as string, t.description as string)
  }
  const schemas = Object.entries(componentSchemas(doc))

  const toc = grouped
    .map(([tag, list]) => {
      const links = list
        .map(
          (op) =>
            `<li><a href="${fragmentHref(op.id)}"><span class="method m-${esc(op.method)}">${esc(op.method.toUpperCase())}</span> <span class="p">${esc(op.path)}</span></a></li>`,
        )
        .join('')
      return `<li><a href="${fragmentHref(`tag-${slugify(tag)}`)}">${esc(tag)}</a><ul>${links}</ul></li>`
    })
    .join('')
  const schemaToc = schemas.length ? `<li><a href="#schemas">Schemas</a></li>` : ''

  const body = grouped
    .map(([tag, list]) => {
      const id = `tag-${slugify(tag)}`
      return `<section class="tag" aria-labelledby="${esc(id)}"><h2 id="${esc(id)}">${esc(tag)}</h2>${paragraphs(tagDescriptions.get(tag))}${list.map((op) => operation(doc, op, origin)).join('')}</section>`
    })
    .join('')

  const schemaSection = schemas.length
    ? `<section class="tag schemas" aria-labelledby="schemas"><h2 id="schemas">Schemas</h2>${schemas
        .map(([name, raw]) => {
          const s = isObj(raw) ? raw : {}
          const { $ref: _ref, ...plain } = s
          const tree = schemaTree(doc, { $ref: `#/components/schemas/${name}` }, 0, new Set())
          return `<section class="op" id="${esc(schemaAnchor(name))}" aria-label="${esc(name)}"><h3><code class="path">${esc(name)}</code> ${typeLabel(doc, plain)}</h3>${paragraphs(str(s.description))}${tree}</section>`
        })
        .join('')}</section>`
    : ''

  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light dark">
<title>${esc(title)} API reference</title>
${str(info.description) ? `<meta name="description" content="${esc(info.description)}">` : ''}
<style>${DOCS_CSS}</style>
</head>
<body>
<a class="skip" href="#content">Skip to the reference</a>
<header class="site"><div class="site-inner"><a class="brand" href="/docs">${esc(title)} <span class="version">API reference</span></a>
<nav aria-label="Site"><ul><li><a href="/openapi.json">OpenAPI document</a></li><li><a href="/demo">Search demo</a></li><li><a href="/articles/what-you-leave-behind">An article page</a></li></ul></nav></div></header>
<div class="layout">
<nav class="toc" aria-labelledby="toc-heading"><h2 id="toc-heading">Contents</h2><ul><li><a href="#intro">Introduction</a></li>${toc}${schemaToc}</ul></nav>
<main id="content">
<section id="intro" class="intro" aria-labelledby="title">
<h1 id="title">${esc(title)}</h1>
<p class="version">API reference${str(info.version) ? ` · version ${esc(info.version)}` : ''} · ${ops.length} operation${ops.length === 1 ? '' : 's'}</p>
${paragraphs(str(info.description))}
<p>Every operation below has an example request, and each <code>GET</code> a form that sends it: the answer opens in this tab (use the back button to return). Errors are <code>application/problem+json</code> naming the parameter at fault.</p>
<ul class="links"><li><a href="/openapi.json">OpenAPI 3.1 document (JSON)</a></li><li><a href="/demo">Search widget demo</a></li><li><a href="/articles/what-you-leave-behind">Article page: What You Leave Behind</a></li></ul>
</section>
${body}
${schemaSection}
</main>
</div>
<footer><div class="inner">Generated from <a href="/openapi.json">/openapi.json</a>. Article text served by this API comes with its attribution: publisher, licence and source in every answer.</div></footer>
</body>
</html>
`
}

// ---------------------------------------------------------------- /docs/try

export type TryResult = { location: string } | { error: string; parameter: string }

/**
 * What `/docs/try` answers for a submitted form: the filled URL of a GET operation of the document, or
 * why not. `op` must name one of the document's GET path templates; each `{param}` takes its submitted
 * value, URL-encoded (it must be there and not empty); the operation's known query parameters follow,
 * empty ones left out; anything else (an unknown or repeated parameter) is refused.
 */
export function resolveTry(doc: DocsDocument, query: URLSearchParams): TryResult {
  const ops = new Map(
    operationsOf(doc)
      .filter((o) => o.method === 'get')
      .map((o) => [o.path, o]),
  )
  const opValues = query.getAll(TRY_OP_FIELD)
  if (opValues.length !== 1)
    return {
      error: `Give exactly one "${TRY_OP_FIELD}": the path template of a GET operation.`,
      parameter: TRY_OP_FIELD,
    }
  const op = ops.get(opValues[0] as string)
  if (!op) {
    return {
      error: `"${TRY_OP_FIELD}" is not the path of a GET operation of this API; see /openapi.json for them.`,
      parameter: TRY_OP_FIELD,
    }
  }
  const known = new Map(op.params.filter((p) => p.in === 'path' || p.in === 'query').map((p) => [p.name, p]))
  const names = new Set<string>()
  for (const name of query.keys()) {
    if (name === TRY_OP_FIELD || names.has(name)) continue
    names.add(name)
    if (!known.has(name)) return { error: `Unknown parameter "${name}" for GET ${op.path}.`, parameter: name }
    if (query.getAll(name).length > 1) return { error: `Parameter "${name}" is given more than once.`, parameter: name }
  }
  const missing: string[] = []
  const path = fillPath(op.path, (name) => {
    const v = known.get(name)?.in === 'path' ? (query.get(name) ?? '') : ''
    if (!v) missing.push(name)
    return v
  })
  const absent = missing[0]
  if (absent !== undefined) return { error: `Path parameter "${absent}" is required.`, parameter: absent }
  const search = new URLSearchParams()
  for (const p of op.params) {
    if (p.in !== 'query') continue
    const v = query.get(p.name)
    if (v) search.set(p.name, v)
    else if (p.required) return { error: `Query parameter "${p.name}" is required.`, parameter: p.name }
  }
  const qs = search.toString()
  return { location: qs ? `${path}?${qs}` : path }
}
