/*
 * The Markdown parser: markdown-it, used only for its token stream (its HTML renderer is
 * never called). Chosen over the others on the npm registry, measured on this machine:
 * - safety: raw HTML is off and stays text; which links are made is ours to decide
 *   (`validateLink`); every rule we do not show can be switched off, so what it does not
 *   know stays the text typed; a nesting limit of its own (`maxNesting`) stops marks and
 *   blocks from nesting without end.
 * - speed: close to linear on hostile input. 10,000 nested quotes, list markers or emphasis
 *   markers parse in under half a second; micromark (mdast-util-from-markdown) took 22 s
 *   on the emphasis and 95 s on the lists, and marked and simple-markdown overflow the stack.
 * - size: about 42 kB gzip, the largest of them (micromark 25, marked 15, simple-markdown
 *   6), so it loads in a chunk of its own after the chat has painted (see useFormatter).
 * Well kept: markdown-it is CommonMark-compliant, typed, and released regularly.
 */
import MarkdownIt from 'markdown-it'
import { safeHref } from '../links.ts'
import { bareLinks } from './bare-links.ts'
import { blocksOf } from './format-tree.ts'
import type { Block } from './formatted-message.ts'

/** How deep quotes and lists, or marks within a line, may nest; deeper marks stay as typed. */
export const MAX_NESTING = 20

/**
 * The subset Parley shows: bold, italic, strikethrough, code, fenced code blocks, quotes,
 * lists and links. Headings, tables, raw HTML, indented code, rules, references and
 * character entities are off: what they would have been stays the text typed. Images are
 * parsed only to be shown as their text (so `![a](b)` is not taken for `!` and a link).
 */
const markdown = new MarkdownIt('zero', { maxNesting: MAX_NESTING })
  .enable([
    'blockquote',
    'list',
    'fence',
    'newline',
    'escape',
    'backticks',
    'emphasis',
    'strikethrough',
    'link',
    'image',
  ])
  .use(bareLinks)
// A link is made only to an http(s) address; `[x](javascript:…)` and the like stay text.
markdown.validateLink = (url) => safeHref(url) !== null

/** A message's blocks, or `null` when it nests deeper than Parley shows (then it is shown as typed). */
export function formatMessage(text: string): Block[] | null {
  return blocksOf(markdown.parse(text, {}), MAX_NESTING)
}
