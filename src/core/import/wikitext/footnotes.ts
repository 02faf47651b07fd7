/**
 * @module Footnotes: `<ref>`s and note templates (`{{efn}}`, `{{refn|group=note}}`) become the plain
 * text's inline markers (`[3]`, `[note 1]`) before wtf_wikipedia sees the text, their contents kept.
 */
import { splitTopLevel, templateEnd } from './templates.ts'

export interface RefSlot {
  n: number
  name: string | null
  /** Raw wikitext content; null while only `<ref name=x/>` uses have been seen. */
  content: string | null
}

interface Footnotes {
  refs: RefSlot[]
  notes: RefSlot[]
}

const REF = /<ref\b([^>]*?)(?:\/\s*>|>([\s\S]*?)<\/ref\s*>)/gi
const REF_OR_NOTE = /<ref\b([^>]*?)(?:\/\s*>|>([\s\S]*?)<\/ref\s*>)|\u0000(\d+)\u0000/gi
const NOTE_TEMPLATE = /^(efn(?:-[a-z]+)?|notetag|refn|note\s*label)$/i
const NOTE_GROUP = /^(note|notes|n|nb|lower-alpha|upper-alpha|lower-roman|upper-roman|alpha)$/i

function attr(attrs: string, name: string): string | null {
  const m = new RegExp(`\\b${name}\\s*=\\s*(?:"([^"]*)"|'([^']*)'|([^\\s"'/>]+))`, 'i').exec(attrs)
  const v = m ? (m[1] ?? m[2] ?? m[3] ?? '') : null
  return v === null ? null : v.trim()
}

/** Registers one use of a footnote (named ones are shared) and returns its number. */
function use(list: RefSlot[], byName: Map<string, RefSlot>, name: string | null, content: string | null): number {
  const named = name ? byName.get(name) : undefined
  if (named) {
    if (named.content === null && content !== null && content.trim()) named.content = content
    return named.n
  }
  const slot: RefSlot = { n: list.length + 1, name, content: content !== null && content.trim() ? content : null }
  list.push(slot)
  if (name) byName.set(name, slot)
  return slot.n
}

/**
 * Replaces `<ref>`s with `[n]` (numbered in order of first use, named refs shared) and note templates
 * (`{{efn}}`, `{{refn|group=note}}`, `<ref group="note">`) with `[note n]`.
 */
export function extractFootnotes(wikitext: string): { text: string; refs: RefSlot[]; notes: RefSlot[] } {
  const fn: Footnotes = { refs: [], notes: [] }
  const refNames = new Map<string, RefSlot>()
  const noteNames = new Map<string, RefSlot>()
  // Note templates become placeholders first; then one pass numbers refs and notes in order of first use.
  const pending: { name: string | null; content: string }[] = []
  let out = ''
  let i = 0
  const text = wikitext.replace(/<!--[\s\S]*?(?:-->|$)/g, '').replace(/\u0000/g, '')
  for (;;) {
    const open = text.indexOf('{{', i)
    if (open < 0) break
    const nameMatch = /^\{\{\s*([^|{}]+?)\s*(\||\}\})/.exec(text.slice(open, open + 80))
    const name = nameMatch?.[1] ?? ''
    if (!NOTE_TEMPLATE.test(name)) {
      out += text.slice(i, open + 2)
      i = open + 2
      continue
    }
    const end = templateEnd(text, open)
    if (end < 0) break
    const params = splitTopLevel(text.slice(open + 2, end - 2), false).slice(1)
    let group: string | null = null
    let noteName: string | null = null
    const body: string[] = []
    for (const p of params) {
      const kv = /^\s*(group|name)\s*=\s*([\s\S]*)$/i.exec(p)
      if (kv) {
        if ((kv[1] ?? '').toLowerCase() === 'group') group = (kv[2] ?? '').trim()
        else noteName = (kv[2] ?? '').trim().replace(/^["']|["']$/g, '')
      } else body.push(p.replace(/^\s*\d+\s*=/, ''))
    }
    const content = body.join('|')
    const isNote = !/^refn$/i.test(name) || (group !== null && NOTE_GROUP.test(group))
    out += text.slice(i, open)
    if (isNote) {
      pending.push({ name: noteName, content })
      out += `\u0000${pending.length - 1}\u0000`
    } else out += `<ref${noteName ? ` name="${noteName}"` : ''}>${content}</ref>`
    i = end
  }
  out += text.slice(i)

  const replaced = out.replace(
    REF_OR_NOTE,
    (_m, attrs: string | undefined, content: string | undefined, k: string | undefined) => {
      if (k !== undefined) {
        const note = pending[Number(k)]
        return `[note ${use(fn.notes, noteNames, note?.name ?? null, note?.content ?? null)}]`
      }
      const name = attr(attrs ?? '', 'name')
      const group = attr(attrs ?? '', 'group')
      if (group !== null && NOTE_GROUP.test(group)) return `[note ${use(fn.notes, noteNames, name, content ?? null)}]`
      return `[${use(fn.refs, refNames, name, content ?? null)}]`
    },
  )
  // Refs inside note bodies.
  for (const note of fn.notes) {
    if (note.content !== null)
      note.content = note.content.replace(REF, (_m, attrs: string, content: string | undefined) => {
        return `[${use(fn.refs, refNames, attr(attrs ?? '', 'name'), content ?? null)}]`
      })
  }
  return { text: replaced, ...fn }
}
