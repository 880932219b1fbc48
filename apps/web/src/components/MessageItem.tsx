import { type MouseEvent, memo } from 'react'
import { formatFullDateTime } from '../chat/model/format.ts'
import type { Row } from '../chat/model/rows.ts'
import { Avatar } from './Avatar.tsx'
import { ChangeNotes } from './ChangeNotes.tsx'
import { MessageActions } from './MessageActions.tsx'
import { MessageFiles } from './MessageFiles.tsx'
import { MessageText } from './MessageText.tsx'
import type { MessageHandlers } from './message-handlers.ts'
import { sameLine } from './message-handlers.ts'
import { Reactions } from './Reactions.tsx'
import { ReplyQuote } from './ReplyQuote.tsx'
import { Time } from './Time.tsx'

type MessageRow = Extract<Row, { kind: 'message' }>

interface MessageItemProps {
  row: MessageRow
  own: boolean
  names: readonly string[]
  me: string | null
  /** We may edit it now (ours, within the edit window). */
  canEdit: boolean
  /** We may delete anyone's message (the room's owner, a moderator, the operator). */
  canDeleteAny: boolean
  /** Its actions show without hover (it was tapped). */
  selected: boolean
  /** Just jumped to: marked for a moment. */
  highlighted: boolean
  handlers: MessageHandlers
}

/**
 * A tap on the message itself (not on one of its links or buttons) on a touch screen, where
 * nothing hovers: it shows or hides the message's actions. A mouse has hover for that.
 */
function isTapOnBackground(event: MouseEvent<HTMLElement>): boolean {
  if (!(event.target instanceof Element) || event.target.closest('a, button, input, [role="tooltip"]') !== null) {
    return false
  }
  const pointer = 'pointerType' in event.nativeEvent ? event.nativeEvent.pointerType : undefined
  return pointer === 'touch' || pointer === 'pen' || (!pointer && window.matchMedia('(hover: none)').matches)
}

/**
 * One message. The first of a group (same author, same minute) shows the picture, name and
 * time; the rest show their time on hover, and keep the name for screen readers. Our own
 * messages show as pending until stored, or failed with the reason and Retry. A stored one
 * has its actions (react, reply, for ours edit, for ours or with the room's rights delete) on hover, focus or a tap, the
 * message it replies to above it, "(edited)" after an edited text, its reactions below, and
 * a "message deleted" marker in its place once deleted. Its files show below its text.
 */
export const MessageItem = memo(function MessageItem({
  row,
  own,
  names,
  me,
  canEdit,
  canDeleteAny,
  selected,
  highlighted,
  handlers,
}: MessageItemProps) {
  const { item, continued, mentionsMe } = row
  const { status, clientId, seq } = item
  const tone =
    status === 'failed'
      ? 'border-rose-400 bg-rose-50/70 dark:border-rose-500 dark:bg-rose-950/40'
      : highlighted
        ? 'border-amber-400 bg-amber-100/80 dark:border-amber-400 dark:bg-amber-400/15'
        : mentionsMe
          ? 'border-amber-400 bg-amber-50/80 dark:border-amber-400 dark:bg-amber-400/10'
          : own
            ? 'border-accent-400/70 hover:bg-hover/60'
            : 'border-transparent hover:bg-hover/60'
  const stored = seq !== null && status === 'sent'
  const actionable = stored && !item.deleted

  return (
    // biome-ignore lint/a11y/noStaticElementInteractions: a tap shows the actions on touch screens; keyboards reach them by Tab
    // biome-ignore lint/a11y/useKeyWithClickEvents: the same
    <div
      onClick={(event) => {
        if (actionable && isTapOnBackground(event)) handlers.select(seq)
      }}
      data-highlighted={highlighted || undefined}
      className={`group relative flex gap-3 border-l-2 px-4 transition-colors duration-500 sm:px-6 ${continued ? 'py-0.5' : 'pt-2 pb-0.5'} ${tone}`}
    >
      {continued ? (
        <div className="flex w-9 shrink-0 justify-end pt-1">
          <Time
            timestamp={item.timestamp}
            className="text-[11px] leading-4 whitespace-nowrap text-muted tabular-nums opacity-0 group-hover:opacity-100 group-focus-within:opacity-100"
          />
        </div>
      ) : (
        <Avatar name={item.username} />
      )}
      <div className={`min-w-0 flex-1 ${status === 'pending' ? 'opacity-60' : ''}`}>
        <div className={continued ? 'sr-only' : 'flex min-w-0 items-baseline gap-2'}>
          <span
            data-testid="message-author"
            className={`truncate text-sm font-semibold ${own ? 'text-accent-ink' : 'text-ink'}`}
          >
            {item.username}
          </span>
          {!continued && <Time timestamp={item.timestamp} className="shrink-0 text-xs text-muted tabular-nums" />}
        </div>
        {status === 'pending' && (
          <span className="float-right ml-2 inline-flex items-center gap-1 text-xs text-muted">
            <span
              aria-hidden="true"
              className="size-2.5 animate-spin rounded-full border-[1.5px] border-line-strong border-t-muted motion-reduce:animate-none"
            />
            Sending…
          </span>
        )}
        {item.replyTo && <ReplyQuote quote={item.replyTo} onJump={stored ? handlers.jump : undefined} />}
        {item.deleted ? (
          <p data-testid="message-text" data-deleted="" className="text-sm leading-6 text-muted italic">
            message deleted
          </p>
        ) : (
          <div className="text-[15px] leading-6 break-words whitespace-pre-wrap text-ink [overflow-wrap:anywhere]">
            <div data-testid="message-text" className="inline">
              <MessageText text={item.message} names={names} me={me} />
            </div>
            {item.editedAt !== null && (
              <time
                data-testid="message-edited"
                dateTime={new Date(item.editedAt).toISOString()}
                title={`Edited ${formatFullDateTime(item.editedAt)}`}
                className="ml-1.5 text-xs whitespace-nowrap text-muted"
              >
                (edited)
              </time>
            )}
          </div>
        )}
        {!item.deleted && <MessageFiles files={item.files} />}
        {actionable && (
          <Reactions
            reactions={item.reactions}
            me={me}
            onToggle={(emoji) => handlers.toggleReaction(seq, emoji)}
            onAdd={(anchor) => handlers.openPicker(seq, anchor)}
          />
        )}
        {status === 'failed' && (
          <div className="mt-1 mb-1 flex flex-wrap items-center gap-x-3 gap-y-1">
            <p className="text-sm text-rose-700 dark:text-rose-300">
              Not sent: {item.error ?? 'The message could not be sent.'}
            </p>
            {clientId !== null && (
              <button
                type="button"
                onClick={() => handlers.retry(clientId)}
                className="rounded-md border border-rose-300 bg-surface px-2 py-0.5 text-xs font-semibold text-rose-700 transition hover:bg-rose-100 dark:border-rose-700 dark:text-rose-300 dark:hover:bg-rose-950"
              >
                Retry
              </button>
            )}
          </div>
        )}
        <ChangeNotes changes={item.changes} onRetry={handlers.retryChange} onDismiss={handlers.dismissChange} />
      </div>
      {actionable && (
        <MessageActions
          author={item.username}
          canEdit={canEdit}
          canDelete={own || canDeleteAny}
          shown={selected}
          onReact={(anchor) => handlers.openPicker(seq, anchor)}
          onReply={() => handlers.reply(seq)}
          onEdit={() => handlers.edit(seq)}
          onDelete={() => handlers.askDelete(seq)}
        />
      )}
    </div>
  )
}, sameMessage)

function sameMessage(before: MessageItemProps, after: MessageItemProps): boolean {
  if (before.own !== after.own || before.handlers !== after.handlers || before.me !== after.me) return false
  if (before.names !== after.names || before.canEdit !== after.canEdit) return false
  if (before.canDeleteAny !== after.canDeleteAny) return false
  if (before.selected !== after.selected || before.highlighted !== after.highlighted) return false
  const a = before.row
  const b = after.row
  if (a === b) return true
  return a.key === b.key && a.continued === b.continued && a.mentionsMe === b.mentionsMe && sameLine(a.item, b.item)
}
