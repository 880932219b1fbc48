import type { ReactNode } from 'react'
import type { Block, Inline } from '../../chat/model/markdown/formatted-message.ts'
import { LINK_CLASS, textPieces } from './text-pieces.tsx'

/** Who is shown as mentioned, and who we are. */
interface Mentions {
  names: readonly string[]
  me: string | null
}

/**
 * A formatted message as elements, from the tree `formatMessage` made (see
 * chat/model/markdown): only elements and text, never HTML. Functions, not components, so a
 * message renders as one component whatever its formatting. The tree's depth is capped
 * where it is made, so the recursion here is shallow.
 */
export function formattedBlocks(blocks: readonly Block[], mentions: Mentions): ReactNode {
  return blockList(blocks, mentions, '')
}

/** Blocks in a row; a lone paragraph is just its words, so it flows like a plain message. */
function blockList(blocks: readonly Block[], mentions: Mentions, key: string): ReactNode {
  const [first] = blocks
  if (blocks.length === 1 && first?.kind === 'paragraph') return inlines(first.children, mentions, false, key)
  return blocks.map((block, index) => oneBlock(block, mentions, `${key}${index}.`))
}

/** Space above a block that follows another. */
const GAP = '[&:not(:first-child)]:mt-1.5'

function oneBlock(block: Block, mentions: Mentions, key: string): ReactNode {
  switch (block.kind) {
    case 'paragraph':
      return (
        <p key={key} className={GAP}>
          {inlines(block.children, mentions, false, key)}
        </p>
      )
    case 'code':
      return (
        <div
          key={key}
          data-testid="code-block"
          className={`${GAP} my-1 overflow-hidden rounded-lg border border-line bg-sunken text-ink`}
        >
          {block.language !== null && (
            <div className="border-b border-line px-3 py-0.5 font-sans text-xs text-muted">{block.language}</div>
          )}
          <pre
            // biome-ignore lint/a11y/noNoninteractiveTabindex: a keyboard must reach it to scroll a line longer than the screen
            tabIndex={0}
            className="overflow-x-auto px-3 py-2 text-[13px] leading-5 whitespace-pre [overflow-wrap:normal] focus-visible:outline-offset-[-2px]"
          >
            <code className="font-mono">{block.text}</code>
          </pre>
        </div>
      )
    case 'quote':
      return (
        <blockquote key={key} className={`${GAP} border-l-[3px] border-line-strong pl-3 text-ink-soft`}>
          {blockList(block.children, mentions, key)}
        </blockquote>
      )
    case 'list': {
      const items = block.items.map((item, index) => {
        const id = `${key}${index}.`
        return (
          <li key={id} className="pl-0.5 [&:not(:first-child)]:mt-0.5">
            {blockList(item, mentions, id)}
          </li>
        )
      })
      return block.ordered ? (
        <ol key={key} start={block.start === 1 ? undefined : block.start} className={`${GAP} list-decimal pl-7`}>
          {items}
        </ol>
      ) : (
        <ul key={key} className={`${GAP} list-disc pl-6 marker:text-muted`}>
          {items}
        </ul>
      )
    }
  }
}

/** Words and marks; inside a link, words are only words (a link holds no link or mention). */
function inlines(nodes: readonly Inline[], mentions: Mentions, inLink: boolean, key: string): ReactNode[] {
  return nodes.map((node, index) => oneInline(node, mentions, inLink, `${key}${index}`))
}

function oneInline(node: Inline, mentions: Mentions, inLink: boolean, key: string): ReactNode {
  switch (node.kind) {
    case 'text':
      return inLink ? node.text : textPieces(node.text, mentions.names, mentions.me, `${key}:`)
    case 'code':
      return (
        <code key={key} className="rounded bg-sunken px-1 py-px font-mono text-[0.875em] text-ink box-decoration-clone">
          {node.text}
        </code>
      )
    case 'strong':
      return (
        <strong key={key} className="font-semibold">
          {inlines(node.children, mentions, inLink, `${key}.`)}
        </strong>
      )
    case 'emphasis':
      return <em key={key}>{inlines(node.children, mentions, inLink, `${key}.`)}</em>
    case 'strike':
      return <s key={key}>{inlines(node.children, mentions, inLink, `${key}.`)}</s>
    case 'link':
      return (
        <a key={key} href={node.href} target="_blank" rel="noopener noreferrer" className={LINK_CLASS}>
          {inlines(node.children, mentions, true, `${key}.`)}
        </a>
      )
  }
}
