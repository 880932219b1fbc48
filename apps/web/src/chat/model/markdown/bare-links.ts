import type { MarkdownIt, StateInline } from 'markdown-it'
import { messageSegments } from '../links.ts'

/** The longest address looked at; a message is far shorter. */
const MAX_ADDRESS = 4096
/** What ends an address in any case (the plain-text rule stops there too). */
const ADDRESS_END = /[\s<>"'`]/u
/** A character that continues a word: an address right after one is not an address (the `\b` of the plain-text rule). */
const WORD_CHAR = /[A-Za-z0-9_]/

/**
 * Finds bare web addresses with the same rule as plain text (`messageSegments`: http and
 * https only, the sentence's punctuation left out), while the text is parsed, so Markdown
 * marks inside an address (`a_b_`, `*`) never cut it up. Runs at the `:` of `https://`,
 * like markdown-it's own linkify rule, taking back the scheme the text rule had collected.
 */
function bareLink(state: StateInline, silent: boolean): boolean {
  const { pos, src } = state
  if (state.linkLevel > 0 || !src.startsWith('://', pos)) return false
  const scheme = /https?$/i.exec(state.pending)?.[0]
  if (scheme === undefined) return false
  const start = pos - scheme.length
  if (WORD_CHAR.test(src[start - 1] ?? '')) return false
  const rest = src.slice(start, Math.min(state.posMax, start + MAX_ADDRESS))
  const end = rest.search(ADDRESS_END)
  const first = messageSegments(end === -1 ? rest : rest.slice(0, end))[0]
  if (first?.kind !== 'link') return false
  if (!silent) {
    state.pending = state.pending.slice(0, -scheme.length)
    const open = state.push('link_open', 'a', 1)
    open.attrs = [['href', first.href]]
    open.markup = 'bare'
    const words = state.push('text', '', 0)
    words.content = first.text
    state.push('link_close', 'a', -1).markup = 'bare'
  }
  state.pos = start + first.text.length
  return true
}

/** The markdown-it plugin that makes bare http(s) addresses links (see `bareLink`). */
export function bareLinks(markdown: MarkdownIt): void {
  markdown.inline.ruler.push('bare_link', bareLink)
}
