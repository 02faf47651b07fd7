/**
 * @module The article page's infobox: a table that is also the anchor of the infobox passages it shows
 * (a row per field, the image caption, the chronology cells). Drawn with hono/jsx; no Workers imports.
 */
import type { Article, Infobox, Passage } from '../core/model.ts'

interface InfoboxAnchors {
  table: string | null
  rows: Map<string, string>
  caption: string | null
  /** The chronology passages (`…:infobox-previous`, `…:infobox-next`), anchored on their chronology cells. */
  previous: string | null
  next: string | null
}

/** The infobox passage of one chronology direction: by its local id, else by its `Previous: …` / `Next: …` text. */
function chronoPassage(passages: Passage[], which: 'previous' | 'next'): string | null {
  const prefix = which === 'previous' ? 'previous:' : 'next:'
  const found =
    passages.find((p) => p.id.endsWith(`:infobox-${which}`)) ??
    passages.find((p) => p.text.trim().toLowerCase().startsWith(prefix))
  return found?.id ?? null
}

/** Which infobox passages and caption passages the infobox itself can anchor. */
function infoboxAnchors(box: Infobox, article: Article): InfoboxAnchors {
  const rows = new Map<string, string>()
  let table: string | null = null
  let caption: string | null = null
  const all = article.sections.flatMap((s) => s.passages)
  const boxPassages = all.filter((p) => p.kind === 'infobox')
  const previous = box.previous !== null ? chronoPassage(boxPassages, 'previous') : null
  const next = box.next !== null ? chronoPassage(boxPassages, 'next') : null
  const infoPassages = boxPassages.filter((p) => p.id !== previous && p.id !== next)
  if (infoPassages.length === 1) table = (infoPassages[0] as Passage).id
  else {
    for (const p of infoPassages) {
      const field = box.fields.find(
        (f) => !rows.has(f.key) && p.text.trim().toLowerCase().startsWith(f.label.toLowerCase()),
      )
      if (field) rows.set(field.key, p.id)
    }
  }
  const cap = box.image?.caption?.trim()
  if (cap) caption = all.find((p) => p.kind === 'caption' && p.text.trim() === cap)?.id ?? null
  return { table, rows, caption, previous, next }
}

/** An `id` attribute only where there is an id. */
const anchor = (id: string | null | undefined): string | undefined => id || undefined

/** The infobox; adds the ids of the passages it anchors to `placed`, so that they are not drawn again. */
export function infoboxTable(box: Infobox, article: Article, placed: Set<string>) {
  const anchors = infoboxAnchors(box, article)
  for (const id of [anchors.table, anchors.caption, anchors.previous, anchors.next, ...anchors.rows.values()])
    if (id) placed.add(id)
  const fields = box.fields.filter((f) => f.values.length > 0 || anchors.rows.has(f.key))
  return (
    <table class="infobox" id={anchor(anchors.table)}>
      <caption>
        {box.heading || article.title}
        {box.subheading && <span class="sub">{box.subheading}</span>}
      </caption>
      <tbody>
        {box.image && (
          <tr class="image">
            <td colspan={2} id={anchor(anchors.caption)}>
              {box.image.caption || box.image.file}
            </td>
          </tr>
        )}
        {fields.map((f) => {
          const values = f.values.map((v, i) => (i === 0 && f.iso_date ? <time datetime={f.iso_date}>{v}</time> : v))
          return (
            <tr id={anchor(anchors.rows.get(f.key))}>
              <th scope="row">{f.label}</th>
              <td>
                {values.length > 1 ? (
                  <ul>
                    {values.map((v) => (
                      <li>{v}</li>
                    ))}
                  </ul>
                ) : (
                  values[0]
                )}
              </td>
            </tr>
          )
        })}
        {(box.previous !== null || box.next !== null) && [
          <tr>
            <th colspan={2} scope="colgroup">
              Chronology
            </th>
          </tr>,
          <tr class="chrono">
            <td id={anchor(anchors.previous)}>
              ← Previous
              <br />
              {box.previous ?? '—'}
            </td>
            <td id={anchor(anchors.next)}>
              Next →
              <br />
              {box.next ?? '—'}
            </td>
          </tr>,
        ]}
      </tbody>
    </table>
  )
}
