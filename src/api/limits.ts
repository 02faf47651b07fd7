/**
 * @module What a search request may ask for, in one place: the query-string schemas (search-params.ts)
 * enforce these and the widget (src/widget) keeps within them. Constants only, no imports, so that the
 * widget's bundle takes these numbers and nothing of the API's code.
 */

/** The longest query, in characters (code points), after control characters are dropped and it is trimmed. */
export const MAX_QUERY_LENGTH = 256

/** The most results one page of `/v1/search` holds (`limit`). */
export const MAX_SEARCH_LIMIT = 50
