import type { SearchTerm } from './search-query.ts'
import { foldWord, WORD } from './search-query.ts'

export interface SnippetPart {
  text: string
  hit?: boolean
}

/** How much text a snippet shows around its first hit, in characters, on each side. */
const CONTEXT = 60

/** Whether a folded word is one the search asked for. */
function matches(word: string, terms: readonly SearchTerm[]): boolean {
  return terms.some((term) =>
    term.words.some((wanted, index) =>
      term.prefix && index === term.words.length - 1 ? word.startsWith(wanted) : word === wanted,
    ),
  )
}

/**
 * The text around a message's first match, cut at word edges, in parts whose matching
 * words are marked: for the client to show as text, with the hits highlighted.
 */
export function snippetOf(body: string, terms: readonly SearchTerm[]): SnippetPart[] {
  const hits: { start: number; end: number }[] = []
  for (const match of body.matchAll(WORD)) {
    if (matches(foldWord(match[0]), terms)) hits.push({ start: match.index, end: match.index + match[0].length })
  }
  const first = hits[0]
  let from = first ? Math.max(0, first.start - CONTEXT) : 0
  let to = first ? Math.min(body.length, first.end + CONTEXT * 2) : Math.min(body.length, CONTEXT * 3)
  // Cut at spaces, so no word is shown in half.
  if (from > 0) from = body.indexOf(' ', from) + 1 || from
  if (to < body.length) to = body.lastIndexOf(' ', to) > (first?.end ?? 0) ? body.lastIndexOf(' ', to) : to
  const parts: SnippetPart[] = []
  let at = from
  for (const hit of hits) {
    if (hit.start < from || hit.end > to) continue
    if (hit.start > at) parts.push({ text: body.slice(at, hit.start) })
    parts.push({ text: body.slice(hit.start, hit.end), hit: true })
    at = hit.end
  }
  if (at < to) parts.push({ text: body.slice(at, to) })
  if (from > 0) parts.unshift({ text: '…' })
  if (to < body.length) parts.push({ text: '…' })
  return parts
}
