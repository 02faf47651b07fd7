/**
 * @module The "Try it" form of a GET operation on `/docs`: sends the request without any script.
 * Query-only operations submit straight to their path; the others go through `/docs/try` (try-redirect.ts).
 */
import { safeHref } from '../hrefs.ts'
import { type Operation, type Param, elementId, has, literal } from './openapi-reader.ts'
import { TRY_OP_FIELD, TRY_PATH } from './try-redirect.ts'

/** The prefilled value of a form field: the example, else the default. */
function prefill(p: Param): string | undefined {
  if (p.example !== undefined) return literal(p.example)
  if (has(p.schema, 'default')) return literal(p.schema.default)
  return undefined
}

function field(op: Operation, p: Param) {
  const id = `${op.id}-${elementId(p.name)}`
  const label = [
    <code>{p.name}</code>,
    ' ',
    <span class="in">{p.in}</span>,
    p.required && [' ', <span class="req">required</span>],
  ]
  const values = Array.isArray(p.schema.enum) ? p.schema.enum.map(literal) : null
  const value = prefill(p)
  if (values && p.required) {
    return (
      <div class="field">
        <label for={id}>{label}</label>
        <select id={id} name={p.name}>
          {values.map((v) => (
            <option selected={v === value}>{v}</option>
          ))}
        </select>
      </div>
    )
  }
  if (values) {
    // Optional: radios, none chosen by default, so that leaving it alone leaves it out of the request.
    return (
      <fieldset class="field">
        <legend>{label}</legend>
        <div class="radios">
          {values.map((v, i) => (
            <label class="radio">
              <input type="radio" name={p.name} value={v} checked={v === value} id={`${id}-${i}`} /> {v}
            </label>
          ))}
        </div>
      </fieldset>
    )
  }
  const types = Array.isArray(p.schema.type) ? p.schema.type : [p.schema.type]
  const numeric = types.includes('integer') || types.includes('number')
  const bound = (v: unknown, applies: boolean) => (applies && typeof v === 'number' ? v : undefined)
  return (
    <div class="field">
      <label for={id}>{label}</label>
      <input
        id={id}
        name={p.name}
        type={numeric ? 'number' : 'text'}
        inputmode={numeric ? 'numeric' : undefined}
        value={value}
        required={p.required}
        min={bound(p.schema.minimum, numeric)}
        max={bound(p.schema.maximum, numeric)}
        maxlength={bound(p.schema.maxLength, !numeric)}
        autocomplete="off"
        spellcheck={false}
      />
    </div>
  )
}

/** The form; nothing for other methods, or for parameters a form cannot send. */
export function tryForm(op: Operation) {
  if (op.method !== 'get') return null
  const sendable = op.params.filter((p) => p.in === 'path' || p.in === 'query')
  if (op.params.some((p) => p.required && p.in !== 'path' && p.in !== 'query')) return null
  // A form sends every text field, empty or not; an optional one with nothing to prefill would be sent
  // empty, which the API refuses. /docs/try leaves empty values out, so such forms go through it too.
  const emptyOptional = sendable.some((p) => !p.required && !Array.isArray(p.schema.enum) && prefill(p) === undefined)
  const viaTry = sendable.some((p) => p.in === 'path') || /\{[^}]*\}/.test(op.path) || emptyOptional
  return (
    <form
      class="try"
      method="get"
      action={safeHref(viaTry ? TRY_PATH : op.path)}
      aria-label={`Try ${op.method.toUpperCase()} ${op.path}`}
    >
      <h4>Try it</h4>
      {viaTry && <input type="hidden" name={TRY_OP_FIELD} value={op.path} />}
      {sendable.length === 0 && <p class="none">No parameters: send it as it is.</p>}
      <div class="fields">{sendable.map((p) => field(op, p))}</div>
      <div class="actions">
        <button type="submit">Send request</button>
        {sendable.length > 0 && (
          <button type="reset" class="secondary">
            Reset
          </button>
        )}
        <span class="hint">Opens the JSON answer in this tab.</span>
      </div>
    </form>
  )
}
