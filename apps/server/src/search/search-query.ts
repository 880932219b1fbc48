import { foldRoomName, usernameKey } from '@parley/events/rules'

/** One thing to find: a word (or the start of one), or words side by side. */
export interface SearchTerm {
  /** The words, lower case and without accents: one for a word, several for a phrase. */
  words: string[]
  /** The last word may be the start of a longer one (the last word typed). */
  prefix: boolean
}

/** A search as the stores run it: every term must match, and every filter hold. */
export interface SearchQuery {
  terms: SearchTerm[]
  /** `from:` the author's name key. */
  from?: string
  /** `in:` the room. */
  room?: string
  /** `before:` and `after:` as times in ms: the day before starts, the day after ends. */
  before?: number
  after?: number
}

export type ParsedSearch = { ok: true; query: SearchQuery } | { ok: false; problem: string }

const FILTERS = new Set(['from', 'in', 'before', 'after'])
const DAY = /^(\d{4})-(\d{2})-(\d{2})$/
/** What the index counts as a word: letters and digits (FTS5's unicode61, PostgreSQL's simple parser). */
export const WORD = /[\p{L}\p{N}]+/gu

/** Lower case, without accents: how words are compared. */
export function foldWord(text: string): string {
  return text.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase()
}

/** The words of a text, folded. */
export function wordsOf(text: string): string[] {
  return foldWord(text).match(WORD) ?? []
}

type Piece = { kind: 'filter'; name: string; value: string } | { kind: 'phrase' | 'words'; text: string }

/**
 * Splits a search into pieces: `name:value` filters (the value may be "quoted"), "quoted
 * phrases" (an unclosed quote runs to the end) and the rest, by spaces.
 */
function pieces(text: string): Piece[] {
  const out: Piece[] = []
  const pattern = /(?<name>[a-z]+):(?:"(?<quoted>[^"]*)"?|(?<value>\S*))|"(?<phrase>[^"]*)"?|(?<words>\S+)/giu
  for (const { groups = {} } of text.matchAll(pattern)) {
    const name = groups.name?.toLowerCase()
    if (name && FILTERS.has(name)) out.push({ kind: 'filter', name, value: groups.quoted ?? groups.value ?? '' })
    else if (name) out.push({ kind: 'words', text: `${groups.name}:${groups.quoted ?? groups.value ?? ''}` })
    else if (groups.phrase !== undefined) out.push({ kind: 'phrase', text: groups.phrase })
    else out.push({ kind: 'words', text: groups.words ?? '' })
  }
  return out
}

/** A `YYYY-MM-DD` day's start in UTC, in ms; undefined when it is no such day. */
function dayStart(text: string): number | undefined {
  const match = DAY.exec(text)
  if (!match) return undefined
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])]
  const time = Date.UTC(year, month - 1, day)
  const date = new Date(time)
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day
    ? time
    : undefined
}

const DAY_MS = 86_400_000
/** The shortest last word also matched as the start of longer ones. */
const PREFIX_MIN_LENGTH = 4

/**
 * Reads a search as a person types it: words, "exact phrases", `from:name`, `in:room`
 * (or `in:#room`), `before:YYYY-MM-DD` and `after:YYYY-MM-DD` (both days excluded). The
 * last word also matches longer words that start with it. Characters other than letters
 * and digits separate words, so nothing typed reaches the index's own query syntax.
 */
export function parseSearch(text: string): ParsedSearch {
  const query: SearchQuery = { terms: [] }
  const all = pieces(text)
  let typing = false
  for (const [index, piece] of all.entries()) {
    if (piece.kind === 'filter') {
      const { name, value } = piece
      if (value === '') return { ok: false, problem: `Say what ${name}: is, as in ${name}:${example(name)}` }
      if (name === 'from') query.from = usernameKey(value)
      else if (name === 'in') query.room = foldRoomName(value.replace(/^#/, ''))
      else {
        const start = dayStart(value)
        if (start === undefined) return { ok: false, problem: `${name}: wants a day like ${name}:2026-11-30` }
        if (name === 'before') query.before = start
        else query.after = start + DAY_MS
      }
      continue
    }
    const words = wordsOf(piece.text)
    if (words.length === 0) continue
    if (piece.kind === 'phrase') query.terms.push({ words, prefix: false })
    else for (const word of words) query.terms.push({ words: [word], prefix: false })
    typing = piece.kind === 'words' && index === all.length - 1 && /[\p{L}\p{N}]$/u.test(text)
  }
  // Still typing the last word: it may be the start of a longer one, once it is long
  // enough to say which (a short start such as "th" matches so many words that the
  // index would merge thousands of lists; the word itself is found at once).
  const last = query.terms.at(-1)
  if (last && typing && [...(last.words[0] ?? '')].length >= PREFIX_MIN_LENGTH) last.prefix = true
  if (query.terms.length === 0) return { ok: false, problem: 'Type a word to search for' }
  if (query.before !== undefined && query.after !== undefined && query.after >= query.before) {
    return { ok: false, problem: 'after: must be a day before before:' }
  }
  return { ok: true, query }
}

function example(filter: string): string {
  if (filter === 'from') return 'alice'
  if (filter === 'in') return 'general'
  return '2026-11-30'
}
