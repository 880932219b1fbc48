import { useEffect, useLayoutEffect, useRef, useState } from 'react'
import type { TimelineItem } from '../chat/state.ts'
import { ArrowDownIcon } from './icons.tsx'
import { MessageItem } from './MessageItem.tsx'

/** How close to the bottom (px) still counts as reading the newest message. */
const PINNED_SLACK = 48

function scrollToEnd(scroller: HTMLElement | null): void {
  if (scroller) scroller.scrollTop = scroller.scrollHeight
}

interface MessagePaneProps {
  room: string
  items: TimelineItem[]
  username: string
}

/**
 * The current room's timeline. It stays pinned to the newest message unless the reader
 * scrolled up; then new messages wait behind a "New messages" button.
 */
export function MessagePane({ room, items, username }: MessagePaneProps) {
  const scrollerRef = useRef<HTMLDivElement>(null)
  const pinnedRef = useRef(true)
  const seenRef = useRef(items.length)
  const [hasUnseen, setHasUnseen] = useState(false)

  function handleScroll() {
    const scroller = scrollerRef.current
    if (!scroller) return
    const pinned = scroller.scrollHeight - scroller.scrollTop - scroller.clientHeight <= PINNED_SLACK
    pinnedRef.current = pinned
    if (pinned) setHasUnseen(false)
  }

  useLayoutEffect(() => {
    const added = items.slice(seenRef.current)
    seenRef.current = items.length
    const sentByMe = added.some((item) => item.kind === 'message' && item.username === username)
    if (pinnedRef.current || sentByMe) {
      pinnedRef.current = true
      scrollToEnd(scrollerRef.current)
    } else if (added.some((item) => item.kind === 'message')) {
      setHasUnseen(true)
    }
  }, [items, username])

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

  const messageCount = items.filter((item) => item.kind === 'message').length

  return (
    <div className="relative flex min-h-0 flex-1 flex-col">
      <div
        ref={scrollerRef}
        role="log"
        aria-label={`Messages in ${room}`}
        onScroll={handleScroll}
        className="min-h-0 flex-1 overflow-x-hidden overflow-y-auto overscroll-contain"
      >
        <ol className="flex min-h-full flex-col justify-end py-4">
          {messageCount === 0 && (
            <li className="m-auto flex max-w-xs flex-col items-center px-6 py-12 text-center">
              <span
                aria-hidden="true"
                className="mb-3 inline-flex size-12 items-center justify-center rounded-2xl bg-accent-50 text-2xl text-accent-600"
              >
                #
              </span>
              <p className="text-sm font-semibold text-slate-900">This is the start of #{room}</p>
              <p className="mt-1 text-sm text-slate-500">No messages yet. Say hello!</p>
            </li>
          )}
          {items.map((item) => (
            <MessageItem
              key={item.kind === 'message' ? item.messageId : item.id}
              item={item}
              own={item.kind === 'message' && item.username === username}
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
