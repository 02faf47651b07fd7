/**
 * @module Planning a query: which index terms its units may match and which postings it reads. First
 * its terms, its last word's completions and typo candidates are looked up (term shards, vocabulary
 * and typo pieces); then each unit is expanded into weighted alternatives, and the tail tiers of its
 * frequent terms are shared out within the query's budget.
 */
import { CAP, MIN_PREFIX, expandUnit, type Expanded, type TermTable } from '../search/expand.ts'
import type { ParsedQuery } from '../search/query.ts'
import { applySynonyms, type Expansion, type SynonymMatch } from '../search/synonyms.ts'
import { tolerance } from '../search/typo.ts'
import { IndexFormatError } from '../search/types.ts'
import { Vocabulary, byFrequency } from '../search/vocab.ts'
import type { ShardVocabEntry } from '../shards/format.ts'
import type { TailTier } from '../shards/piece-views.ts'
import { MAX_TYPO_LEN, sortEntries, type IndexPieces, type ReadLedger, type Term } from './pieces.ts'

/** The index terms and vocabulary a query has looked up, and what those lookups left out. */
export interface TermLookup {
  byString: Map<string, Term>
  byId: Map<number, Term>
  /** Term id → term string, from the vocabulary entries loaded. */
  idTerms: Map<number, string>
  /** The vocabulary entries loaded (completions, typo candidates), by key, and a Vocabulary over them. */
  entries: Map<string, ShardVocabEntry>
  vocab: Vocabulary
  /** Where the query says a phrase of a synonym group. */
  synonyms: SynonymMatch[]
  /** Whether a typo search looked at only the most frequent words of a length. */
  typoCut: boolean
  /** Whether a last word's completions were left out because they lie in too many shards. */
  prefixCut: boolean
  /** The term shards and typo pieces these lookups read. */
  read: ReadLedger
}

/**
 * The tail tiers a ranking pass may read: at most `tiers` in all, and no more bytes than `bytes` leaves
 * once the pieces the query's lookups read are counted.
 */
export interface TailBudget {
  tiers: number
  bytes: number
}

/** A term to read and the tail tiers of it read. */
export interface TermRead {
  term: Term
  tiers: TailTier[]
}

/** What one ranking pass matches and reads. */
export interface RankPlan {
  units: Expanded[]
  negatives: Expanded[]
  /** What synonyms expanded the query to. */
  expansions: Expansion[]
  /** Every term a unit may match, by id, with the tiers read of it. */
  reads: Map<number, TermRead>
  /** Whether a frequent term's tail tiers were left out. */
  cut: boolean
}

/** Adds vocabulary entries to what the query knows (the Vocabulary over them is rebuilt by the caller). */
export function addEntries(terms: TermLookup, list: ShardVocabEntry[]): void {
  for (const e of list) {
    const [key, id, , , , term] = e
    terms.entries.set(key, e)
    terms.idTerms.set(id, term)
  }
}

export function termTable(terms: TermLookup): TermTable {
  return { id: (t: string) => terms.byString.get(t)?.id }
}

/**
 * The completions of `prefix` a query ranks with (the CAP.prefix most frequent, as
 * `Vocabulary.prefixed` orders them), but only those whose terms lie in the shards the query's own
 * words `read` or in at most maxPrefixShards more; a completion past that is left out (`prefixCut`).
 * The build lists the shards this adds for a prefix that crosses shards (../shards/top-shards.ts), so
 * they are read beside the words: a change of this order is a change of that list.
 */
function completionsWithin(
  prefix: string,
  entries: ShardVocabEntry[],
  read: ReadonlySet<number>,
  terms: TermLookup,
  pieces: IndexPieces,
  maxPrefixShards: number,
): ShardVocabEntry[] {
  const added = new Set<number>()
  const kept: ShardVocabEntry[] = []
  const ordered = [...entries].sort(byFrequency)
  for (const e of ordered) {
    if (kept.length >= CAP.prefix + 1) break
    const [key, , , , , term] = e
    const shard = pieces.shardOf(term)
    if (key !== prefix && !read.has(shard) && !added.has(shard)) {
      if (added.size >= maxPrefixShards) {
        terms.prefixCut = true
        continue
      }
      added.add(shard)
    }
    kept.push(e)
  }
  return kept
}

/** Looks up what expanding the query needs: its terms, its last word's completions, typo candidates. */
export async function lookUpTerms(
  parsed: ParsedQuery,
  synonyms: SynonymMatch[],
  pieces: IndexPieces,
  maxPrefixShards: number,
): Promise<TermLookup> {
  const terms: TermLookup = {
    byString: new Map(),
    byId: new Map(),
    idTerms: new Map(),
    entries: new Map(),
    vocab: new Vocabulary([]),
    synonyms,
    typoCut: false,
    prefixCut: false,
    read: new Map(),
  }
  const all = [...parsed.positive, ...parsed.negative]
  const words = all.flatMap((u) => [u.term, ...u.parts.map((p) => p.term)])
  const synonymWords = synonyms.flatMap((m) => m.others.flatMap((o) => o.terms))
  const wordShards = new Set(words.map((w) => pieces.shardOf(w)))
  await Promise.all([
    pieces.terms(synonymWords, terms.byString, terms.read),
    pieces.terms(words, terms.byString, terms.read),
    ...parsed.positive
      .filter((u) => u.prefix && u.key.length >= MIN_PREFIX)
      .map(async (u) => {
        const [entries] = await Promise.all([
          pieces.prefixEntries(u.key, terms.read),
          pieces.completionShards(u.key, wordShards, maxPrefixShards, terms.read),
        ])
        addEntries(terms, completionsWithin(u.key, entries, wordShards, terms, pieces, maxPrefixShards))
      }),
  ])
  // Typo candidates for words neither indexed nor completed (as expand.ts decides), and for did-you-mean.
  const prefixVocab = new Vocabulary(sortEntries([...terms.entries.values()]))
  const typos: Promise<{ entries: ShardVocabEntry[]; cut: boolean }>[] = []
  for (const u of parsed.positive) {
    if (u.type !== 'word' || u.key.length > MAX_TYPO_LEN) continue
    const seqKnown = u.parts.length > 1 && u.parts.every((p) => terms.byString.has(p.term))
    const known = terms.byString.has(u.term) || seqKnown
    if (known) continue
    const completed =
      u.prefix && u.key.length >= MIN_PREFIX && prefixVocab.prefixed(u.key, 64).some(([key]) => key !== u.key)
    if (!completed) typos.push(pieces.nearEntries(u.key, tolerance(u.key, false), CAP.typo, terms.read))
  }
  for (const found of await Promise.all(typos)) {
    if (found.cut) terms.typoCut = true
    addEntries(terms, found.entries)
  }
  terms.vocab = new Vocabulary(sortEntries([...terms.entries.values()]))
  return terms
}

/** Terms by id: the query knows each id's string from the vocabulary entry or term row it came from. */
async function lookUpIds(ids: Iterable<number>, terms: TermLookup, pieces: IndexPieces): Promise<void> {
  const strings: string[] = []
  for (const id of ids) {
    if (terms.byId.has(id)) continue
    const s = terms.idTerms.get(id)
    if (s === undefined) throw new IndexFormatError(`search index names term ${id} but no vocabulary entry holds it`)
    strings.push(s)
  }
  await pieces.terms(strings, terms.byString, terms.read)
  for (const t of terms.byString.values()) terms.byId.set(t.id, t)
}

/**
 * Expands the query's units and plans its reads: every term's head and, within `tails`, tail tiers of
 * its frequent terms; `cut` tells whether any tier was left out.
 */
export async function planRanking(
  parsed: ParsedQuery,
  terms: TermLookup,
  pieces: IndexPieces,
  tails: TailBudget,
): Promise<RankPlan> {
  const table = termTable(terms)
  const expanded = applySynonyms(
    parsed.positive.map((u) => expandUnit(u, table, terms.vocab, true)),
    terms.synonyms,
    table.id,
  )
  const units = expanded.units
  const negatives = parsed.negative.map((u) => expandUnit(u, table, terms.vocab, false))
  for (const t of terms.byString.values()) terms.byId.set(t.id, t)
  const needed = new Set<number>()
  for (const x of [...units, ...negatives]) {
    for (const a of x.alts) needed.add(a.term)
    for (const t of x.seq ?? []) needed.add(t)
    for (const seq of x.also ?? []) for (const t of seq) needed.add(t)
  }
  await lookUpIds(needed, terms, pieces)
  let spent = 0
  for (const bytes of terms.read.values()) spent += bytes
  const tailed = [...needed]
    .map((id) => terms.byId.get(id)!)
    .filter((term) => term.tails !== undefined)
    .sort((x, y) => x.df - y.df)
  const chosen = chooseTiers(tailed, { tiers: tails.tiers, bytes: tails.bytes - spent })
  const reads = new Map<number, TermRead>()
  let cut = false
  for (const id of needed) {
    const term = terms.byId.get(id)!
    const tiers = chosen.get(term) ?? []
    if (term.tails && tiers.length < term.tails.length) cut = true
    reads.set(id, { term, tiers })
  }
  return { units, negatives, expansions: expanded.expansions, reads, cut }
}

/**
 * The tail tiers each of `tailed` (rarest first) is read: `budget.tiers` shared out evenly, the rarest
 * first (a stopword's tail is megabytes), then taken round by round, the rarest first, while they fit
 * in `budget.bytes`. A term's tiers are read best first, so one that does not fit ends its term's.
 */
function chooseTiers(tailed: Term[], budget: TailBudget): Map<Term, TailTier[]> {
  const quota = (k: number): number =>
    Math.floor(budget.tiers / tailed.length) + (k < budget.tiers % tailed.length ? 1 : 0)
  const chosen = new Map<Term, TailTier[]>(tailed.map((term) => [term, []]))
  const full = new Set<Term>()
  let left = budget.bytes
  for (let round = 0; full.size < tailed.length; round++) {
    tailed.forEach((term, k) => {
      if (full.has(term)) return
      const tier = term.tails![round]
      if (!tier || round >= quota(k) || tier.bytes > left) {
        full.add(term)
        return
      }
      chosen.get(term)!.push(tier)
      left -= tier.bytes
    })
  }
  return chosen
}
