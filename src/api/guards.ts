/**
 * @module What every request passes before a route: method and size limits, parameters well encoded and given once, and
 * the per-client rate limit. Each refusal is a problem+json answer that says what to do instead.
 */
import { createMiddleware } from 'hono/factory'
import type { AppEnv } from './context.ts'
import { isAnswerAgain } from './index-middleware.ts'
import { malformedParameter } from './percent-encoding.ts'
import { Problem } from './problem.ts'

export const ALLOWED_METHODS = 'GET, HEAD, OPTIONS'
/** Longer URLs are never a real query (q is capped at 256 characters) and only cost parsing. */
export const MAX_URL_LENGTH = 2048
const RATE_LIMIT_PERIOD_SECONDS = '60'

export const guards = createMiddleware<AppEnv>(async (c, next) => {
  const method = c.req.method
  if (method !== 'GET' && method !== 'HEAD' && method !== 'OPTIONS') {
    throw new Problem(405, `${method} is not supported: this API only reads. Use GET.`, {
      headers: { allow: ALLOWED_METHODS },
    })
  }
  // A read carries no body; one that does is a confused or hostile client, and reading it only costs.
  const length = c.req.header('content-length')
  if ((length !== undefined && length.trim() !== '0') || c.req.header('transfer-encoding') !== undefined) {
    throw new Problem(413, 'This API only reads: a request carries no body. Send the parameters in the query string.')
  }
  if (c.req.url.length > MAX_URL_LENGTH) {
    throw new Problem(414, `The URL is ${c.req.url.length} characters long; at most ${MAX_URL_LENGTH} are accepted.`)
  }
  const malformed = malformedParameter(new URL(c.req.url).search)
  if (malformed) {
    throw new Problem(
      400,
      `Invalid parameter "${malformed.parameter}": "${malformed.raw}" is not valid percent-encoding ` +
        '(each % takes two hex digits, and the bytes they give are UTF-8). Encode the text with encodeURIComponent.',
      { parameter: malformed.parameter },
    )
  }
  // No route takes a list: a repeated parameter is ambiguous, and the validators would only say "expected string".
  const names = [...new URL(c.req.url).searchParams.keys()]
  const repeated = names.find((name, i) => names.indexOf(name) !== i)
  if (repeated !== undefined) {
    throw new Problem(
      400,
      `Invalid parameter "${repeated}" (given ${names.filter((n) => n === repeated).length} times; give it once).`,
      {
        parameter: repeated,
      },
    )
  }
  // Cloudflare sets this header on every request at the edge; without it (local dev) there is no client to tell apart.
  const client = c.req.header('cf-connecting-ip')
  if (client && c.env.RATE_LIMITER && method !== 'OPTIONS' && !isAnswerAgain(c.req.raw)) {
    const { success } = await c.env.RATE_LIMITER.limit({ key: client })
    if (!success) {
      throw new Problem(429, `Too many requests from ${client}; try again in a minute.`, {
        headers: { 'retry-after': RATE_LIMIT_PERIOD_SECONDS },
      })
    }
  }
  await next()
})
