import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react'
import { useChatActions } from '../chat/context.ts'
import { describeError } from '../chat/model/errors.ts'
import { COMPOSER_SELECTOR } from './Composer.tsx'
import type { MessageHandlers } from './message-handlers.ts'

/** How long a message jumped to stays marked. */
const HIGHLIGHT_MS = 2_500

/** A request from outside the pane (a search result) to show the message at `seq`; each has its own `id`. */
export interface JumpRequest {
  room: string
  seq: number
  id: number
}

/** A jump to a message that is not held yet: loading it, or why it could not be. */
export type JumpState = { seq: number; state: 'loading' } | { seq: number; state: 'failed'; error: string }

function focusComposer() {
  requestAnimationFrame(() => document.querySelector<HTMLTextAreaElement>(COMPOSER_SELECTOR)?.focus())
}

/** Puts the focus on the row of the message at `seq` once it is drawn (a few frames at most). */
function focusMessage(seq: number, framesLeft = 10) {
  requestAnimationFrame(() => {
    const row = document.querySelector<HTMLElement>(`li[data-seq="${seq}"]`)
    if (row) {
      row.tabIndex = -1
      row.focus({ preventScroll: true })
    } else if (framesLeft > 0) focusMessage(seq, framesLeft - 1)
  })
}

/**
 * The message pane's controls on its messages: which one is tapped (its actions show),
 * which one was jumped to (marked for a moment), the emoji picker, the question before
 * deleting, and jumps to the message a reply quotes, loading it first if need be.
 * `scrollTo` brings a message among the pane's rows into view, and says whether it could.
 * A `request` from outside is jumped to once, when the room's timeline is `ready`.
 */
export function useMessageControls(
  room: string,
  scrollTo: (seq: number) => boolean,
  request: JumpRequest | null = null,
  ready = true,
) {
  const actions = useChatActions()
  const [selected, setSelected] = useState<number | null>(null)
  const [highlighted, setHighlighted] = useState<number | null>(null)
  const [picker, setPicker] = useState<{ seq: number; anchor: HTMLElement } | null>(null)
  const [deleting, setDeleting] = useState<number | null>(null)
  const [jump, setJump] = useState<JumpState | null>(null)
  const [scrollTarget, setScrollTarget] = useState<number | null>(null)

  const jumpTo = useCallback(
    async (seq: number) => {
      setJump({ seq, state: 'loading' })
      try {
        await actions.reach(room, seq)
      } catch (error) {
        setJump({ seq, state: 'failed', error: describeError(error) })
        return
      }
      setJump(null)
      setScrollTarget(seq)
    },
    [actions, room],
  )

  const requestTaken = useRef<number | null>(null)
  useEffect(() => {
    if (request === null || !ready || requestTaken.current === request.id) return
    requestTaken.current = request.id
    void jumpTo(request.seq)
  }, [request, ready, jumpTo])

  // Once the message is among the rows (at once if it was held), bring it into view and mark it.
  useLayoutEffect(() => {
    if (scrollTarget === null || !scrollTo(scrollTarget)) return
    setScrollTarget(null)
    setHighlighted(scrollTarget)
    focusMessage(scrollTarget)
  }, [scrollTarget, scrollTo])

  useEffect(() => {
    if (highlighted === null) return
    const timer = setTimeout(() => setHighlighted(null), HIGHLIGHT_MS)
    return () => clearTimeout(timer)
  }, [highlighted])

  const handlers = useMemo<MessageHandlers>(
    () => ({
      retry: (clientId) => actions.retry(room, clientId),
      reply: (seq) => {
        actions.setEditing(room, null)
        actions.setReplyTo(room, seq)
        focusComposer()
      },
      edit: (seq) => {
        actions.setEditing(room, seq)
        focusComposer()
      },
      askDelete: setDeleting,
      toggleReaction: (seq, emoji) => actions.toggleReaction(room, seq, emoji),
      openPicker: (seq, anchor) => setPicker({ seq, anchor }),
      jump: (seq) => void jumpTo(seq),
      select: (seq) => setSelected((current) => (current === seq ? null : seq)),
      retryChange: (clientId) => actions.retryChange(room, clientId),
      dismissChange: (clientId) => actions.dismissChange(room, clientId),
    }),
    [actions, room, jumpTo],
  )

  const dismissJump = useCallback(() => setJump(null), [])
  const closePicker = useCallback(() => setPicker(null), [])
  const closeDelete = useCallback(() => setDeleting(null), [])

  return {
    handlers,
    selected,
    highlighted,
    jump,
    dismissJump,
    /** The message whose emoji picker is open, and the button it opened from. */
    picker,
    closePicker,
    /** The seq of the message being asked about before deleting it. */
    deleting,
    closeDelete,
  }
}
