/**
 * @module The widget's CSS, adopted into its shadow root. `.root` resets every inherited
 * property (`all: initial`) so the host page's styles cannot leak in; theming is through the
 * `--wylb-*` custom properties (which `all` does not reset) and `::part()`.
 * Lengths are in px/em (never rem: the host page owns the root font size).
 */
export const CSS = `
:host{display:block;contain:content}
:host([hidden]){display:none}
.root{all:initial;display:block;position:relative;box-sizing:border-box;width:100%;min-width:0;
--_accent:var(--wylb-accent,#2657b5);--_bg:var(--wylb-bg,#fff);--_fg:var(--wylb-fg,#1d2128);
--_muted:var(--wylb-muted,#5b6270);--_border:var(--wylb-border,#c9ced8);--_radius:var(--wylb-radius,8px);
--_mark:var(--wylb-mark-bg,#ffe58a);--_active:color-mix(in srgb,var(--_accent) 12%,var(--_bg));
font-family:var(--wylb-font,system-ui,-apple-system,"Segoe UI",Roboto,sans-serif);font-size:medium;line-height:1.45;
color:var(--_fg);background:var(--_bg);color-scheme:light dark;text-align:start;-webkit-text-size-adjust:100%}
@media (prefers-color-scheme:dark){.root{--_accent:var(--wylb-accent,#8fb4ff);--_bg:var(--wylb-bg,#17191e);
--_fg:var(--wylb-fg,#e7e9ee);--_muted:var(--wylb-muted,#a3a9b6);--_border:var(--wylb-border,#3b404b);
--_mark:var(--wylb-mark-bg,#6b5a12)}}
*,*::before,*::after{box-sizing:border-box}
.field{position:relative;display:flex;align-items:center}
.icon{position:absolute;left:12px;width:16px;height:16px;border:2px solid var(--_muted);border-radius:50%;pointer-events:none}
.icon::after{content:"";position:absolute;width:2px;height:7px;background:var(--_muted);left:12px;top:10px;transform:rotate(-45deg)}
input{all:unset;box-sizing:border-box;display:block;width:100%;min-width:0;font:inherit;color:var(--_fg);
background:var(--_bg);border:1px solid var(--_border);border-radius:var(--_radius);padding:10px 40px 10px 38px;min-height:44px}
input::placeholder{color:var(--_muted);opacity:1}
input:focus-visible{outline:2px solid var(--_accent);outline-offset:1px;border-color:var(--_accent)}
input::-webkit-search-cancel-button{display:none}
.kbd{position:absolute;right:10px;font-size:.75em;color:var(--_muted);border:1px solid var(--_border);border-radius:4px;padding:0 6px;pointer-events:none}
.spinner{display:none;position:absolute;right:12px;width:16px;height:16px;border:2px solid var(--_border);
border-top-color:var(--_accent);border-radius:50%;animation:spin .8s linear infinite}
.root[data-state=loading] .spinner{display:block}
.root[data-state=loading] .kbd{display:none}
@keyframes spin{to{transform:rotate(360deg)}}
@media (prefers-reduced-motion:reduce){.spinner{animation-duration:3s}}
.status{display:block;margin:6px 2px 0;font-size:.875em;color:var(--_muted);overflow-wrap:anywhere}
.status:empty{display:none}
.root[data-state=error] .status{color:var(--_fg)}
.status button{all:unset;cursor:pointer;color:var(--_accent);text-decoration:underline;font:inherit;border-radius:3px}
.status button:focus-visible{outline:2px solid var(--_accent);outline-offset:1px}
.panel{display:block;margin-top:6px;border:1px solid var(--_border);border-radius:var(--_radius);background:var(--_bg);overflow:hidden}
.panel[hidden],.closed .panel{display:none}
.closed .status{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);clip-path:inset(50%);white-space:nowrap;margin:0}
ul{all:unset;display:block;list-style:none;margin:0;padding:4px;max-height:min(70vh,480px);overflow:auto;overscroll-behavior:contain}
ul:empty{display:none}
li{all:unset;display:block;border-radius:calc(var(--_radius) - 2px);cursor:pointer}
li[aria-selected=true]{background:var(--_active);outline:2px solid var(--_accent);outline-offset:-2px}
li:hover{background:var(--_active)}
.link{all:unset;display:block;padding:8px 10px;cursor:pointer;color:var(--_fg)}
.meta{display:block;font-size:.8em;color:var(--_muted);overflow-wrap:anywhere}
.section{font-weight:600;color:var(--_accent)}
.snippet{display:block;margin-top:2px;overflow-wrap:anywhere}
mark{all:unset;background:var(--_mark);color:inherit;border-radius:2px;padding:0 1px}
.suggestion{padding:6px 10px;color:var(--_fg)}
.suggestion::before{content:"\\2192";color:var(--_muted);margin-right:8px}
.sr{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);clip-path:inset(50%);white-space:nowrap}
.answer .snippet strong{font-weight:600}
.answer{border-left:3px solid var(--_accent)}
.sub{margin-left:18px;font-size:.95em}
.facets{display:flex;flex-wrap:wrap;gap:4px;padding:6px 8px 0}
.facets:empty{display:none}
.facets button{all:unset;cursor:pointer;font-size:.8em;padding:2px 8px;border:1px solid var(--_border);border-radius:999px;color:var(--_fg)}
.facets button[aria-pressed=true]{border-color:var(--_accent);color:var(--_accent);font-weight:600}
.facets button:focus-visible{outline:2px solid var(--_accent);outline-offset:1px}
.attribution{display:block;margin:0;padding:6px 12px;border-top:1px solid var(--_border);font-size:.75em;color:var(--_muted)}
.attribution a{all:unset;color:var(--_accent);text-decoration:underline;cursor:pointer}
.attribution a:focus-visible{outline:2px solid var(--_accent)}
@media (max-width:360px){input{padding-left:34px;padding-right:12px}.kbd{display:none}.icon{left:10px}a.link{padding:8px 6px}}
@media (forced-colors:active){li[aria-selected=true]{outline:2px solid Highlight}mark{background:Mark;color:MarkText}}
`

let sharedSheet: CSSStyleSheet | null = null

/** Gives a shadow root the widget's CSS: one constructed sheet shared by every instance where supported. */
export function adoptStyles(shadow: ShadowRoot): void {
  try {
    if (!sharedSheet) {
      sharedSheet = new CSSStyleSheet()
      sharedSheet.replaceSync(CSS)
    }
    shadow.adoptedStyleSheets = [sharedSheet]
  } catch {
    // Older engines: a <style> element (needs style-src to allow it).
    const style = document.createElement('style')
    style.textContent = CSS
    shadow.appendChild(style)
  }
}
