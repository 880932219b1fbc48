/** A character that starts a mark, a code span or fence, a link or an escape; or a line break. */
const MARK = /[*_~`[\\\n]/u
/** A start of the text that makes it a quote or a list item. */
const BLOCK_START = /^ {0,3}(?:>|[-+*](?:[ \t]|$)|\d{1,9}[.)](?:[ \t]|$))/u

/**
 * False when formatting cannot change how `text` looks, so it is shown as typed without
 * parsing: one line, and nothing in it starts a mark, a code span, a link, a quote or a
 * list. (Every text of several lines is parsed, so paragraphs look the same in all of them.)
 */
export function mayHaveFormatting(text: string): boolean {
  return MARK.test(text) || BLOCK_START.test(text)
}
