import type { SearchResult } from '@parley/events'
import { SEARCH_MAX_LENGTH } from '@parley/events/rules'

/** Newest first, or best match first. */
export type SearchOrder = 'newest' | 'relevance'

/** A search as sent: the words (trimmed) and the order. */
export interface AskedSearch {
  query: string
  order: SearchOrder
}

/**
 * The search box and what it found. Each request has an id; only the answer to the one
 * awaited (`pending`) is taken, so an answer to words typed earlier never replaces newer ones.
 */
export interface SearchState {
  /** What is in the box, as typed. */
  text: string
  order: SearchOrder
  /** The search whose results are shown (or awaited, the first time). */
  asked: AskedSearch | null
  results: SearchResult[]
  /** Ask with this for the page after the results shown; `null`: there is none. */
  nextCursor: string | null
  /** The request awaited: a first page (for new words or order) or the next page. */
  pending: { id: number; kind: 'first' | 'more' } | null
  /** Why the search could not be made, in words. */
  error: string | null
  /** The failure was the connection's (a timeout, a drop), not the words': worth asking again. */
  retryable: boolean
  /** Why the next page could not be loaded, in words. */
  moreError: string | null
}

export type SearchAction =
  | { type: 'typed'; text: string }
  | { type: 'ordered'; order: SearchOrder }
  /** A first page was asked for, under `id`. */
  | { type: 'asked'; id: number; search: AskedSearch }
  /** The next page was asked for, under `id`. */
  | { type: 'askedMore'; id: number }
  | { type: 'answered'; id: number; results: SearchResult[]; nextCursor?: string | undefined }
  | { type: 'failed'; id: number; error: string; retryable?: boolean }

export const initialSearch: SearchState = {
  text: '',
  order: 'newest',
  asked: null,
  results: [],
  nextCursor: null,
  pending: null,
  error: null,
  retryable: false,
  moreError: null,
}

/** Why the words cannot be searched for as they are, before asking the server; `null` when they can. */
export function checkSearchText(text: string): string | null {
  if (text.trim().length > SEARCH_MAX_LENGTH) return `A search has at most ${SEARCH_MAX_LENGTH} characters.`
  return null
}

/** The result's identity across pages. */
export function resultKey(result: Pick<SearchResult, 'room' | 'seq'>): string {
  return `${result.room}\u0000${result.seq}`
}

function appendNew(held: SearchResult[], page: SearchResult[]): SearchResult[] {
  const seen = new Set(held.map(resultKey))
  return [...held, ...page.filter((result) => !seen.has(resultKey(result)))]
}

/** The box is empty (or only spaces): nothing shown, nothing awaited. */
function cleared(state: SearchState, text: string): SearchState {
  return { ...initialSearch, text, order: state.order }
}

export function searchReducer(state: SearchState, action: SearchAction): SearchState {
  switch (action.type) {
    case 'typed': {
      if (action.text.trim() === '') return cleared(state, action.text)
      const error = checkSearchText(action.text)
      // Too long: say so at once, and drop any answer still on its way for the words before.
      if (error !== null) return { ...cleared(state, action.text), error }
      return { ...state, text: action.text, error: state.asked === null ? null : state.error }
    }
    case 'ordered':
      return action.order === state.order ? state : { ...state, order: action.order }
    case 'asked':
      return {
        ...state,
        asked: action.search,
        pending: { id: action.id, kind: 'first' },
        error: null,
        retryable: false,
        moreError: null,
      }
    case 'askedMore':
      if (state.nextCursor === null || state.pending !== null) return state
      return { ...state, pending: { id: action.id, kind: 'more' }, moreError: null }
    case 'answered': {
      if (state.pending?.id !== action.id) return state
      const results = state.pending.kind === 'first' ? action.results : appendNew(state.results, action.results)
      return {
        ...state,
        results,
        nextCursor: action.nextCursor ?? null,
        pending: null,
        error: null,
        retryable: false,
        moreError: null,
      }
    }
    case 'failed': {
      if (state.pending?.id !== action.id) return state
      if (state.pending.kind === 'more') return { ...state, pending: null, moreError: action.error }
      const retryable = action.retryable ?? false
      return { ...state, results: [], nextCursor: null, pending: null, error: action.error, retryable }
    }
  }
}

/**
 * The first page to ask for now: the box's words and order when they differ from the
 * search shown or awaited; `null` when there is nothing new to ask (or the words cannot be asked).
 */
export function searchToAsk(state: SearchState): AskedSearch | null {
  const query = state.text.trim()
  if (query === '' || checkSearchText(query) !== null) return null
  if (state.asked?.query === query && state.asked.order === state.order) return null
  return { query, order: state.order }
}

/** The next page to ask for: the search shown and its cursor, if there is one and nothing is awaited. */
export function moreToAsk(state: SearchState): (AskedSearch & { cursor: string }) | null {
  if (state.asked === null || state.nextCursor === null || state.pending !== null) return null
  return { ...state.asked, cursor: state.nextCursor }
}

/** Where the search stands, for what the panel shows. */
export type SearchPhase = 'idle' | 'searching' | 'failed' | 'empty' | 'found'

export function searchPhase(state: SearchState): SearchPhase {
  if (state.error !== null) return 'failed'
  if (state.asked === null) return 'idle'
  if (state.pending?.kind === 'first' && state.results.length === 0) return 'searching'
  return state.results.length === 0 ? 'empty' : 'found'
}

/**
 * What a screen reader hears when the results change (said politely); the empty string
 * while typing or waiting, so that nothing is said on every key.
 */
export function searchAnnouncement(state: SearchState): string {
  if (state.pending?.kind === 'first') return ''
  switch (searchPhase(state)) {
    case 'failed':
      return state.error ?? ''
    case 'empty':
      return 'No messages found.'
    case 'found': {
      const count = state.results.length
      const noun = count === 1 ? 'message' : 'messages'
      return state.nextCursor === null
        ? `${count} ${noun} found.`
        : `${count} ${noun} found so far; more can be loaded.`
    }
    default:
      return ''
  }
}
