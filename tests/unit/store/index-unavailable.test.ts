/**
 * A malformed index piece met mid-query is the same fault as one met at load time: the API answers it
 * with the 503 `corrupt` (src/api/app.ts), never a 500, worded alike. Other failures stay what they are.
 */
import { describe, expect, it } from 'vitest'
import { IndexFormatError } from '../../../src/core/search/types.ts'
import { decodeNumbers } from '../../../src/core/shards/format.ts'
import { IndexUnavailable, asFault, malformedIndex } from '../../../src/store/index-unavailable.ts'

describe('a failure as a fault', () => {
  it('makes a malformed piece a corrupt index that says how to load a good one', () => {
    let thrown: unknown
    try {
      decodeNumbers('ab\u00e9')
    } catch (error) {
      thrown = error
    }
    expect(thrown).toBeInstanceOf(IndexFormatError)
    const fault = asFault(thrown, 'feedfacefeedface')
    expect(fault).toBeInstanceOf(IndexUnavailable)
    expect(fault).toMatchObject({ fault: 'corrupt' })
    expect((fault as IndexUnavailable).message).toContain('"feedfacefeedface"')
    expect((fault as IndexUnavailable).message).toContain((thrown as Error).message)
    expect((fault as IndexUnavailable).message).toContain('npm run seed:local')
  })

  it('makes any failure to open a search index that passed its hashes a corrupt index, naming the failure', () => {
    const fault = malformedIndex(new TypeError('boom'), 'feedfacefeedface')
    expect(fault).toMatchObject({ fault: 'corrupt' })
    expect(fault.message).toContain('"feedfacefeedface"')
    expect(fault.message).toContain('TypeError: boom')
    expect(fault.message).toContain('npm run seed:local')
  })

  it('leaves any other failure as it is', () => {
    const other = new TypeError('x')
    expect(asFault(other)).toBe(other)
  })
})
