/** @module English stopwords: optional in a query that has other words (never inside phrases). */
const STOP = new Set(
  (
    'a an and are as at be but by did do does for from had has have he her his how i if in into is it its ' +
    'me my no not of on or our she so than that the their them then there these they this to was we were ' +
    'what when where which who whom why will with would you your'
  ).split(' '),
)

export function isStopword(key: string): boolean {
  return STOP.has(key)
}
