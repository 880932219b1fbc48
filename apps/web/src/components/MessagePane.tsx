import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react'
import { useChat } from '../chat/context.ts'
import { atStart, hasOlder, type RoomTimeline, timelineItems } from '../chat/timeline.ts'
import { ArrowDownIcon } from './icons.tsx'
import { MessageItem } from './MessageItem.tsx'
import { LoadingRoom, OlderMessages, StartOfRoom } from './TimelineEdges.tsx'

/** How close to the bottom (px) still counts as reading the newest message. */
const PINNED_SLACK = 48
/** How close to the top (px) starts loading older messages. */
const LOAD_OLDER_SLACK = 400

function scrollToEnd(scroller: HTMLElement | null): void {
  if (scroller) scroller.scrollTop = scroller.scrollHeight
}

interface MessagePaneProps {
  room: string
  timeline: RoomTimeline
  username: string
}

/** Where a line sits in the scroller, to keep it still when lines are added above it. */
interface Anchor {
  key: string
  top: number
}

function findLine(scroller: HTMLElement, key: string): HTMLElement | null {
  return scroller.querySelector(`[data-key="${CSS.escape(key)}"]`)
}

/**
 * The current room's timeline. It stays pinned to the newest message unless the reader
 * scrolled up; then new messages wait behind a "New messages" button. Scrolling to the top
 * loads older messages without moving what the reader is looking at.
 */
export function MessagePane({ room, timeline, username }: MessagePaneProps) {
  const { loadOlder, retry } = useChat()
  const items = useMemo(() => timelineItems(timeline), [timeline])
  const scrollerRef = useRef<HTMLDivElement>(null)
  const pinnedRef = useRef(true)
  const anchorRef = useRef<Anchor | null>(null)
  const lastKeyRef = useRef<string | null>(items.at(-1)?.key ?? null)
  const [hasUnseen, setHasUnseen] = useState(false)
  const older = hasOlder(timeline)
  const loadingOlder = timeline.loadingOlder

  const maybeLoadOlder = useCallback(() => {
    const scroller = scrollerRef.current
    if (!scroller || !older || loadingOlder || timeline.olderError !== null) return
    if (scroller.scrollTop <= LOAD_OLDER_SLACK) loadOlder(room)
  }, [older, loadingOlder, timeline.olderError, loadOlder, room])

  function handleScroll() {
    const scroller = scrollerRef.current
    if (!scroller) return
    const pinned = scroller.scrollHeight - scroller.scrollTop - scroller.clientHeight <= PINNED_SLACK
    pinnedRef.current = pinned
    if (pinned) setHasUnseen(false)
    maybeLoadOlder()
  }

  // biome-ignore lint/correctness/useExhaustiveDependencies: it measures the DOM, which the loading and error lines at the top change too
  useLayoutEffect(() => {
    const scroller = scrollerRef.current
    if (!scroller) return
    const lastKey = items.at(-1)?.key ?? null
    const appended = lastKey !== lastKeyRef.current ? items.at(-1) : undefined
    lastKeyRef.current = lastKey
    const sentByMe = appended?.kind === 'message' && appended.username === username && appended.status !== 'sent'
    if (pinnedRef.current || sentByMe) {
      pinnedRef.current = true
      scrollToEnd(scroller)
    } else {
      // Lines added or removed above the first line the reader had (older messages, the
      // loading line): move by as much as it moved, so what the reader sees stays put.
      const anchor = anchorRef.current
      const line = anchor ? findLine(scroller, anchor.key) : null
      if (anchor && line) scroller.scrollTop += line.offsetTop - anchor.top
      if (appended?.kind === 'message' && appended.username !== username) setHasUnseen(true)
    }
    const first = items[0]
    const firstLine = first ? findLine(scroller, first.key) : null
    anchorRef.current = first && firstLine ? { key: first.key, top: firstLine.offsetTop } : null
  }, [items, username, loadingOlder, timeline.olderError])

  // When the lines do not fill the pane yet, nothing scrolls: load older ones straight away.
  useEffect(() => {
    const scroller = scrollerRef.current
    if (scroller && scroller.scrollHeight <= scroller.clientHeight) maybeLoadOlder()
  }, [maybeLoadOlder])

  // Keep the newest message in view when the pane changes size (composer grows, keyboard opens).
  useEffect(() => {
    const scroller = scrollerRef.current
    if (!scroller || typeof ResizeObserver === 'undefined') return
    const observer = new ResizeObserver(() => {
      if (pinnedRef.current) scrollToEnd(scrollerRef.current)
    })
    observer.observe(scroller)
    const list = scroller.firstElementChild
    if (list) observer.observe(list)
    return () => observer.disconnect()
  }, [])

  const onRetry = useCallback((clientId: string) => retry(room, clientId), [retry, room])
  const empty = !items.some((item) => item.kind === 'message')

  return (
    <div className="relative flex min-h-0 flex-1 flex-col">
      <div
        ref={scrollerRef}
        role="log"
        aria-label={`Messages in ${room}`}
        aria-busy={loadingOlder || undefined}
        onScroll={handleScroll}
        className="min-h-0 flex-1 overflow-x-hidden overflow-y-auto overscroll-contain [overflow-anchor:none]"
      >
        <ol className="flex min-h-full flex-col justify-end py-4">
          {older && <OlderMessages loading={loadingOlder} error={timeline.olderError} onLoad={() => loadOlder(room)} />}
          {timeline.syncedThrough === null && empty && <LoadingRoom />}
          {atStart(timeline) && <StartOfRoom room={room} empty={empty} />}
          {items.map((item) => (
            <MessageItem
              key={item.key}
              item={item}
              own={item.kind === 'message' && item.username === username}
              onRetry={onRetry}
            />
          ))}
        </ol>
      </div>

      {hasUnseen && (
        <button
          type="button"
          onClick={() => {
            pinnedRef.current = true
            setHasUnseen(false)
            scrollToEnd(scrollerRef.current)
          }}
          className="absolute bottom-3 left-1/2 inline-flex -translate-x-1/2 animate-fade-in items-center gap-1.5 rounded-full bg-slate-900 px-3.5 py-1.5 text-xs font-medium text-white shadow-lg transition hover:bg-slate-700"
        >
          <ArrowDownIcon className="size-3.5" />
          New messages
        </button>
      )}
    </div>
  )
}
