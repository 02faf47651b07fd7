/**
 * The README is a quickstart that reads in five minutes: at most 10 KB, opening with the two commands a
 * newcomer runs on a fresh machine (CI runs the second: .ci/run). Reference belongs in docs/.
 */
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'

const readme = readFileSync(new URL('../../../README.md', import.meta.url), 'utf8')
const MAX_BYTES = 10 * 1024

describe('README.md', () => {
  it(`is at most ${MAX_BYTES} bytes`, () => {
    expect(Buffer.byteLength(readme), 'move reference material into docs/ and link it').toBeLessThanOrEqual(MAX_BYTES)
  })

  it('opens with the two commands: npm ci && npm start, then npm test', () => {
    const commands = readme
      .split('\n')
      .slice(0, 10)
      .map((line) => line.replace(/#.*$/, '').trim())
    const start = commands.indexOf('npm ci && npm start')
    expect(start, 'npm ci && npm start within the first 10 lines').toBeGreaterThanOrEqual(0)
    expect(commands.indexOf('npm test'), 'npm test after it').toBeGreaterThan(start)
  })

  it('says where the API is served', () => {
    expect(readme.split('\n').slice(0, 10).join('\n')).toContain('http://localhost:8787')
  })
})
