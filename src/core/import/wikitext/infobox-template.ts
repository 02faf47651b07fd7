/**
 * @module An `{{Infobox …}}` template read into the model's infobox: its heading, image, chronology
 * (previous/next) and fields, labelled as the plain-text export prints them (the LABELS table).
 */
import type { Infobox, InfoboxField } from '../../model.ts'
import { findDate, parseDate } from '../../parse/dates.ts'
import { fieldKey } from '../../parse/infobox.ts'
import { cleanText, type WtfInfobox, type WtfSentence } from './document.ts'

const PREVIOUS =
  /^(prev|previous|preceded_?by|prev_?episode|previous_?episode|prev_?title|last_?single|prev_?album|before)$/i
const NEXT = /^(next|followed_?by|next_?episode|next_?title|next_?single|next_?album|after)$/i
const SKIP = new Set([
  'title',
  'name',
  'image',
  'caption',
  'alt',
  'image_alt',
  'image_size',
  'imagesize',
  'image_upright',
  'upright',
  'series',
  'episode_list',
  'season_list',
  'italic_title',
  'module',
  'embed',
  'child',
  'bgcolour',
  'bgcolor',
  'width',
  'series_no',
  'episode_chronology',
  'label',
  'logo',
])

/**
 * Printed labels of common `{{Infobox television episode}}` parameters, so their keys match what the
 * plain-text parser reads from the same infobox (`directed_by`, not `director`). Others are humanized.
 */
const LABELS: Record<string, string> = {
  director: 'Directed by',
  writer: 'Written by',
  story: 'Story by',
  teleplay: 'Teleplay by',
  music: 'Featured music',
  photographer: 'Cinematography by',
  cinematography: 'Cinematography by',
  editor: 'Edited by',
  producer: 'Produced by',
  production: 'Production code',
  airdate: 'Original air date',
  released: 'Release date',
  length: 'Running time',
  runtime: 'Running time',
  guests: 'Guest appearance(s)',
}

/** `access_date` → `Access date`; `airdate` → `Original air date` (see LABELS). */
export function humanizeParam(param: string): string {
  const known = LABELS[param.toLowerCase()]
  if (known) return known
  const words = param.replace(/[_-]+/g, ' ').replace(/\s+/g, ' ').trim()
  return words.charAt(0).toUpperCase() + words.slice(1)
}

function infoboxData(box: WtfInfobox): Record<string, WtfSentence> {
  const d = typeof box.data === 'function' ? box.data() : box.data
  return d && typeof d === 'object' ? d : {}
}

function unquote(s: string): string {
  return s.replace(/^["“'‘]+|["”'’]+$/g, '').trim()
}

function valueText(v: WtfSentence | undefined): string {
  try {
    return v && typeof v.text === 'function' ? v.text() : ''
  } catch {
    return ''
  }
}

/** The model's infobox of `box`, on the page `title`. */
export function makeInfobox(box: WtfInfobox, title: string): Infobox {
  const data = infoboxData(box)
  const type = (() => {
    try {
      return box.type() || ''
    } catch {
      return ''
    }
  })()
  const get = (k: string) => cleanText(valueText(data[k]))
  const named = unquote(get('title') || get('name') || title)
  const series = get('series')
  const heading = /episode|song|single/i.test(type) ? `"${named}"` : named
  const file = get('image')
    .replace(/^(file|image):/i, '')
    .trim()
  const caption = get('caption')
  const result: Infobox = {
    heading,
    subheading: series ? `${series} ${/episode/i.test(type) ? 'episode' : type}`.trim() : null,
    image: file ? { file, caption: caption || null } : null,
    fields: [],
    previous: null,
    next: null,
  }
  for (const [param, value] of Object.entries(data)) {
    const raw = valueText(value)
    if (PREVIOUS.test(param)) {
      result.previous = unquote(cleanText(raw)) || null
      continue
    }
    if (NEXT.test(param)) {
      result.next = unquote(cleanText(raw)) || null
      continue
    }
    if (SKIP.has(param.toLowerCase())) continue
    const label = humanizeParam(param)
    const field: InfoboxField = { label, key: fieldKey(label), values: [] }
    for (const line of raw.split(/\n|<br\s*\/?>/i)) {
      const v = cleanText(line)
      if (!v) continue
      field.values.push(...(/^\d+(\s*&\s*\d+)+$/.test(v) ? v.split(/\s*&\s*/) : [v]))
    }
    const joined = field.values.join(' ')
    const iso = field.key.includes('date')
      ? findDate(joined)?.iso
      : field.values.length === 1
        ? parseDate(joined)
        : null
    if (iso) field.iso_date = iso
    result.fields.push(field)
  }
  return result
}
