import { MESSAGE_MAX_LENGTH } from '@parley/events/rules'
import {
  type ChangeEvent,
  type FormEvent,
  type KeyboardEvent,
  useEffect,
  useId,
  useLayoutEffect,
  useMemo,
  useRef,
  useState,
} from 'react'
import { loadDrafts, saveDrafts } from '../chat/browser/drafts.ts'
import { useChatActions, useChatSelector, useChatStatus, useChatStore } from '../chat/context.ts'
import type { FileUploads } from '../chat/hooks/useFileUploads.ts'
import { useRoomTitle } from '../chat/hooks/useRoomTitle.ts'
import { lastEditable } from '../chat/model/editing.ts'
import { completeMention, type MentionQuery, mentionQuery, mentionSuggestions } from '../chat/model/mentions.ts'
import { viewOf } from '../chat/model/pending-changes.ts'
import { quoteOf } from '../chat/model/quote.ts'
import { messageAt } from '../chat/model/timeline.ts'
import { timelineItems } from '../chat/model/timeline-items.ts'
import { AttachButton } from './AttachButton.tsx'
import { ComposeBanner } from './ComposeBanner.tsx'
import { ComposerHints, RemainingCount } from './ComposerHints.tsx'
import { CheckIcon, SendIcon } from './icons.tsx'
import { MentionSuggestions, optionId } from './MentionSuggestions.tsx'
import { FormattingHelp, FormattingToggle } from './markdown/FormattingHelp.tsx'
import { FilesNote, PendingFiles } from './PendingFiles.tsx'
import { RoomRulesNote, useMutedUntil } from './RoomRulesNote.tsx'
import { useComposerFiles } from './useComposerFiles.ts'

const MAX_HEIGHT_PX = 200

/** The composer's text box, for whatever wants to put the focus there. */
export const COMPOSER_SELECTOR = 'textarea[data-composer]'

/**
 * Writes to the room on screen: Enter sends, Shift+Enter breaks the line. Drafts are kept
 * per room. Sending clears the box: the message shows in the timeline at once, pending,
 * and if it fails it stays there with the reason and a Retry button. Typing `@` offers the
 * room's people; typing tells the room (at most every 2 s). A reply being written shows its
 * quote above the box; ↑ in an empty box edits our last message there (Enter saves, Escape
 * goes back to the draft, which is kept meanwhile). Files attached (paperclip, paste, or
 * dropped on the room) upload at once; Send waits until every one is stored, then the
 * message carries them, its text as their caption (which may be empty). Muted, it keeps
 * what is typed but does not send, and says until when; slow mode's pace shows below it.
 */
export function Composer({ room, people, uploads }: { room: string; people: readonly string[]; uploads: FileUploads }) {
  const { send, typing, editMessage, setEditing, setReplyTo } = useChatActions()
  const store = useChatStore()
  const status = useChatStatus()
  const username = useChatSelector((state) => state.username)
  const { title, direct } = useRoomTitle(room)
  const editing = useChatSelector((state) => state.editing[room] ?? null)
  const replyTarget = useChatSelector((state) => {
    const seq = state.replyTo[room]
    const timeline = state.timelines[room]
    return seq === undefined || !timeline ? null : (messageAt(timeline, seq) ?? null)
  })
  const [editText, setEditText] = useState('')
  const id = useId()
  const listId = `${id}-mentions`
  const textareaRef = useRef<HTMLTextAreaElement>(null)
  const [drafts, setDrafts] = useState<Record<string, string>>(() => loadDrafts(username))
  const [query, setQuery] = useState<MentionQuery | null>(null)
  const [active, setActive] = useState(0)
  const [showFormatting, setShowFormatting] = useState(false)
  // Kept in the tab's storage as typed: a reload (after a deploy, say) brings every room's draft back.
  useEffect(() => saveDrafts(username, drafts), [username, drafts])

  const text = editing === null ? (drafts[room] ?? '') : editText
  const remaining = MESSAGE_MAX_LENGTH - text.length
  const tooLong = remaining < 0
  const blank = text.trim().length === 0
  const { attached, ready, waiting, refusal, handlePaste } = useComposerFiles(room, uploads, editing !== null)
  const empty = blank && (editing !== null || ready.files.length === 0)
  const muted = useMutedUntil(room)
  const cannotSend = empty || tooLong || waiting || (muted !== undefined && editing === null)
  const error = tooLong
    ? `A message has at most ${MESSAGE_MAX_LENGTH} characters`
    : editing !== null && blank
      ? 'A message cannot be empty: to remove it, delete it'
      : null
  const suggestions = useMemo(
    () => (query === null ? [] : mentionSuggestions(people, query.query, username)),
    [query, people, username],
  )
  const open = suggestions.length > 0
  const activeIndex = Math.min(active, suggestions.length - 1)

  // Grow with the text up to a few lines, then scroll.
  useLayoutEffect(() => {
    const textarea = textareaRef.current
    if (!textarea) return
    textarea.style.height = 'auto'
    if (text !== '') textarea.style.height = `${Math.min(textarea.scrollHeight, MAX_HEIGHT_PX)}px`
  }, [text])

  // A picked name's caret is placed as the new text is committed, before the next key can land.
  const caretAfterPick = useRef<number | null>(null)
  useLayoutEffect(() => {
    const caret = caretAfterPick.current
    caretAfterPick.current = null
    if (caret !== null) textareaRef.current?.setSelectionRange(caret, caret)
  })

  // Editing starts with the message's text as shown, caret at its end.
  useLayoutEffect(() => {
    if (editing === null) return
    const { timelines, username: me } = store.getState()
    const timeline = timelines[room]
    const held = timeline ? messageAt(timeline, editing) : undefined
    if (!timeline || !held) return setEditing(room, null)
    const current = viewOf(held, timeline.changes, me).text
    setEditText(current)
    caretAfterPick.current = current.length
    setQuery(null)
  }, [editing, room, store, setEditing])

  function setText(next: string) {
    if (editing !== null) setEditText(next)
    else setDrafts((all) => ({ ...all, [room]: next }))
  }

  function followCaret(value: string, caret: number | null) {
    const next = caret === null ? null : mentionQuery(value, caret)
    if (next?.start !== query?.start || next?.query !== query?.query) setActive(0)
    setQuery(next)
  }

  function handleChange(event: ChangeEvent<HTMLTextAreaElement>) {
    const value = event.target.value
    setText(value)
    followCaret(value, event.target.selectionStart)
    if (value.trim() !== '' && editing === null) typing(room)
  }

  function pick(name: string) {
    const textarea = textareaRef.current
    if (!textarea || query === null) return
    const completed = completeMention(text, query, textarea.selectionStart, name)
    caretAfterPick.current = completed.caret
    setText(completed.text)
    setQuery(null)
    textarea.focus()
  }

  function submit() {
    if (cannotSend) return
    if (editing !== null) {
      editMessage(room, editing, text)
      setEditing(room, null)
      textareaRef.current?.focus()
      return
    }
    send(blank ? '' : text, ready.files)
    uploads.sent(room)
    setDrafts((all) => ({ ...all, [room]: '' }))
    setQuery(null)
    textareaRef.current?.focus()
  }

  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault()
    submit()
  }

  function handleKeyDown(event: KeyboardEvent<HTMLTextAreaElement>) {
    if (event.nativeEvent.isComposing) return
    if (open) {
      const chosen = suggestions[activeIndex]
      if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
        event.preventDefault()
        const step = event.key === 'ArrowDown' ? 1 : -1
        setActive((activeIndex + step + suggestions.length) % suggestions.length)
        return
      }
      if ((event.key === 'Enter' || event.key === 'Tab') && !event.shiftKey && chosen !== undefined) {
        event.preventDefault()
        pick(chosen)
        return
      }
      if (event.key === 'Escape') {
        // Closes the list only; the room is not marked read.
        event.preventDefault()
        event.stopPropagation()
        setQuery(null)
        return
      }
    }
    if (event.key === 'Escape' && (editing !== null || replyTarget !== null)) {
      // Back to the draft (from editing), or to a plain message (from a reply); the room is not marked read.
      event.preventDefault()
      if (editing !== null) setEditing(room, null)
      else setReplyTo(room, null)
      return
    }
    const plainKey = !event.shiftKey && !event.altKey && !event.ctrlKey && !event.metaKey
    if (event.key === 'ArrowUp' && plainKey && editing === null && text === '') {
      const { timelines, editWindowSeconds } = store.getState()
      const timeline = timelines[room]
      const seq = timeline
        ? lastEditable(timelineItems(timeline, username), username, editWindowSeconds, Date.now())
        : null
      if (seq === null) return
      event.preventDefault()
      setEditing(room, seq)
      return
    }
    if (event.key !== 'Enter' || event.shiftKey) return
    event.preventDefault()
    submit()
  }

  const offline = status !== 'open'

  return (
    <form onSubmit={handleSubmit} className="shrink-0 px-3 pb-3 sm:px-6 sm:pb-5">
      <div className="relative">
        {open && (
          <MentionSuggestions id={listId} names={suggestions} active={activeIndex} onPick={pick} onHover={setActive} />
        )}
        <div
          className={`rounded-xl border bg-surface shadow-xs transition focus-within:ring-3 ${
            error
              ? 'border-rose-300 focus-within:ring-rose-100 dark:border-rose-700 dark:focus-within:ring-rose-900/50'
              : 'border-line-strong focus-within:border-accent-500 focus-within:ring-accent-100 dark:focus-within:ring-accent-500/25'
          }`}
        >
          {editing !== null ? (
            <ComposeBanner kind="edit" onCancel={() => setEditing(room, null)} />
          ) : (
            replyTarget && (
              <ComposeBanner kind="reply" quote={quoteOf(replyTarget)} onCancel={() => setReplyTo(room, null)} />
            )
          )}
          {editing === null && <PendingFiles uploads={attached} onCancel={uploads.cancel} onRetry={uploads.retry} />}
          <label htmlFor={id} className="sr-only">
            Message
          </label>
          <textarea
            ref={textareaRef}
            id={id}
            data-composer=""
            rows={1}
            value={text}
            onChange={handleChange}
            onKeyDown={handleKeyDown}
            onPaste={handlePaste}
            onSelect={(event) => followCaret(event.currentTarget.value, event.currentTarget.selectionStart)}
            onBlur={() => setQuery(null)}
            placeholder={editing !== null ? 'Edit your message' : direct ? `Message ${title}` : `Message #${room}`}
            aria-invalid={error ? true : undefined}
            aria-describedby={`${id}-remaining ${id}-rules${error ? ` ${id}-error` : ''}`}
            aria-autocomplete="list"
            aria-controls={open ? listId : undefined}
            aria-activedescendant={open ? optionId(listId, activeIndex) : undefined}
            className={`block max-h-[200px] w-full resize-none bg-transparent ${editing !== null || replyTarget ? '' : 'rounded-t-xl'} px-3.5 pt-3 pb-1 text-[15px] leading-relaxed text-ink placeholder:text-muted focus-visible:outline-offset-0`}
          />
          {showFormatting && <FormattingHelp id={`${id}-formatting`} />}
          <div className="flex items-center gap-3 px-2 pb-2 pl-3.5">
            <AttachButton disabled={editing !== null} onFiles={(files) => uploads.add(room, files)} />
            <ComposerHints editing={editing !== null} />
            <FormattingToggle
              open={showFormatting}
              controls={`${id}-formatting`}
              onToggle={() => setShowFormatting((shown) => !shown)}
            />
            <RemainingCount id={`${id}-remaining`} remaining={remaining} />
            <button
              type="submit"
              disabled={cannotSend}
              aria-label={editing === null ? 'Send' : 'Save'}
              title={
                waiting
                  ? 'Sends once every file is uploaded'
                  : offline
                    ? 'Offline: messages go out once reconnected'
                    : editing === null
                      ? 'Send'
                      : 'Save'
              }
              className="inline-flex size-8 shrink-0 items-center justify-center rounded-lg bg-accent-600 text-white transition hover:bg-accent-700 disabled:bg-sunken disabled:text-muted"
            >
              {editing === null ? <SendIcon className="size-4" /> : <CheckIcon className="size-4" />}
            </button>
          </div>
        </div>
      </div>
      {error && (
        <p id={`${id}-error`} role="alert" className="mt-1.5 px-1 text-sm text-rose-600 dark:text-rose-400">
          {error}
        </p>
      )}
      <RoomRulesNote id={`${id}-rules`} room={room} muted={muted} />
      {editing === null && <FilesNote ready={ready} refusal={refusal} />}
      <p className="sr-only" aria-live="polite">
        {open
          ? `${suggestions.length} ${suggestions.length === 1 ? 'person' : 'people'} to mention: use the arrow keys, then Enter`
          : ''}
      </p>
    </form>
  )
}
