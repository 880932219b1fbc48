import type { ReplyQuote as Quote } from '@parley/events'
import { ReplyIcon } from './icons.tsx'

/**
 * The one line above a reply that quotes the message it answers (or says it was deleted).
 * Pressing it brings that message into view; `onJump` is absent while the reply is not sent.
 */
export function ReplyQuote({ quote, onJump }: { quote: Quote; onJump?: (seq: number) => void }) {
  const words = quote.deleted ? (
    <span className="italic">deleted message</span>
  ) : (
    <span className="min-w-0 truncate">{quote.excerpt}</span>
  )
  const content = (
    <>
      <ReplyIcon className="size-3.5 shrink-0 -scale-x-100 rotate-180 text-muted" />
      <span className="shrink-0 font-semibold text-ink-soft">{quote.username}</span>
      {words}
    </>
  )
  const shape = 'flex max-w-full min-w-0 items-center gap-1.5 text-left text-[13px] leading-5 text-muted'
  if (!onJump) return <p className={`mb-0.5 ${shape}`}>{content}</p>
  return (
    <button
      type="button"
      data-testid="reply-quote"
      onClick={() => onJump(quote.seq)}
      aria-label={`Reply to ${quote.username}: ${quote.deleted ? 'deleted message' : quote.excerpt}. Show that message`}
      className={`mb-0.5 rounded px-1 -mx-1 hover:bg-hover hover:text-ink ${shape}`}
    >
      {content}
    </button>
  )
}
