/**
 * @module The demo page: a fan site that embeds `<wylb-search>` exactly as a host would (one
 * module script, one element, a few attributes) and carries a deliberately hostile stylesheet
 * that must not change the widget. Pure: no Hono or Workers imports; no inline scripts.
 */
import { escapeHtml as esc, safeHref } from './hrefs.ts'

export interface DemoPageOptions {
  /** URL of the widget module script, e.g. `/widget.js`. */
  widgetSrc: string
}

/**
 * Rules that would wreck an unprotected widget. None of them may reach inside the shadow root;
 * only the `--wylb-*` custom properties (the documented theming hook) are meant to.
 */
export const HOSTILE_CSS = `
:root{font-size:40px}
*{font:30px/3 "Comic Sans MS","Comic Sans",cursive !important;color:red !important;letter-spacing:2px !important;
text-transform:uppercase !important;box-sizing:content-box !important;word-spacing:8px !important}
body{background:#ffe !important;margin:2rem}
input,button,textarea,select{display:none !important}
ul,ol,li{all:unset;background:yellow !important;display:inline !important}
mark{background:black !important;color:black !important}
[role=option],[role=listbox],[role=status],[role=combobox]{display:none !important}
[part],.panel,.status,.snippet,.root,.link{display:none !important;visibility:hidden !important}
a{color:fuchsia !important;text-decoration:line-through !important}
div,span,p{border:3px dashed orange;padding:4px}
*::placeholder{color:transparent !important}
*:focus{outline:none !important}
wylb-search{--wylb-accent:#6b2fa8;--wylb-mark-bg:#ffd9a8;--wylb-radius:4px;max-width:36em;font-size:10px !important}
@media (prefers-color-scheme:dark){wylb-search{--wylb-accent:#cfa8ff;--wylb-mark-bg:#6a4310}}
`

export function renderDemoPage(opts: DemoPageOptions): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Deep Space Nine fan archive</title>
<style>${HOSTILE_CSS}</style>
<script type="module" src="${safeHref(opts.widgetSrc)}"></script>
</head>
<body>
<header>
<h1>Deep Space Nine fan archive</h1>
<p>Episode guides, essays and trivia from Terok Nor since 1999.</p>
</header>
<main>
<section aria-labelledby="search-heading">
<h2 id="search-heading">Search the archive</h2>
<p>Press <kbd>/</kbd> or <kbd>Ctrl</kbd>+<kbd>K</kbd> to jump to the search box.</p>
<wylb-search placeholder="Search episodes, e.g. Sisko, Odo, Dukat" limit="6"></wylb-search>
</section>
<section aria-labelledby="latest-heading">
<h2 id="latest-heading">Latest essay</h2>
<p>${esc('“What You Leave Behind” closed the series on June 2, 1999: the Dominion War ends, Sisko joins the Prophets, & Odo returns to the Great Link.')}</p>
<ul><li>Season 7 rewatch notes</li><li>The Pah-wraiths, explained</li><li>Garak &lt;3 Bashir</li></ul>
</section>
</main>
<footer><p>This fan site is not affiliated with Paramount. Episode text via the wylb search API.</p></footer>
</body>
</html>
`
}
