import { useVirtualizer } from '@tanstack/react-virtual'
import { type ReactNode, useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react'
import { useChatActions, useChatSelector } from '../chat/context.ts'
import { useRoomRights } from '../chat/hooks/useRoomRights.ts'
import { isEditable } from '../chat/model/editing.ts'
import { foldName } from '../chat/model/mentions.ts'
import { buildRows, type Row } from '../chat/model/rows.ts'
import { atStart, emptyTimeline, hasOlder } from '../chat/model/timeline.ts'
import { timelineItems } from '../chat/model/timeline-items.ts'
import { ArrowDownIcon } from './icons.tsx'
import { MessageItem } from './MessageItem.tsx'
import { MessageOverlays } from './MessageOverlays.tsx'
import { dayAt, estimateHeight, messageAttributes, useKeepTextOnRegroup } from './message-rows.ts'
import {
  DaySeparator,
  LoadingRoom,
  MessageGap,
  OlderMessages,
  StartOfRoom,
  SystemLine,
  TOP_HEIGHT,
  type TopKind,
  UnreadDivider,
} from './TimelineEdges.tsx'
import { type JumpRequest, useMessageControls } from './useMessageControls.ts'

/** How close to the bottom (px) still counts as reading the newest message. */
const AT_NEWEST_PX = 48
/** How close to the top (px) starts loading older messages. */
const LOAD_OLDER_PX = 400
/**
 * Rows drawn beyond the visible ones, on each side. The DOM holds at most about twice this
 * many rows plus a screenful, however long the room; it is generous so that a page of
 * older messages (50) lands among rows already drawn, and short rooms are drawn whole.
 */
const OVERSCAN = 100
const EDGE_PADDING_PX = 16
const NOT_LOADED = emptyTimeline()

interface MessagePaneProps {
  room: string
  username: string
  /** The room's people, whose `@name` is marked in messages. */
  people: readonly string[]
  /** A message to bring into view and mark (a search result chosen), loading it if need be. */
  jumpTo?: JumpRequest | null
}

/**
 * The current room's timeline, virtualised: only the rows near the viewport are in the
 * DOM, so a room of any length scrolls smoothly. It opens at the first unread message (or
 * the newest), stays pinned to the newest unless the reader scrolled up, and keeps the
 * reader's place when older messages load above.
 */
export function MessagePane({ room, username, people, jumpTo = null }: MessagePaneProps) {
  const { loadOlder, loadGap, setAtNewest, markRead } = useChatActions()
  const timeline = useChatSelector((state) => state.timelines[room] ?? NOT_LOADED)
  const editWindow = useChatSelector((state) => state.editWindowSeconds)
  // Owners, moderators and the operator may delete anyone's message here.
  const deletesAny = useRoomRights(room).moderate
  const divider = useChatSelector((state) => state.divider[room] ?? null)
  const unread = useChatSelector((state) => state.unread[room] ?? 0)
  const items = useMemo(() => timelineItems(timeline, username), [timeline, username])
  const older = hasOlder(timeline)
  const start = atStart(timeline)
  const loading = timeline.syncedThrough === null
  const rows = useMemo(
    () => buildRows(items, { username, divider, start, now: Date.now() }),
    [items, username, divider, start],
  )
  const empty = !items.some((item) => item.kind === 'message')
  // What sits above the rows, outside the virtual list: the list begins this far down.
  const top: TopKind = loading && empty ? 'loading' : older ? 'older' : start ? (empty ? 'empty' : 'start') : 'none'
  const names = useMemo(() => [...new Set([...people, username])], [people, username])

  const scrollerRef = useRef<HTMLDivElement>(null)
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scrollerRef.current,
    estimateSize: (index) => estimateHeight(rows[index]),
    getItemKey: (index) => rows[index]?.key ?? index,
    overscan: OVERSCAN,
    scrollMargin: TOP_HEIGHT[top],
    paddingStart: top === 'none' ? EDGE_PADDING_PX : 0,
    paddingEnd: EDGE_PADDING_PX,
    anchorTo: 'end',
    followOnAppend: true,
    scrollEndThreshold: AT_NEWEST_PX,
  })

  useKeepTextOnRegroup(rows, scrollerRef)

  const atNewestRef = useRef(true)
  const [atNewest, setLocalAtNewest] = useState(true)
  const updateAtNewest = useCallback(
    (next: boolean) => {
      atNewestRef.current = next
      setLocalAtNewest(next)
      setAtNewest(next)
    },
    [setAtNewest],
  )

  // Open at the first unread message if there is one, else at the newest.
  const openedRef = useRef(false)
  useLayoutEffect(() => {
    if (openedRef.current || loading) return
    openedRef.current = true
    const dividerIndex = rows.findIndex((row) => row.kind === 'unread')
    if (dividerIndex >= 0) virtualizer.scrollToIndex(dividerIndex, { align: 'start' })
    else virtualizer.scrollToEnd()
  }, [loading, rows, virtualizer])

  // Leaving the room: whatever comes next starts as read.
  useEffect(() => () => setAtNewest(true), [setAtNewest])

  const maybeLoadOlder = useCallback(() => {
    const scroller = scrollerRef.current
    if (!scroller || !older || timeline.loadingOlder || timeline.olderError !== null) return
    if (scroller.scrollTop <= LOAD_OLDER_PX) loadOlder(room)
  }, [older, timeline.loadingOlder, timeline.olderError, loadOlder, room])

  // The day of the first row in view, shown on top while reading back.
  const [topDay, setTopDay] = useState<string | null>(null)

  function handleScroll() {
    const scroller = scrollerRef.current
    if (!scroller) return
    const next = scroller.scrollHeight - scroller.scrollTop - scroller.clientHeight <= AT_NEWEST_PX
    if (next !== atNewestRef.current) updateAtNewest(next)
    const first = scroller.scrollTop > TOP_HEIGHT[top] ? virtualizer.getVirtualItemForOffset(scroller.scrollTop) : null
    setTopDay(first ? dayAt(rows, first.index, Date.now()) : null)
    maybeLoadOlder()
  }

  // When the rows do not fill the pane, nothing scrolls: load older ones straight away.
  useEffect(() => {
    const scroller = scrollerRef.current
    if (scroller && scroller.scrollHeight <= scroller.clientHeight) maybeLoadOlder()
  }, [maybeLoadOlder])

  // Our own new message brings the newest into view, wherever the reader was.
  const lastRow = rows.at(-1)
  const lastOwnPending = lastRow?.kind === 'message' && lastRow.item.status === 'pending' ? lastRow.key : null
  useLayoutEffect(() => {
    if (lastOwnPending !== null) virtualizer.scrollToEnd()
  }, [lastOwnPending, virtualizer])

  // Keep the newest message in view when the pane changes size (the composer grows, a keyboard opens).
  useEffect(() => {
    const scroller = scrollerRef.current
    if (!scroller || typeof ResizeObserver === 'undefined') return
    const observer = new ResizeObserver(() => {
      if (atNewestRef.current) scroller.scrollTop = scroller.scrollHeight
    })
    observer.observe(scroller)
    return () => observer.disconnect()
  }, [])

  const jumpToNewest = useCallback(() => {
    virtualizer.scrollToEnd()
    markRead(room)
  }, [virtualizer, markRead, room])

  const scrollTo = useCallback(
    (seq: number) => {
      const index = rows.findIndex((row) => row.kind === 'message' && row.item.seq === seq)
      if (index < 0) return false
      virtualizer.scrollToIndex(index, { align: 'center' })
      return true
    },
    [rows, virtualizer],
  )
  const controls = useMessageControls(room, scrollTo, jumpTo, !loading)
  const now = Date.now()

  function topContent(): ReactNode {
    switch (top) {
      case 'older':
        return (
          <OlderMessages loading={timeline.loadingOlder} error={timeline.olderError} onLoad={() => loadOlder(room)} />
        )
      case 'start':
      case 'empty':
        return <StartOfRoom room={room} empty={empty} />
      case 'loading':
        return <LoadingRoom />
      case 'none':
        return null
    }
  }

  function content(row: Row): ReactNode {
    switch (row.kind) {
      case 'day':
        return <DaySeparator label={row.label} />
      case 'unread':
        return <UnreadDivider />
      case 'system':
        return <SystemLine text={row.item.text} timestamp={row.item.timestamp} />
      case 'gap':
        return <MessageGap onLoad={() => loadGap(room)} />
      case 'message':
        return (
          <MessageItem
            row={row}
            own={foldName(row.item.username) === foldName(username)}
            names={names}
            me={username}
            canEdit={isEditable(row.item, username, editWindow, now)}
            canDeleteAny={deletesAny}
            selected={row.item.seq !== null && row.item.seq === controls.selected}
            highlighted={row.item.seq !== null && row.item.seq === controls.highlighted}
            handlers={controls.handlers}
          />
        )
    }
  }

  const virtualRows = virtualizer.getVirtualItems()
  const margin = virtualizer.options.scrollMargin
  return (
    <div className="relative flex min-h-0 flex-1 flex-col">
      {!atNewest && topDay !== null && (
        <div className="pointer-events-none absolute inset-x-0 top-2 z-10 flex justify-center">
          <span
            data-testid="day-on-top"
            className="rounded-full border border-line bg-surface/95 px-2.5 py-0.5 text-xs font-semibold text-muted shadow-sm"
          >
            {topDay}
          </span>
        </div>
      )}
      <div
        ref={scrollerRef}
        role="log"
        aria-live="polite"
        aria-label={`Messages in ${room}`}
        // Rows drawn while scrolling, or loaded above, are not news: say nothing until they settle.
        aria-busy={timeline.loadingOlder || virtualizer.isScrolling || undefined}
        // biome-ignore lint/a11y/noNoninteractiveTabindex: the log scrolls, so keyboards must be able to reach it
        tabIndex={0}
        onScroll={handleScroll}
        className="min-h-0 flex-1 overflow-x-hidden overflow-y-auto overscroll-contain [overflow-anchor:none] focus-visible:outline-offset-[-2px]"
      >
        <div className="flex min-h-full flex-col justify-end">
          <div className="shrink-0">{topContent()}</div>
          <ol className="relative w-full shrink-0" style={{ height: virtualizer.getTotalSize() }}>
            {virtualRows.map((virtualRow) => {
              const row = rows[virtualRow.index]
              if (!row) return null
              return (
                <li
                  key={virtualRow.key}
                  ref={virtualizer.measureElement}
                  data-index={virtualRow.index}
                  data-key={row.key}
                  aria-setsize={rows.length}
                  aria-posinset={virtualRow.index + 1}
                  className="absolute inset-x-0 top-0"
                  style={{ transform: `translateY(${virtualRow.start - margin}px)` }}
                  {...messageAttributes(row, username)}
                >
                  {content(row)}
                </li>
              )
            })}
          </ol>
        </div>
      </div>

      <MessageOverlays
        room={room}
        picker={controls.picker}
        deleting={controls.deleting}
        jump={controls.jump}
        onClosePicker={controls.closePicker}
        onCloseDelete={controls.closeDelete}
        onDismissJump={controls.dismissJump}
      />

      {!atNewest && (
        <button
          type="button"
          onClick={jumpToNewest}
          className="absolute right-4 bottom-3 inline-flex animate-fade-in items-center gap-1.5 rounded-full bg-slate-900 px-3.5 py-1.5 text-xs font-semibold text-white shadow-lg ring-1 ring-white/10 transition hover:bg-slate-700 dark:bg-accent-600 dark:hover:bg-accent-500"
        >
          <ArrowDownIcon className="size-3.5" />
          Jump to newest
          {unread > 0 && <span className="rounded-full bg-white/20 px-1.5 text-[11px] tabular-nums">{unread} new</span>}
        </button>
      )}
    </div>
  )
}
