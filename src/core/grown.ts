/**
 * @module Growing typed arrays, for the build's flat buffers (postings, analysis events, the passage
 * reader's table): doubling, so appending stays amortized O(1).
 */

/** A copy of `array` with room for at least `size` values. */
export function grown<T extends Int32Array<ArrayBuffer> | Uint16Array<ArrayBuffer>>(array: T, size: number): T {
  let n = Math.max(1, array.length * 2)
  while (n < size) n *= 2
  const out = new (array.constructor as new (n: number) => T)(n)
  out.set(array)
  return out
}
