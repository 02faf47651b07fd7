/** Pruning old builds: keep the live version and the one before it, never touch a build in flight. */
import { describe, expect, it } from 'vitest'
import { keysToPrune, piecesToPrune } from '../../../tools/deploy/prune-plan.ts'

const keysOf = (...versions: string[]) => versions.flatMap((v) => [`v/${v}/manifest`, `v/${v}/article/a`])
const built = new Map([
  ['old2', '2026-01-01T00:00:00Z'],
  ['old1', '2026-02-01T00:00:00Z'],
  ['live', '2026-03-01T00:00:00Z'],
  ['newer', '2026-04-01T00:00:00Z'],
])

describe('keysToPrune', () => {
  it('deletes versions older than the live one beyond the newest `keep` of them', () => {
    expect(keysToPrune(keysOf('old2', 'old1', 'live'), 'live', built, 1)).toEqual(keysOf('old2'))
    expect(keysToPrune(keysOf('old2', 'old1', 'live'), 'live', built, 0)).toEqual(keysOf('old2', 'old1'))
  })

  it('never deletes the live version, a newer one, or one with no manifest yet', () => {
    expect(keysToPrune(keysOf('live', 'newer', 'halfway'), 'live', built, 0)).toEqual([])
  })
})

describe('piecesToPrune', () => {
  it('deletes the pieces no kept build names', () => {
    expect(piecesToPrune(['s/aa', 's/bb', 's/cc'], new Set(['s/bb']), false)).toEqual(['s/aa', 's/cc'])
  })

  it('deletes no piece while an upload is in flight', () => {
    expect(piecesToPrune(['s/aa'], new Set(), true)).toEqual([])
  })
})
