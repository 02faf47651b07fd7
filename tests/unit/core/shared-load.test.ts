/** Joining a load in flight: share it while it settles in time, load on one's own when it does not. */
import { describe, expect, it, vi } from 'vitest'
import { joinOrLoad } from '../../../src/core/shared-load.ts'

describe('joinOrLoad', () => {
  it('answers with the shared load when it settles in time, and loads nothing itself', async () => {
    const load = vi.fn(async () => 'own')
    await expect(joinOrLoad(Promise.resolve('shared'), load, 50)).resolves.toBe('shared')
    await new Promise((r) => setTimeout(r, 80))
    expect(load).not.toHaveBeenCalled()
  })

  it('passes on the shared load failing', async () => {
    await expect(joinOrLoad(Promise.reject(new Error('kv down')), async () => 'own', 50)).rejects.toThrow('kv down')
  })

  it('loads on its own when the shared load never settles', async () => {
    const never = new Promise<string>(() => {})
    await expect(joinOrLoad(never, async () => 'own', 20)).resolves.toBe('own')
  })

  it('with unbounded patience (outside any request), waits for the shared load and sets no timer', async () => {
    const timers = vi.spyOn(globalThis, 'setTimeout')
    try {
      const load = vi.fn(async () => 'own')
      await expect(joinOrLoad(Promise.resolve('shared'), load, Infinity)).resolves.toBe('shared')
      expect(timers).not.toHaveBeenCalled()
      expect(load).not.toHaveBeenCalled()
    } finally {
      timers.mockRestore()
    }
  })
})
