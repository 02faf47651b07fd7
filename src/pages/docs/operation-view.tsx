/**
 * @module How `/docs` shows one operation: its method and path, summary, parameters, responses with
 * their schemas, a curl example and the "Try it" form.
 */
import { join } from '../join.ts'
import { type DocsDocument, type Operation, type Param, fillPath, isObj, literal, str } from './openapi-reader.ts'
import { paragraphs, prose } from './prose.tsx'
import { chip, constraints, schemaTree, typeLabel } from './schema-view.tsx'
import { tryForm } from './try-form.tsx'

function paramRows(doc: DocsDocument, params: Param[]) {
  if (params.length === 0) return <p class="none">No parameters.</p>
  return (
    <div class="scroll">
      <table class="params">
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">In</th>
            <th scope="col">Type</th>
            <th scope="col">Details</th>
          </tr>
        </thead>
        <tbody>
          {params.map((p) => (
            <tr>
              <th scope="row">
                <code>{p.name}</code>
                {p.required && [' ', <span class="req">required</span>]}
              </th>
              <td>{p.in}</td>
              <td>{typeLabel(doc, p.schema)}</td>
              <td>
                {p.description && <div class="desc">{prose(p.description)}</div>}
                {join(
                  [...constraints(p.schema), ...(p.example !== undefined ? [chip('example', literal(p.example))] : [])],
                  ' ',
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  )
}

function statusClass(status: string): string {
  const c = status.charAt(0)
  return c === '2' || c === '3' || c === '4' || c === '5' ? `s${c}` : 's0'
}

function responses(doc: DocsDocument, op: Operation) {
  if (op.responses.length === 0) return <p class="none">No responses documented.</p>
  return op.responses.map(([status, response]) => {
    const content = isObj(response.content) ? Object.entries(response.content) : []
    const heading = [
      <span class={`status ${statusClass(status)}`}>{status}</span>,
      ' ',
      prose(str(response.description)),
    ]
    if (content.length === 0) return <div class="response plain">{heading}</div>
    return (
      <details class="response" open={status.startsWith('2')}>
        <summary>{heading}</summary>
        {content.map(([type, media]) => {
          const schema = isObj(media) ? media.schema : undefined
          return (
            <div class="media">
              <span class="ctype">{type}</span> {typeLabel(doc, schema)}
              {schemaTree(doc, schema, 0, new Set())}
            </div>
          )
        })}
      </details>
    )
  })
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

export function operation(doc: DocsDocument, op: Operation, origin: string) {
  return (
    <section class="op" id={op.id} aria-labelledby={`${op.id}-h`}>
      <h3 id={`${op.id}-h`}>
        <span class={`method m-${op.method}`}>{op.method.toUpperCase()}</span> <code class="path">{op.path}</code>
      </h3>
      {op.summary && (
        <p class="summary">
          {prose(op.summary)}
          {op.deprecated && [' ', <span class="dep">deprecated</span>]}
        </p>
      )}
      {paragraphs(op.description)}
      <div class="grid">
        <div class="main">
          <h4>Parameters</h4>
          {paramRows(doc, op.params)}
          <h4>Responses</h4>
          {responses(doc, op)}
        </div>
        <div class="side">
          <h4>Example</h4>
          <pre class="curl">
            <code>{curlExample(op, origin)}</code>
          </pre>
          {tryForm(op)}
        </div>
      </div>
    </section>
  )
}
