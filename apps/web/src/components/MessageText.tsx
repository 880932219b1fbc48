import { memo, useMemo } from 'react'
import { mayHaveFormatting } from '../chat/model/markdown/may-have-formatting.ts'
import { formattedBlocks } from './markdown/formatted-blocks.tsx'
import { textPieces } from './markdown/text-pieces.tsx'
import { useFormatter } from './markdown/useFormatter.ts'

interface MessageTextProps {
  text: string
  /** The people whose `@name` is shown as a mention. */
  names: readonly string[]
  me: string | null
}

/**
 * A message's words. Web addresses (http and https only) become links that open in a new
 * tab without handing it this page; `@name` of someone here is marked. Markdown formatting
 * (bold, italic, strikethrough, code, code blocks, quotes, lists, links) is shown once the
 * parser's chunk has loaded, the text as typed until then; everything is made of elements
 * and text, so HTML in a message stays literal.
 */
export const MessageText = memo(function MessageText({ text, names, me }: MessageTextProps) {
  const format = useFormatter(mayHaveFormatting(text))
  const blocks = useMemo(() => format?.(text) ?? null, [format, text])
  return <>{blocks === null ? textPieces(text, names, me) : formattedBlocks(blocks, { names, me })}</>
})
