/** @module Joining rendered pieces with a separator, as `Array.join` does for strings. */

/** The items with `separator` between each two: `[a, ' ', b, ' ', c]`. */
export function join<T>(items: readonly T[], separator: string): (T | string)[] {
  return items.flatMap((item, i) => (i === 0 ? [item] : [separator, item]))
}
