/**
 * @module The document every page shares: its head (charset, viewport, title, description, the page's
 * stylesheet inline, the widget's module script when it has one) around the page's body. Drawn with
 * hono/jsx; no Workers imports.
 */
import type { Child } from 'hono/jsx'
import { safeHref } from './hrefs.ts'

export interface LayoutProps {
  title: string
  description?: string
  /** The page's stylesheet (its .css file's text), inlined: a page is one response, allowed by `style-src`. */
  css: string
  /** URL of the widget module script, for pages that carry `<wylb-search>`. */
  widgetSrc?: string
  /** Pages that follow the reader's light or dark scheme say so before the stylesheet loads. */
  lightDark?: boolean
  children?: Child
}

export function Layout(props: LayoutProps) {
  return (
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        {props.lightDark && <meta name="color-scheme" content="light dark" />}
        <title>{props.title}</title>
        {props.description !== undefined && <meta name="description" content={props.description} />}
        <style dangerouslySetInnerHTML={{ __html: props.css }} />
        {props.widgetSrc !== undefined && <script type="module" src={safeHref(props.widgetSrc)}></script>}
      </head>
      <body>{props.children}</body>
    </html>
  )
}

/** A page as the HTML text of a whole document. Pages render synchronously: no async components. */
export function htmlDocument(page: ReturnType<typeof Layout>): string {
  if (page instanceof Promise) throw new TypeError('a page rendered asynchronously')
  return `<!doctype html>\n${page}\n`
}
