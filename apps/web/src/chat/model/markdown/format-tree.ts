import type { Token } from 'markdown-it'
import { safeHref } from '../links.ts'
import type { Block, Inline } from './formatted-message.ts'

/** Where the next block goes: the message itself, a quote, or a list item. */
type BlockHolder = { kind: 'blocks'; blocks: Block[] } | { kind: 'list'; items: Block[][] }

/**
 * Where the next inline goes: the line itself, or a mark or link still open. A mark too deep
 * to show writes into its parent's children, and its markup as words (`kept`).
 */
type InlineHolder = { children: Inline[]; closes: string | null; kept: string | null }

/** How deep marks may nest within a line; deeper ones are shown as the characters typed. */
export const MAX_MARK_DEPTH = 10

const MARKS: Record<string, { kind: 'strong' | 'emphasis' | 'strike'; closes: string }> = {
  strong_open: { kind: 'strong', closes: 'strong_close' },
  em_open: { kind: 'emphasis', closes: 'em_close' },
  s_open: { kind: 'strike', closes: 's_close' },
}

/** Appends words, joining them to the words before (so a mention split by a line break still reads whole). */
function addText(into: Inline[], text: string): void {
  if (text === '') return
  const last = into.at(-1)
  if (last?.kind === 'text') last.text += text
  else into.push({ kind: 'text', text })
}

/**
 * The inline tokens of one line as a tree, marks at most `MAX_MARK_DEPTH` deep. Built with a
 * stack, never by recursion, so the depth of the input costs no call stack.
 */
export function inlinesOf(tokens: readonly Token[]): Inline[] {
  const line: Inline[] = []
  const open: InlineHolder[] = [{ children: line, closes: null, kept: null }]
  let depth = 0
  for (const token of tokens) {
    const holder = open.at(-1) ?? { children: line, closes: null, kept: null }
    const mark = MARKS[token.type]
    if (mark && depth >= MAX_MARK_DEPTH) {
      addText(holder.children, token.markup)
      open.push({ children: holder.children, closes: mark.closes, kept: token.markup })
    } else if (mark) {
      const node: Inline = { kind: mark.kind, children: [] }
      holder.children.push(node)
      open.push({ children: node.children, closes: mark.closes, kept: null })
      depth += 1
    } else if (token.type === 'link_open') {
      const href = safeHref(String(token.attrGet('href') ?? ''))
      if (href === null) {
        // Never made (the parser only accepts http and https), but if it were: its words, no link.
        open.push({ children: holder.children, closes: 'link_close', kept: '' })
      } else {
        const node: Inline = { kind: 'link', href, bare: token.markup === 'bare', children: [] }
        holder.children.push(node)
        open.push({ children: node.children, closes: 'link_close', kept: null })
        depth += 1
      }
    } else if (token.nesting === -1) {
      if (open.length === 1 || holder.closes !== token.type) continue
      open.pop()
      if (holder.kept === null) depth -= 1
      else addText(holder.children, holder.kept)
    } else if (token.type === 'code_inline') {
      holder.children.push({ kind: 'code', text: token.content })
    } else if (token.type === 'image') {
      addText(holder.children, `![${token.content}](${String(token.attrGet('src') ?? '')})`)
    } else if (token.type === 'softbreak' || token.type === 'hardbreak') {
      addText(holder.children, '\n')
    } else {
      addText(holder.children, token.content)
    }
  }
  return line
}

/** The language named after a fence: its first word, if it is a short plain one. */
function languageOf(info: string): string | null {
  const word = info.trim().split(/\s+/u, 1)[0] ?? ''
  return /^[\w#+.-]{1,30}$/u.test(word) ? word : null
}

/**
 * The block tokens of a message as a tree of blocks, or `null` when they reach `maxNesting`
 * (markdown-it drops what lies deeper than its limit: the whole message is then better
 * shown as typed). Built with a stack, never by recursion.
 */
export function blocksOf(tokens: readonly Token[], maxNesting: number): Block[] | null {
  if (tokens.some((token) => token.level >= maxNesting - 1)) return null
  const message: Block[] = []
  const open: BlockHolder[] = [{ kind: 'blocks', blocks: message }]
  const add = (block: Block) => {
    const holder = open.at(-1)
    if (holder?.kind === 'blocks') holder.blocks.push(block)
  }
  for (const token of tokens) {
    switch (token.type) {
      case 'blockquote_open': {
        const quote: Block = { kind: 'quote', children: [] }
        add(quote)
        open.push({ kind: 'blocks', blocks: quote.children })
        break
      }
      case 'bullet_list_open':
      case 'ordered_list_open': {
        const ordered = token.type === 'ordered_list_open'
        const start = ordered ? Number(token.attrGet('start') ?? 1) : 1
        const list: Block = { kind: 'list', ordered, start: Number.isSafeInteger(start) ? start : 1, items: [] }
        add(list)
        open.push({ kind: 'list', items: list.items })
        break
      }
      case 'list_item_open': {
        const holder = open.at(-1)
        const item: Block[] = []
        if (holder?.kind === 'list') holder.items.push(item)
        open.push({ kind: 'blocks', blocks: item })
        break
      }
      case 'blockquote_close':
      case 'bullet_list_close':
      case 'ordered_list_close':
      case 'list_item_close':
        if (open.length > 1) open.pop()
        break
      case 'inline':
        add({ kind: 'paragraph', children: inlinesOf(token.children ?? []) })
        break
      case 'fence':
        add({ kind: 'code', language: languageOf(token.info), text: token.content.replace(/\n$/u, '') })
        break
      default:
        // paragraph_open and _close frame an inline token; any other block keeps its words.
        if (token.nesting === 0 && token.content !== '')
          add({ kind: 'paragraph', children: [{ kind: 'text', text: token.content }] })
    }
  }
  return message
}
