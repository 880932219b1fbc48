/**
 * A message's formatting as a tree of plain data: what a parse of its Markdown leaves once
 * everything Parley does not show is gone. Text is kept as typed; links carry an address
 * already checked to be http(s). Components turn it into elements; nothing here is HTML.
 */

/** Words and marks within a line. */
export type Inline =
  /** Words as typed (mentions and nothing else are found in them when shown). */
  | { kind: 'text'; text: string }
  | { kind: 'code'; text: string }
  | { kind: 'strong' | 'emphasis' | 'strike'; children: Inline[] }
  /** A link to `href` (http or https only); `bare` when the address itself was typed. */
  | { kind: 'link'; href: string; bare: boolean; children: Inline[] }

/** The blocks a message is made of. */
export type Block =
  | { kind: 'paragraph'; children: Inline[] }
  /** A fenced code block; `language` is the first word after the opening fence, if any. */
  | { kind: 'code'; language: string | null; text: string }
  | { kind: 'quote'; children: Block[] }
  /** A list; `start` is the first number of an ordered one. */
  | { kind: 'list'; ordered: boolean; start: number; items: Block[][] }

/** Turns a message's text into its blocks, or `null` when it is better shown as the plain text typed. */
export type FormatMessage = (text: string) => Block[] | null
