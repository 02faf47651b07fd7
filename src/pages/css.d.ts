/** A page's stylesheet, imported as its text (wrangler's Text rule; the `css-as-text` plugin in vitest.config.ts). */
declare module '*.css' {
  const text: string
  export default text
}
