/** The API over HTTP, as a developer calls it: `wrangler dev` serving the real build from local KV. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startDevServer, type DevServer } from './server.ts'

let server: DevServer

beforeAll(async () => {
  server = await startDevServer()
})
afterAll(() => server?.stop())

describe('wrangler dev with the seeded local KV', () => {
  it('reports the live index at /healthz', async () => {
    const body = (await (await fetch(`${server.origin}/healthz`)).json()) as any
    expect(body).toMatchObject({ status: 'ok', counts: { articles: 1, references: 22, notes: 2 } })
  })

  it('answers an article lookup with its model', async () => {
    const res = await fetch(`${server.origin}/v1/articles/what-you-leave-behind/references/2`)
    expect(res.status).toBe(200)
    expect(res.headers.get('access-control-allow-origin')).toBe('*')
    expect(((await res.json()) as any).reference).toMatchObject({ publisher: 'The A.V. Club', authors: ['Handlen, Zack'] })
  })

  it('answers a bad request with problem+json', async () => {
    const res = await fetch(`${server.origin}/v1/articles/what-you-leave-behind/references/x`)
    expect(res.status).toBe(400)
    expect(res.headers.get('content-type')).toBe('application/problem+json')
  })
})
