import { readFileSync } from 'node:fs'
import { importMediaWikiExport } from './src/core/import/mediawiki-xml.ts'
const xml = readFileSync('tests/unit/import/fixtures/episode-export.xml', 'utf8')
const r = await importMediaWikiExport([xml])
const a = r.articles[0]!
for (const s of a.sections) { console.log('##', s.id, s.level, s.parent); for (const p of s.passages) console.log('  ', p.id, p.kind, JSON.stringify(p.text).slice(0, 120), p.citations.join(',')) }
for (const x of a.references) console.log(x.id, x.cited_by.length, x.backlinks.join(''), x.authors, x.title, x.publisher, x.date, x.retrieved, x.archived)
console.log(a.notes)
