/**
 * @module The demo page: a fan site that embeds `<wylb-search>` exactly as a host would (one
 * module script, one element, a few attributes) and carries a deliberately hostile stylesheet
 * (demo-hostile.css) that must not change the widget. Drawn with hono/jsx; no Workers imports, no inline scripts.
 */
// Rules that would wreck an unprotected widget. None of them may reach inside the shadow root;
// only the `--wylb-*` custom properties (the documented theming hook) are meant to.
import hostileCss from './demo-hostile.css'
import { Layout, htmlDocument } from './layout.tsx'

export interface DemoPageOptions {
  /** URL of the widget module script, e.g. `/widget.js`. */
  widgetSrc: string
}

export function renderDemoPage(opts: DemoPageOptions): string {
  return htmlDocument(
    <Layout title="Deep Space Nine fan archive" css={hostileCss} widgetSrc={opts.widgetSrc}>
      <header>
        <h1>Deep Space Nine fan archive</h1>
        <p>Episode guides, essays and trivia from Terok Nor since 1999.</p>
      </header>
      <main>
        <section aria-labelledby="search-heading">
          <h2 id="search-heading">Search the archive</h2>
          <p>
            Press <kbd>/</kbd> or <kbd>Ctrl</kbd>+<kbd>K</kbd> to jump to the search box.
          </p>
          <wylb-search placeholder="Search episodes, e.g. Sisko, Odo, Dukat" limit="6"></wylb-search>
        </section>
        <section aria-labelledby="latest-heading">
          <h2 id="latest-heading">Latest essay</h2>
          <p>
            “What You Leave Behind” closed the series on June 2, 1999: the Dominion War ends, Sisko joins the Prophets,
            & Odo returns to the Great Link.
          </p>
          <ul>
            <li>Season 7 rewatch notes</li>
            <li>The Pah-wraiths, explained</li>
            <li>Garak &lt;3 Bashir</li>
          </ul>
        </section>
      </main>
      <footer>
        <p>This fan site is not affiliated with Paramount. Episode text via the wylb search API.</p>
      </footer>
    </Layout>,
  )
}
