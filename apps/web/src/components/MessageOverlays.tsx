import { memo } from 'react'
import { useChatActions, useChatSelector } from '../chat/context.ts'
import { viewOf } from '../chat/model/pending-changes.ts'
import { messageAt } from '../chat/model/timeline.ts'
import { DeleteDialog } from './DeleteDialog.tsx'
import { ReactionPicker } from './ReactionPicker.tsx'
import type { JumpState } from './useMessageControls.ts'

const NO_CHANGES: never[] = []

/** A message of `room` as held, and our changes to the room's messages, while `seq` names one. */
function useHeld(room: string, seq: number | null) {
  const message = useChatSelector((state) => {
    const timeline = state.timelines[room]
    return seq === null || !timeline ? undefined : messageAt(timeline, seq)
  })
  const changes = useChatSelector((state) =>
    seq === null ? NO_CHANGES : (state.timelines[room]?.changes ?? NO_CHANGES),
  )
  const me = useChatSelector((state) => state.username)
  return message && viewOf(message, changes, me)
}

interface MessageOverlaysProps {
  room: string
  picker: { seq: number; anchor: HTMLElement } | null
  deleting: number | null
  jump: JumpState | null
  onClosePicker(): void
  onCloseDelete(): void
  onDismissJump(): void
}

/**
 * What opens over the message pane: the emoji picker of one message, the question before
 * deleting one, and how a jump to a message not loaded yet is going (said to screen
 * readers too). It reads the one message it is about, so new messages do not redraw it.
 */
export const MessageOverlays = memo(function MessageOverlays({
  room,
  picker,
  deleting,
  jump,
  onClosePicker,
  onCloseDelete,
  onDismissJump,
}: MessageOverlaysProps) {
  const { toggleReaction, deleteMessage, setEditing } = useChatActions()
  const picked = useHeld(room, picker?.seq ?? null)
  const doomed = useHeld(room, deleting)

  return (
    <>
      {picker && picked && !picked.deleted && (
        <ReactionPicker
          anchor={picker.anchor}
          reactions={picked.reactions}
          onPick={(emoji) => toggleReaction(room, picker.seq, emoji)}
          onClose={onClosePicker}
        />
      )}
      {deleting !== null && doomed && !doomed.deleted && (
        <DeleteDialog
          text={doomed.text}
          onConfirm={() => {
            setEditing(room, null)
            deleteMessage(room, deleting)
            onCloseDelete()
          }}
          onCancel={onCloseDelete}
        />
      )}
      <div role="status" className="pointer-events-none absolute inset-x-0 top-2 z-20 flex justify-center px-4">
        {jump && (
          <span className="pointer-events-auto inline-flex max-w-full items-center gap-2 rounded-full border border-line bg-raised px-3 py-1 text-xs font-medium text-ink-soft shadow-md">
            {jump.state === 'loading' ? (
              <>
                <span
                  aria-hidden="true"
                  className="size-3 shrink-0 animate-spin rounded-full border-2 border-line border-t-muted motion-reduce:animate-none"
                />
                Loading the message…
              </>
            ) : (
              <>
                <span className="min-w-0 truncate text-rose-700 dark:text-rose-300">{jump.error}</span>
                <button
                  type="button"
                  onClick={onDismissJump}
                  className="shrink-0 rounded px-1.5 font-semibold text-muted hover:bg-hover hover:text-ink"
                >
                  Dismiss
                </button>
              </>
            )}
          </span>
        )}
      </div>
    </>
  )
})
