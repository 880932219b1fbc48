import { Fragment, type ReactNode } from 'react'
import { messageSegments } from '../../chat/model/links.ts'

/** How a link in a message looks. */
export const LINK_CLASS =
  'font-medium text-accent-ink underline decoration-accent-400/60 underline-offset-2 hover:decoration-current'

/**
 * Words as typed, with their web addresses (http and https only) as links that open in a new
 * tab without handing it this page, and the `@name` of someone here marked. React writes it
 * all as text, so markup in it stays literal. A function, not a component: it renders within
 * the message that shows it.
 */
export function textPieces(text: string, names: readonly string[], me: string | null, key = ''): ReactNode[] {
  return messageSegments(text, names, me).map((segment, index) => {
    const id = `${key}${index}-${segment.kind}`
    if (segment.kind === 'link') {
      return (
        <a key={id} href={segment.href} target="_blank" rel="noopener noreferrer" className={LINK_CLASS}>
          {segment.text}
        </a>
      )
    }
    if (segment.kind === 'mention') {
      return (
        <span
          key={id}
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
    return <Fragment key={id}>{segment.text}</Fragment>
  })
}
