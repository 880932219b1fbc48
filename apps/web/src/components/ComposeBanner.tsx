import type { ReplyQuote } from '@parley/events'
import { CloseIcon, PencilIcon, ReplyIcon } from './icons.tsx'

type ComposeBannerProps = { kind: 'reply'; quote: ReplyQuote; onCancel(): void } | { kind: 'edit'; onCancel(): void }

/**
 * The line above the composer that says what the text becomes: a reply to a message (with
 * its quote), or the new text of our message being edited. Its button (or Escape in the
 * composer) goes back to writing a plain message.
 */
export function ComposeBanner(props: ComposeBannerProps) {
  const label = props.kind === 'reply' ? 'Cancel reply' : 'Cancel editing'
  return (
    <div
      data-testid={props.kind === 'reply' ? 'replying-to' : 'editing-banner'}
      className="flex items-center gap-2 rounded-t-xl border-b border-line bg-sunken/70 py-1 pr-1 pl-3.5 text-[13px]"
    >
      {props.kind === 'reply' ? (
        <>
          <ReplyIcon className="size-3.5 shrink-0 text-muted" />
          <p className="min-w-0 flex-1 truncate text-muted">
            Replying to <span className="font-semibold text-ink-soft">{props.quote.username}</span>
            {': '}
            {props.quote.deleted ? <span className="italic">deleted message</span> : props.quote.excerpt}
          </p>
        </>
      ) : (
        <>
          <PencilIcon className="size-3.5 shrink-0 text-muted" />
          <p className="min-w-0 flex-1 truncate text-muted">
            <span className="font-semibold text-ink-soft">Editing your message</span>
            <span className="hidden sm:inline">
              {' · '}
              <kbd className="font-sans">Enter</kbd> to save, <kbd className="font-sans">Esc</kbd> to cancel
            </span>
          </p>
        </>
      )}
      <button
        type="button"
        aria-label={label}
        title={label}
        onClick={props.onCancel}
        className="inline-flex size-7 shrink-0 items-center justify-center rounded-md text-muted transition hover:bg-hover hover:text-ink"
      >
        <CloseIcon className="size-3.5" />
      </button>
    </div>
  )
}
