// What people search for, drawn from the seeded history itself so that the searches find
// something: common words, rare ones, two words of a message in quotes, an author and a
// word they wrote, the start of a word as it is being typed, and a word ranked by relevance.
import type { SeedCorpus } from './seed-corpus.ts'

export type SearchKind = 'commonWord' | 'quotedWord' | 'rareWord' | 'phrase' | 'fromWord' | 'prefix' | 'relevance'

export interface SearchSet {
  kind: SearchKind
  /** In words, for the table. */
  label: string
  order: 'newest' | 'relevance'
  queries: string[]
}

/** How many of the most frequent words count as common. */
const COMMON_RANKS = 100

/** The lower-case words of a message, letters only (words with an apostrophe or a digit left out). */
function wordsOf(body: string): string[] {
  return body
    .toLowerCase()
    .split(' ')
    .map((word) => word.replace(/[,.?!]+$/u, ''))
    .filter((word) => /^\p{L}+$/u.test(word))
}

/** The words searched for as common ones: the most frequent, of three letters or more, by rank. */
export function commonWords(corpus: SeedCorpus): { word: string; rank: number }[] {
  return corpus.vocabulary.words
    .slice(0, COMMON_RANKS)
    .map((word, rank) => ({ word, rank }))
    .filter(({ word }) => /^\p{L}{3,}$/u.test(word))
}

/**
 * Draws queries of each kind from the corpus's sample of messages. A word typed last is
 * also the start of longer words to the server (it may still be being typed), so the
 * common words are asked for twice: as typed, and "quoted", which the server takes as
 * the whole word only.
 */
export function searchQueries(corpus: SeedCorpus, random: () => number) {
  const rank = new Map(corpus.vocabulary.words.map((word, r) => [word, r]))
  const common = commonWords(corpus).map(({ word }) => word)
  const pick = <T>(list: readonly T[]): T | undefined => list[Math.floor(random() * list.length)]
  /** A sampled message's words, and its author, until `choose` finds a query in one. */
  const fromSample = (choose: (words: string[], author: string) => string | undefined) => {
    for (;;) {
      const i = pick(corpus.sample) ?? 0
      const query = choose(wordsOf(corpus.body[i] ?? ''), corpus.authors[corpus.author[i] ?? 0] ?? '')
      if (query !== undefined) return query
    }
  }
  const known = (minLength: number) => (word: string) => word.length >= minLength && rank.has(word)
  const makers: Record<SearchKind, () => string> = {
    commonWord: () => pick(common) ?? 'the',
    quotedWord: () => `"${pick(common) ?? 'the'}"`,
    rareWord: () => fromSample((words) => pick(words.filter((word) => !rank.has(word)))),
    phrase: () =>
      fromSample((words) => {
        const at = Math.floor(random() * (words.length - 1))
        return words.length < 2 ? undefined : `"${words[at]} ${words[at + 1]}"`
      }),
    fromWord: () =>
      fromSample((words, author) => {
        const word = pick(words.filter(known(4)))
        return word && `from:${author} ${word}`
      }),
    prefix: () =>
      fromSample((words) => {
        const word = pick(words.filter(known(5)))
        return word?.slice(0, 3 + Math.floor(random() * (word.length - 3)))
      }),
    relevance: () => fromSample((words) => pick(words.filter(known(4)))),
  }
  return (kind: SearchKind, count: number): string[] => Array.from({ length: count }, makers[kind])
}

/** The kinds the figures report, in the table's order, with their labels and orders. */
export const searchKinds: readonly Omit<SearchSet, 'queries'>[] = [
  { kind: 'commonWord', label: 'a common word', order: 'newest' },
  { kind: 'quotedWord', label: 'the same, "quoted" (no prefix)', order: 'newest' },
  { kind: 'rareWord', label: 'a rare word', order: 'newest' },
  { kind: 'phrase', label: 'a "two-word phrase"', order: 'newest' },
  { kind: 'fromWord', label: 'from:name word', order: 'newest' },
  { kind: 'prefix', label: 'a prefix (wor…)', order: 'newest' },
  { kind: 'relevance', label: 'a word, best first', order: 'relevance' },
]
