import type { SearchResult } from '@parley/events'
import { lazy, Suspense, useCallback, useEffect, useRef, useState } from 'react'
import { useChatActions, useChatSelector } from '../chat/context.ts'
import { useFileUploads } from '../chat/hooks/useFileUploads.ts'
import { Composer } from './Composer.tsx'
import { FileDropZone } from './FileDropZone.tsx'
import { MessagePane } from './MessagePane.tsx'
import { Notice } from './Notice.tsx'
import { PresenceSidebar } from './PresenceSidebar.tsx'
import type { Panel } from './panel.ts'
import { RoomHeader } from './RoomHeader.tsx'
import { RoomList } from './RoomList.tsx'
import { TypingIndicator } from './TypingIndicator.tsx'
import { useChatShortcuts } from './useChatShortcuts.ts'
import type { JumpRequest } from './useMessageControls.ts'

const loadSearch = () => import('./SearchDialog.tsx')
// The search loads when first wanted (or when the pointer or focus comes near its button).
const SearchDialog = lazy(loadSearch)
let jumpCounter = 0

const NOBODY: string[] = []
const FOCUSABLE = 'button:not([disabled]), input:not([disabled]), [href], [tabindex]:not([tabindex="-1"])'

/**
 * The chat: rooms on the left, the current room in the middle, its people on the right.
 * On narrow screens the two side panels are drawers that slide over the conversation:
 * opening one moves the focus into it, Escape or a tap outside closes it and gives the
 * focus back to the button that opened it. The search opens over everything; choosing a
 * result opens its room (joining it if need be) at that message.
 */
export function ChatLayout() {
  const { select, markRead, joinRoom } = useChatActions()
  const [panel, setPanel] = useState<Panel | null>(null)
  const rooms = useChatSelector((state) => state.rooms)
  const current = useChatSelector((state) => state.current)
  const room = current ?? rooms[0] ?? ''
  const username = useChatSelector((state) => state.username) ?? ''
  const people = useChatSelector((state) => state.presence[room] ?? NOBODY)
  const opener = useRef<HTMLElement | null>(null)
  const uploads = useFileUploads()

  function open(next: Panel | null) {
    if (next !== null && document.activeElement instanceof HTMLElement) opener.current = document.activeElement
    setPanel(next)
  }

  function close() {
    setPanel(null)
    // Back to the button that opened the drawer, if it is still on screen.
    requestAnimationFrame(() => opener.current?.focus())
  }

  useEffect(() => {
    if (panel === null) return
    const drawer = document.getElementById(panel === 'rooms' ? 'room-list-panel' : 'people-panel')
    drawer?.querySelector<HTMLElement>(FOCUSABLE)?.focus()
    const onKeyDown = (event: KeyboardEvent) => {
      // A dialog opened from the drawer (moderating someone) takes its own Escape.
      if (event.key !== 'Escape' || document.querySelector('dialog[open]') !== null) return
      event.preventDefault()
      setPanel(null)
      requestAnimationFrame(() => opener.current?.focus())
    }
    window.addEventListener('keydown', onKeyDown)
    return () => window.removeEventListener('keydown', onKeyDown)
  }, [panel])

  // `searchAsked` counts the times the search was asked for; 0: never, so not loaded yet.
  const [searchOpen, setSearchOpen] = useState(false)
  const [searchAsked, setSearchAsked] = useState(0)
  const openSearch = useCallback(() => {
    setPanel(null)
    setSearchOpen(true)
    setSearchAsked((count) => count + 1)
  }, [])
  const closeSearch = useCallback(() => setSearchOpen(false), [])

  // The message a chosen result points to, for its room's pane; forgotten once another room shows.
  const [jump, setJump] = useState<JumpRequest | null>(null)
  useEffect(() => {
    setJump((held) => (held !== null && held.room !== room ? null : held))
  }, [room])
  const openResult = useCallback(
    async (result: SearchResult) => {
      await joinRoom(result.room)
      jumpCounter += 1
      setJump({ room: result.room, seq: result.seq, id: jumpCounter })
      setSearchOpen(false)
    },
    [joinRoom],
  )

  useChatShortcuts({ rooms, current, select, markRead, panelOpen: panel !== null || searchOpen, openSearch })

  return (
    <div className="relative flex min-h-0 flex-1">
      {panel !== null && (
        <button
          type="button"
          aria-label="Close panel"
          onClick={close}
          className={`fixed inset-0 z-30 animate-fade-in bg-slate-950/40 backdrop-blur-[1px] ${
            panel === 'rooms' ? 'md:hidden' : 'lg:hidden'
          }`}
        />
      )}

      <div
        id="room-list-panel"
        className={`${panel === 'rooms' ? 'flex animate-slide-in-left motion-reduce:animate-none' : 'hidden'} fixed inset-y-0 left-0 z-40 w-72 max-w-[85vw] flex-col border-r border-line bg-canvas shadow-xl md:static md:z-auto md:flex md:w-64 md:max-w-none md:shrink-0 md:animate-none md:shadow-none`}
      >
        <RoomList onNavigate={() => (panel === 'rooms' ? close() : undefined)} />
      </div>

      <FileDropZone room={room} onFiles={(files) => uploads.add(room, files)}>
        <RoomHeader
          room={room}
          people={people.length}
          panel={panel}
          onToggle={open}
          searchOpen={searchOpen}
          onSearch={openSearch}
          onSearchHint={() => void loadSearch().catch(() => undefined)}
        />
        <Notice />
        <MessagePane
          key={room}
          room={room}
          username={username}
          people={people}
          jumpTo={jump?.room === room ? jump : null}
        />
        <TypingIndicator room={room} />
        <Composer room={room} people={people} uploads={uploads} />
      </FileDropZone>

      <div
        id="people-panel"
        className={`${panel === 'people' ? 'flex animate-slide-in-right motion-reduce:animate-none' : 'hidden'} fixed inset-y-0 right-0 z-40 w-72 max-w-[85vw] flex-col border-l border-line bg-surface shadow-xl lg:static lg:z-auto lg:flex lg:w-60 lg:max-w-none lg:shrink-0 lg:animate-none lg:shadow-none`}
      >
        <PresenceSidebar room={room} users={people} username={username} onClose={close} />
      </div>

      {searchAsked > 0 && (
        <Suspense fallback={null}>
          <SearchDialog open={searchOpen} focusRequest={searchAsked} onClose={closeSearch} onChoose={openResult} />
        </Suspense>
      )}
    </div>
  )
}
