/** How many leading bytes decide whether an upload is text. */
export const TEXT_SNIFF_BYTES = 64 * 1024

export const SVG_TYPE = 'image/svg+xml'
export const HTML_TYPE = 'text/html; charset=utf-8'
export const PLAIN_TEXT_TYPE = 'text/plain; charset=utf-8'

/** Anything before an SVG's root element: a byte order mark, white space, XML declarations, comments, a doctype. */
const XML_PROLOG = /^\uFEFF?(?:\s|<\?[\s\S]*?\?>|<!--[\s\S]*?-->|<!DOCTYPE[^[>]*(?:\[[\s\S]*?\])?\s*>)*/i
const SVG_ROOT = /^<(?:[\w.-]+:)?svg[\s/>]/

/** How an HTML page starts (the WHATWG MIME sniffing standard's patterns), after white space. */
const HTML_START =
  /^\uFEFF?\s*(?:<!DOCTYPE\s+HTML|<(?:HTML|HEAD|SCRIPT|IFRAME|H1|DIV|FONT|TABLE|A|STYLE|TITLE|B|BODY|BR|P)|<!--)[\s>]/i

/**
 * The type of an upload that is text: its first bytes (`head`, up to TEXT_SNIFF_BYTES) are
 * UTF-8 without NUL. SVG and HTML are told apart from other text; undefined when not text.
 * `complete` says whether `head` is the whole file (then a character cut at its end is not text).
 */
export function textTypeOf(head: Uint8Array, complete: boolean): string | undefined {
  if (head.includes(0)) return undefined
  let text: string
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(head, { stream: !complete })
  } catch {
    return undefined
  }
  const prolog = XML_PROLOG.exec(text)?.[0] ?? ''
  if (SVG_ROOT.test(text.slice(prolog.length))) return SVG_TYPE
  if (HTML_START.test(text)) return HTML_TYPE
  return PLAIN_TEXT_TYPE
}
