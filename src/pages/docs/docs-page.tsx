/**
 * @module The API reference page (`/docs`): drawn on the server from the OpenAPI 3.1 document the app
 * generates (read by openapi-reader.ts), readable, accessible, responsive, and interactive without any
 * script: each GET operation has a "Try it" form (try-form.tsx). Meant for the CSP `default-src 'none';
 * style-src 'self' 'unsafe-inline'; img-src 'self' data:; form-action 'self'; base-uri 'none';
 * frame-ancestors 'none'`: one `<style>`, no script. Every string from the document is escaped by hono/jsx.
 */
import { fragmentHref } from '../hrefs.ts'
import { Layout, htmlDocument } from '../layout.tsx'
import css from './docs.css'
import { type DocsDocument, componentSchemas, elementId, isObj, operationsOf, str, tagsOf } from './openapi-reader.ts'
import { operation } from './operation-view.tsx'
import { paragraphs } from './prose.tsx'
import { schemaAnchor, schemaTree, typeLabel } from './schema-view.tsx'

export interface DocsPageOptions {
  /** Origin for the curl examples, e.g. `https://wylb.example.workers.dev`. */
  origin?: string
}

const SITE_LINKS = [
  { href: '/openapi.json', nav: 'OpenAPI document', intro: 'OpenAPI 3.1 document (JSON)' },
  { href: '/demo', nav: 'Search demo', intro: 'Search widget demo' },
  { href: '/articles/what-you-leave-behind', nav: 'An article page', intro: 'Article page: What You Leave Behind' },
] as const

/** The site's other pages, in the header (`nav` labels) and the introduction (`intro` labels). */
const siteLinks = (labels: 'nav' | 'intro', cls?: string) => (
  <ul class={cls}>
    {SITE_LINKS.map((l) => (
      <li>
        <a href={l.href}>{l[labels]}</a>
      </li>
    ))}
  </ul>
)

/** The reference page for an OpenAPI 3.1 document. */
export function renderDocsPage(doc: DocsDocument, opts: DocsPageOptions = {}): string {
  const info = isObj(doc.info) ? doc.info : {}
  const title = str(info.title) || 'API'
  const version = str(info.version)
  const origin = opts.origin ?? ''
  const ops = operationsOf(doc)
  const tags = tagsOf(doc, ops)
  const schemas = componentSchemas(doc)
  return htmlDocument(
    <Layout title={`${title} API reference`} description={str(info.description) || undefined} css={css} lightDark>
      <a class="skip" href="#content">
        Skip to the reference
      </a>
      <header class="site">
        <div class="site-inner">
          <a class="brand" href="/docs">
            {title} <span class="version">API reference</span>
          </a>
          <nav aria-label="Site">{siteLinks('nav')}</nav>
        </div>
      </header>
      <div class="layout">
        <nav class="toc" aria-labelledby="toc-heading">
          <h2 id="toc-heading">Contents</h2>
          <ul>
            <li>
              <a href="#intro">Introduction</a>
            </li>
            {tags.map((tag) => (
              <li>
                <a href={fragmentHref(`tag-${elementId(tag.name)}`)}>{tag.name}</a>
                <ul>
                  {tag.operations.map((op) => (
                    <li>
                      <a href={fragmentHref(op.id)}>
                        <span class={`method m-${op.method}`}>{op.method.toUpperCase()}</span>{' '}
                        <span class="p">{op.path}</span>
                      </a>
                    </li>
                  ))}
                </ul>
              </li>
            ))}
            {schemas.length > 0 && (
              <li>
                <a href="#schemas">Schemas</a>
              </li>
            )}
          </ul>
        </nav>
        <main id="content">
          <section id="intro" class="intro" aria-labelledby="title">
            <h1 id="title">{title}</h1>
            <p class="version">
              API reference{version && ` · version ${version}`} · {ops.length} operation{ops.length === 1 ? '' : 's'}
            </p>
            {paragraphs(str(info.description))}
            <p>
              Every operation below has an example request, and each <code>GET</code> a form that sends it: the answer
              opens in this tab (use the back button to return). Errors are <code>application/problem+json</code> naming
              the parameter at fault.
            </p>
            {siteLinks('intro', 'links')}
          </section>
          {tags.map((tag) => {
            const id = `tag-${elementId(tag.name)}`
            return (
              <section class="tag" aria-labelledby={id}>
                <h2 id={id}>{tag.name}</h2>
                {paragraphs(tag.description)}
                {tag.operations.map((op) => operation(doc, op, origin))}
              </section>
            )
          })}
          {schemas.length > 0 && (
            <section class="tag schemas" aria-labelledby="schemas">
              <h2 id="schemas">Schemas</h2>
              {schemas.map(([name, s]) => {
                const { $ref: _ref, ...plain } = s
                return (
                  <section class="op" id={schemaAnchor(name)} aria-label={name}>
                    <h3>
                      <code class="path">{name}</code> {typeLabel(doc, plain)}
                    </h3>
                    {paragraphs(str(s.description))}
                    {schemaTree(doc, { $ref: `#/components/schemas/${name}` }, 0, new Set())}
                  </section>
                )
              })}
            </section>
          )}
        </main>
      </div>
      <footer>
        <div class="inner">
          Generated from <a href="/openapi.json">/openapi.json</a>. Article text served by this API comes with its
          attribution: publisher, licence and source in every answer.
        </div>
      </footer>
    </Layout>,
  )
}
