import { Fragment, memo } from 'react'
import { messageSegments } from '../chat/model/links.ts'

interface MessageTextProps {
  text: string
  /** The people whose `@name` is shown as a mention. */
  names: readonly string[]
  me: string | null
}

/**
 * A message's words. Web addresses (http and https only) become links that open in a new
 * tab without handing it this page; `@name` of someone here is marked. Everything else is
 * text: React writes it as text, so markup in a message stays literal.
 */
export const MessageText = memo(function MessageText({ text, names, me }: MessageTextProps) {
  const segments = messageSegments(text, names, me)
  return (
    <>
      {segments.map((segment, index) => {
        const key = `${index}-${segment.kind}`
        if (segment.kind === 'link') {
          return (
            <a
              key={key}
              href={segment.href}
              target="_blank"
              rel="noopener noreferrer"
              className="font-medium text-accent-ink underline decoration-accent-400/60 underline-offset-2 hover:decoration-current"
            >
              {segment.text}
            </a>
          )
        }
        if (segment.kind === 'mention') {
          return (
            <span
              key={key}
              data-mention={segment.me ? 'me' : 'other'}
              className={`rounded px-0.5 font-semibold ${
                segment.me
                  ? 'bg-amber-100 text-amber-900 dark:bg-amber-400/20 dark:text-amber-200'
                  : 'bg-accent-50 text-accent-800 dark:bg-accent-400/15 dark:text-accent-200'
              }`}
            >
              {segment.text}
            </span>
          )
        }
        return <Fragment key={key}>{segment.text}</Fragment>
      })}
    </>
  )
})
