/** @module The real corpus article, parsed once, for the specification tests. */
import { readFileSync } from 'node:fs'
import type { Sidecar } from '../../../src/core/model.ts'
import { parseArticle } from '../../../src/core/parse/index.ts'

const corpus = new URL('../../../index/corpus/', import.meta.url)
export const TEXT = readFileSync(new URL('what-you-leave-behind.txt', corpus), 'utf8')
export const SIDECAR: Sidecar = JSON.parse(readFileSync(new URL('what-you-leave-behind.json', corpus), 'utf8'))
export const ARTICLE = parseArticle(TEXT, SIDECAR, 'what-you-leave-behind')
export const PASSAGES = ARTICLE.sections.flatMap((s) => s.passages)
