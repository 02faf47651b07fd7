import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { importMediaWikiExport } from '../../../src/core/import/mediawiki-xml.ts'
import { wikitextToArticle } from '../../../src/core/import/wikitext/article.ts'
import { readTable } from '../../../src/core/import/wikitext/tables.ts'
import type { Article, Passage } from '../../../src/core/model.ts'

// A fan wiki's export of our own writing: a table-heavy episode list, an infobox-heavy character page,
// a list page and two redirects, in the wikitext style of a real wiki (templates it alone defines included).
const XML = readFileSync(new URL('./fixtures/fan-wiki-export.xml', import.meta.url), 'utf8')
const { articles, aliases } = await importMediaWikiExport([XML])
const article = (slug: string) => articles.find((a) => a.slug === slug) as Article
const passages = (a: Article) => a.sections.flatMap((s) => s.passages)
const texts = (a: Article, kind: Passage['kind']) =>
  passages(a)
    .filter((p) => p.kind === kind)
    .map((p) => p.text)

describe('a fan wiki export: tables', () => {
  const episodes = article('list-of-harbour-line-episodes')

  it('makes each row of a wikitable a passage of "header: value" text, with the caption', () => {
    expect(texts(episodes, 'table')).toContain(
      'Series 2 episodes — No.: 7; Title: "Last Crossing"; Directed by: Mara Quill; Written by: Tobias Wren, Oona Pell; Original air date: 25 January 2021',
    )
    expect(texts(episodes, 'table')).toContain(
      'Series overview — Series: 1; Episodes: 4; First aired: September 2, 2019; Last aired: September 23, 2019',
    )
  })

  it('puts the rows in the section where the table stands, with the citations in their cells', () => {
    const row = passages(episodes).find((p) => p.text.includes('Lantern Quay'))
    expect(row).toMatchObject({ section: 'series-2-2021', kind: 'table', citations: ['ref-2'] })
    expect(episodes.references.find((r) => r.id === 'ref-2')?.cited_by).toEqual([row?.id])
  })

  it('reads {{Episode list}} rows inside {{Episode table}} as table rows, summary included', () => {
    const rows = passages(episodes).filter((p) => p.section === 'series-1-2019')
    expect(rows.map((p) => p.kind)).toEqual(['table', 'table'])
    expect(rows[0]?.text).toBe(
      'No. overall: 1; No. in season: 1; Title: Fog Bell; Directed by: Mara Quill; Written by: Tobias Wren; ' +
        'Original air date: September 2, 2019; Summary: Captain Idris Vale takes the night ferry out in thick fog and hears a bell where no buoy should be.',
    )
  })

  it('leaves no placeholder, markup or layout colour in any passage', () => {
    for (const a of articles)
      for (const p of passages(a)) expect(p.text).not.toMatch(/WYLBTABLE|\{\{|\}\}|\[\[|\]\]|\{\||\|\}|1C3F6E|scope=/)
  })

  it('reads a caption with attributes and skips repeated heading rows', () => {
    const table = readTable(
      '{| class="wikitable"\n|+ style="text-align:left" | Ratings\n! Week !! Listeners\n|-\n| 1 || 2.1 million\n|-\n! Week !! Listeners\n|-\n| 2 || 1.9 million\n|}',
    )
    expect(table).toEqual({
      caption: 'Ratings',
      rows: ['Week: 1; Listeners: 2.1 million', 'Week: 2; Listeners: 1.9 million'],
    })
  })

  it('drops navigation boxes laid out as tables', () => {
    const a = wikitextToArticle({
      title: 'T',
      text: 'Intro.\n\n{| class="navbox"\n! Harbour Line\n|-\n| Fog Bell · Low Water\n|}\n',
    })
    expect(passages(a).map((p) => p.kind)).toEqual(['paragraph'])
  })
})

describe('a fan wiki export: infobox, lists, captions, templates', () => {
  const vale = article('idris-vale')
  const ships = article('ships-of-harbour-line')

  it('reads an infobox of a type it has no labels for, each field a passage, its note linked', () => {
    expect(texts(vale, 'infobox')).toEqual([
      'First: "Fog Bell" (2019)',
      'Last: "Last Crossing" (2021)',
      'Creator: Tobias Wren',
      'Portrayer: Sefa Okonjo',
      'Occupation: Ferry captain',
      'Affiliation: Harbour Line Company',
      'Spouse: Anneke Vale (widowed)',
      'Nationality: Portuguese',
    ])
    expect(vale.notes[0]).toMatchObject({
      text: 'Vale was born in Porto and moved to the harbour town as a child.',
      cited_by: ['idris-vale:infobox-nationality'],
    })
  })

  it('keeps every list as list passages, items joined with "; "', () => {
    expect(texts(ships, 'list')).toEqual([
      'Kestrel – the night ferry captained by Idris Vale; Petrel – the day ferry, sunk in "Low Water"; Raised and refitted in "Last Crossing"; Tern – a cargo barge',
      '1) The pilot boat Wick; 2) The lifeboat Saint Brendan; 3) The dredger Gull',
      'Harbour tug : Bollard, crewed by the Pell brothers',
    ])
  })

  it('keeps image and gallery captions', () => {
    expect(texts(vale, 'caption')).toEqual([
      'Vale on the bridge of the Kestrel in "Fog Bell"',
      'The Kestrel at its berth',
    ])
    expect(texts(ships, 'caption')).toEqual(['The Kestrel under way at night', 'The wreck of the Petrel'])
  })

  it('prints an unknown template as its unnamed parameters, and hatnotes and maintenance tags as nothing', () => {
    expect(texts(vale, 'paragraph')).toContain(
      'Vale is a careful sailor who nunca leaves port without checking the tide tables. Okonjo described him as "a man who trusts the sea more than people". His catchphrase is Keep the lamps lit.',
    )
    const a = wikitextToArticle({
      title: 'T',
      text: '{{Short description|Not text}}{{Citation needed span|kept}} The {{Harbour ship|Kestrel|class=ferry}} sails.{{Citation needed|date=May 2020}} {{Lorem}}',
    })
    expect(a.summary).toBe('kept The Kestrel sails.')
  })

  it('keeps the categories, in order, without sort keys', () => {
    expect(vale.categories).toEqual(['Harbour Line characters', 'Fictional ship captains'])
    expect(ships.categories).toEqual(['Harbour Line', 'Fictional ships'])
  })

  it("gives each article its title and its redirects' titles as aliases", () => {
    expect(vale.title).toBe('Idris Vale')
    expect(vale.aliases).toEqual(['Captain Vale'])
    expect(article('list-of-harbour-line-episodes').aliases).toEqual(['Harbour Line episodes'])
    expect(ships.aliases).toEqual([])
    expect(aliases).toEqual({ 'captain-vale': 'idris-vale', 'harbour-line-episodes': 'list-of-harbour-line-episodes' })
  })

  it("credits the wiki of the export's <siteinfo>, linking to its pages", () => {
    expect(vale.attribution).toMatchObject({
      publisher: 'Harbour Line Wiki',
      source: 'https://harbourline.fandom.com/wiki/Idris_Vale',
      text: '"Idris Vale" from Harbour Line Wiki, CC BY-SA 4.0 (https://creativecommons.org/licenses/by-sa/4.0/)',
    })
  })
})

describe('nested tables', () => {
  it('reads a table nested in a cell on its own, after its parent', () => {
    const a = wikitextToArticle({
      title: '2019 season',
      text: [
        '== Game log ==',
        '{| class="wikitable"',
        '! 2019 game log',
        '|-',
        '|',
        '{| class="wikitable collapsible"',
        '! colspan=4 style="background:#14225A" | March/April',
        '|-',
        '! # !! Date !! Opponent !! Score',
        '|-',
        '| 1 || March 28 || Mets || 2–11',
        '|}',
        '|-',
        '|',
        '{| class="wikitable collapsible"',
        '|+ May',
        '! # !! Date !! Opponent !! Score',
        '|-',
        '| 29 || May 1 || Cardinals || 6–2',
        '|}',
        '|}',
      ].join('\n'),
    })
    expect(texts(a, 'table')).toEqual([
      'March/April — #: 1; Date: March 28; Opponent: Mets; Score: 2–11',
      'May — #: 29; Date: May 1; Opponent: Cardinals; Score: 6–2',
    ])
  })
})

describe('pages the import skips', () => {
  const page = (title: string, text: string, redirect?: string) =>
    `<page><title>${title}</title><ns>0</ns>${redirect ? `<redirect title="${redirect}" />` : ''}<revision><timestamp>2024-01-01T00:00:00Z</timestamp><text>${text}</text></revision></page>`
  const xml = [
    '<mediawiki><siteinfo><sitename>W</sitename></siteinfo>',
    page('Kestrel', 'The night ferry.'),
    page('KESTREL', 'Another page with the same slug.'),
    page('Blank', '   '),
    page('Gull', '#REDIRECT [[Dredgers]]', 'Dredgers'),
    page('Ferry', '#REDIRECT [[Kestrel]]', 'Kestrel'),
    page('Talk:Kestrel', 'A talk page.').replace('<ns>0</ns>', '<ns>1</ns>'),
    '</mediawiki>',
  ].join('\n')

  it('says which pages became neither article nor alias, and why', async () => {
    const result = await importMediaWikiExport([xml])
    expect(result.articles.map((a) => a.title)).toEqual(['Kestrel'])
    expect(result.aliases).toEqual({ ferry: 'kestrel' })
    expect(result.skipped).toEqual([
      { title: 'KESTREL', reason: 'its slug "kestrel" is the slug of "Kestrel", kept first' },
      { title: 'Blank', reason: 'the page has no text' },
      { title: 'Gull', reason: 'a redirect to "Dredgers", which is not an article of the export' },
    ])
  })
})
