import type { RoomSummary, UploadLimits } from '@parley/events'
import type { SavedOutgoing } from '../browser/persistence.ts'
import type { ChatAction } from './actions.ts'
import { foldName } from './mentions.ts'
import {
  addChange,
  addOutgoing,
  confirmOutgoing,
  dropChange,
  setChangeStatus,
  setOutgoingStatus,
  settleChange,
} from './own-entries.ts'
import { sortedPeople, withoutPerson, withPerson } from './presence-list.ts'
import { newestSeen, withJoinedReadState } from './read-on-join.ts'
import {
  countUnread,
  emptyReadState,
  forgetRoom,
  markRead,
  openRoom,
  type ReadState,
  readThrough,
} from './read-state.ts'
import { describeRemoval } from './room-change-text.ts'
import { type HeldSettings, newerSettings, removesTarget, type Standing } from './room-settings.ts'
import { withRoomChanges } from './room-state.ts'
import {
  addNote,
  applyChanges,
  applyJoin,
  emptyTimeline,
  type MergeResult,
  mergeMessages,
  type OutgoingMessage,
  type RoomTimeline,
  resetTimeline,
} from './timeline.ts'
import { fillGap, openWindow } from './timeline-window.ts'
import { expireTypers, type TypingByRoom, withoutTyper, withTyper } from './typing.ts'

/** The chat as this tab knows it. The read state (unread, mentions, "New messages" line) is per room. */
export interface ChatState extends ReadState {
  /** Who we are; `null` until the first join succeeds (or a saved session is restored). */
  username: string | null
  /** Rooms this tab has joined, in the order they were joined (normalised names). */
  rooms: string[]
  /** The room on screen. */
  current: string | null
  timelines: Record<string, RoomTimeline>
  /** Each joined room's people, in the order the sidebar lists them (presence-list.ts). */
  presence: Record<string, string[]>
  /** The room on screen is being read: the page is visible and its newest message in view. */
  reading: boolean
  /** Who is typing where, and when they last said so. */
  typing: TypingByRoom
  /** Every room with people in it, as the server last told us. */
  directory: RoomSummary[]
  /** Something went wrong outside of a form (a failed rejoin), in words. */
  notice: string | null
  /** How long after sending we may edit a message, in seconds (0: no limit); `null` until a join says. */
  editWindowSeconds: number | null
  /** The largest file the server takes and the most files a message carries; `null` until a join says. */
  uploadLimits: UploadLimits | null
  /** Per room, the seq of the message the reply being written answers. */
  replyTo: Record<string, number>
  /** Per room, the seq of our message being edited in the composer. */
  editing: Record<string, number>
  /** Each joined room's topic, privacy, slow mode, owner and moderators, as of a seq of its log. */
  roomSettings: Record<string, HeldSettings>
  /** Per room, whether we are muted there (as its log said). */
  standing: Record<string, Standing>
  /** This connection acts as the server's operator (it presented the operator's token). */
  operator: boolean
}

export type { ChatAction } from './actions.ts'

/** Why a message restored after a reload shows as failed. */
export const RELOADED_TEXT = 'The page was reloaded before the server confirmed this message.'

/**
 * The state a tab starts with: the session it saved (if any), its unconfirmed messages,
 * and the room its address names (shown first if it is one of the session's rooms).
 */
export function initialChatState(
  session: { username: string; rooms: string[]; current: string | null } | null,
  outbox: readonly SavedOutgoing[] = [],
  linkedRoom: string | null = null,
): ChatState {
  const timelines: Record<string, RoomTimeline> = {}
  for (const saved of outbox) {
    if (!session?.rooms.includes(saved.room) || saved.username !== session.username) continue
    const restored: OutgoingMessage = { ...saved, status: 'failed', error: RELOADED_TEXT }
    timelines[saved.room] = addOutgoing(timelines[saved.room] ?? emptyTimeline(), restored)
  }
  const linked = linkedRoom !== null && session?.rooms.includes(linkedRoom) ? linkedRoom : null
  return {
    username: session?.username ?? null,
    rooms: session?.rooms ?? [],
    current: linked ?? session?.current ?? session?.rooms[0] ?? null,
    timelines,
    presence: {},
    ...emptyReadState(),
    reading: true,
    typing: {},
    directory: [],
    notice: null,
    editWindowSeconds: null,
    uploadLimits: null,
    replyTo: {},
    editing: {},
    roomSettings: {},
    standing: {},
    operator: false,
  }
}

function without<T>(record: Record<string, T>, key: string): Record<string, T> {
  const { [key]: _removed, ...rest } = record
  return rest
}

/** `record` with `key` set to `value`, or without it for `null`; the same object when nothing changes. */
function withEntry(record: Record<string, number>, key: string, value: number | null): Record<string, number> {
  if (value === null) return key in record ? without(record, key) : record
  return record[key] === value ? record : { ...record, [key]: value }
}

/** Changes a room's timeline that exists; nothing for a room we do not hold. */
function onTimeline(state: ChatState, room: string, change: (timeline: RoomTimeline) => RoomTimeline): ChatState {
  const timeline = state.timelines[room]
  return timeline ? withTimeline(state, room, change(timeline)) : state
}

function timelineOf(state: ChatState, room: string): RoomTimeline {
  return state.timelines[room] ?? emptyTimeline()
}

function withTimeline(state: ChatState, room: string, timeline: RoomTimeline): ChatState {
  if (state.timelines[room] === timeline) return state
  return { ...state, timelines: { ...state.timelines, [room]: timeline } }
}

/**
 * Stores a merge, counting new messages from others as unread unless their room is on
 * screen and being read (then it is read through them).
 */
function withMerge(state: ChatState, room: string, { timeline, added }: MergeResult, counts = true): ChatState {
  const next = withTimeline(state, room, timeline)
  const onScreen = room === state.current
  if (!state.rooms.includes(room) || added.length === 0) return next
  if (onScreen && state.reading) return { ...next, ...markRead(next, room, false, newestSeen(next, room)) }
  if (!counts) return next
  return { ...next, ...countUnread(next, room, added, state.username, onScreen) }
}

function isMe(state: ChatState, username: string): boolean {
  return state.username !== null && foldName(username) === foldName(state.username)
}

let noteCounter = 0

/**
 * Joins and leaves are noted in the timeline while a room has at most this many people:
 * in a bigger room they would bury the conversation (and redraw it hundreds of times a
 * second when a crowd arrives); the people list and its count still follow every one.
 */
export const NOTED_PRESENCE_UP_TO = 50

/** Notes a join or leave in `room`'s timeline, unless the room is too big for it to matter. */
function withPresenceNote(state: ChatState, room: string, text: string): ChatState {
  if ((state.presence[room]?.length ?? 0) > NOTED_PRESENCE_UP_TO) return state
  return withNote(state, room, text)
}

function withNote(state: ChatState, room: string, text: string): ChatState {
  if (!state.rooms.includes(room)) return state
  noteCounter += 1
  return withTimeline(
    state,
    room,
    addNote(timelineOf(state, room), { id: `note-${noteCounter}`, text, timestamp: Date.now() }),
  )
}

/** The state without `room`: it is no longer ours, nor anything we held of it. */
function withoutRoom(state: ChatState, room: string): ChatState {
  const rooms = state.rooms.filter((held) => held !== room)
  const index = state.rooms.indexOf(room)
  const current = state.current === room ? (rooms[Math.min(index, rooms.length - 1)] ?? null) : state.current
  return {
    ...state,
    rooms,
    current,
    timelines: without(state.timelines, room),
    presence: without(state.presence, room),
    ...forgetRoom(state, room),
    typing: without(state.typing, room),
    replyTo: withEntry(state.replyTo, room, null),
    editing: withEntry(state.editing, room, null),
    roomSettings: without(state.roomSettings, room),
    standing: without(state.standing, room),
  }
}

export function chatReducer(state: ChatState, action: ChatAction): ChatState {
  switch (action.type) {
    case 'joined': {
      const { room, users } = action.answer
      const before = state.timelines[room]
      const outcome = applyJoin(before ?? emptyTimeline(), action.answer)
      const rooms = state.rooms.includes(room) ? state.rooms : [...state.rooms, room]
      const joined: ChatState = {
        ...state,
        username: action.username,
        rooms,
        current: action.select || state.current === null ? room : state.current,
        presence: { ...state.presence, [room]: sortedPeople(users) },
        editWindowSeconds: action.answer.editWindowSeconds ?? state.editWindowSeconds,
        uploadLimits: action.answer.uploadLimits ?? state.uploadLimits,
        roomSettings: action.answer.settings
          ? {
              ...state.roomSettings,
              [room]: newerSettings(state.roomSettings[room], action.answer.settings, action.answer.lastSeq),
            }
          : state.roomSettings,
      }
      const first = (before?.syncedThrough ?? null) === null
      // A rejoin's answer brings what was missed: that counts as unread; a first join's history
      // counts from the server's read position.
      const merged = withMerge(joined, room, outcome, !first)
      return withJoinedReadState(merged, room, action.answer, action.select, first)
    }
    case 'left':
      return withoutRoom(state, action.room)
    case 'select':
      if (!state.rooms.includes(action.room)) return state
      return { ...state, current: action.room, ...openRoom(state, action.room, newestSeen(state, action.room)) }
    case 'reading': {
      if (action.reading === state.reading) return state
      const { current } = state
      const read = action.reading && current !== null ? markRead(state, current, false, newestSeen(state, current)) : {}
      return { ...state, reading: action.reading, ...read }
    }
    case 'markRead':
      return { ...state, ...markRead(state, action.room, true, newestSeen(state, action.room)) }
    case 'readSaved': {
      if (!state.rooms.includes(action.room)) return state
      const { room, seq, notify } = action
      const read = readThrough(state, room, seq, timelineOf(state, room).messages, state.username)
      const next = read.savedSeq === state.savedSeq && read.readSeq === state.readSeq ? state : { ...state, ...read }
      if (notify === undefined || next.notify[room] === notify) return next
      return { ...next, notify: { ...next.notify, [room]: notify } }
    }
    case 'notifyLevel':
      if (!state.rooms.includes(action.room) || state.notify[action.room] === action.level) return state
      return { ...state, notify: { ...state.notify, [action.room]: action.level } }
    case 'typing':
      if (!state.rooms.includes(action.room) || isMe(state, action.username)) return state
      return { ...state, typing: withTyper(state.typing, action.room, action.username, action.at) }
    case 'typingExpired': {
      const typing = expireTypers(state.typing, action.now)
      return typing === state.typing ? state : { ...state, typing }
    }
    case 'message': {
      const { room, username } = action.message
      const merged = withMerge(state, room, mergeMessages(timelineOf(state, room), [action.message]))
      // Their message is what they were typing.
      const typing = withoutTyper(merged.typing, room, username)
      return typing === merged.typing ? merged : { ...merged, typing }
    }
    case 'changed': {
      const { room } = action.change
      // Before the first join answer the timeline holds the early pushes; a room left holds nothing.
      if (!state.timelines[room] && !state.rooms.includes(room)) return state
      return withTimeline(state, room, applyChanges(timelineOf(state, room), [action.change]))
    }
    case 'history': {
      const timeline = state.timelines[action.room]
      if (!timeline) return state
      const merged = mergeMessages(timeline, action.messages)
      if (action.direction === 'newer') {
        const changed = applyChanges(merged.timeline, action.changes ?? [])
        const next = withMerge(state, action.room, { ...merged, timeline: changed })
        return withRoomChanges(next, action.room, action.roomChanges ?? [])
      }
      if (action.direction === 'around') return withTimeline(state, action.room, merged.timeline)
      return withTimeline(state, action.room, { ...merged.timeline, loadingOlder: false, olderError: null })
    }
    case 'window':
      return onTimeline(state, action.room, (timeline) => openWindow(timeline, action.messages))
    case 'gapPage': {
      const filled = onTimeline(state, action.room, (timeline) => fillGap(timeline, action.after, action))
      return withRoomChanges(filled, action.room, action.roomChanges ?? [])
    }
    case 'roomChanged': {
      const { change } = action
      const next = withRoomChanges(state, change.room, [change])
      // Taken out of the room: it closes, and the notice says who did it.
      if (!action.live || !removesTarget(change) || change.target === undefined || !isMe(state, change.target)) {
        return next
      }
      if (!next.rooms.includes(change.room)) return next
      return { ...withoutRoom(next, change.room), notice: describeRemoval(change) }
    }
    case 'settings': {
      if (!state.rooms.includes(action.room)) return state
      const held = state.roomSettings[action.room]
      const settings = newerSettings(held, action.settings, action.seq)
      return settings === held ? state : { ...state, roomSettings: { ...state.roomSettings, [action.room]: settings } }
    }
    case 'operator':
      return action.operator === state.operator ? state : { ...state, operator: action.operator }
    case 'reset':
      return onTimeline(state, action.room, (timeline) => resetTimeline(timeline, action).timeline)
    case 'loadingOlder':
      return onTimeline(state, action.room, (timeline) => ({ ...timeline, loadingOlder: true, olderError: null }))
    case 'olderFailed':
      return onTimeline(state, action.room, (timeline) => ({
        ...timeline,
        loadingOlder: false,
        olderError: action.error,
      }))
    case 'outgoing': {
      const { room } = action.message
      if (!state.rooms.includes(room)) return state
      return withTimeline(state, room, addOutgoing(timelineOf(state, room), action.message))
    }
    case 'sent':
      return onTimeline(
        state,
        action.room,
        (timeline) => confirmOutgoing(timeline, action.clientId, action.answer).timeline,
      )
    case 'sendFailed':
      return onTimeline(state, action.room, (timeline) =>
        setOutgoingStatus(timeline, action.clientId, 'failed', action.error),
      )
    case 'resending':
      return onTimeline(state, action.room, (timeline) => setOutgoingStatus(timeline, action.clientId, 'pending'))
    case 'changeStarted':
      if (!state.rooms.includes(action.change.room)) return state
      return onTimeline(state, action.change.room, (timeline) => addChange(timeline, action.change))
    case 'changeSettled':
      return onTimeline(state, action.room, (timeline) => settleChange(timeline, action.clientId, action.answer))
    case 'changeFailed':
      return onTimeline(state, action.room, (timeline) =>
        setChangeStatus(timeline, action.clientId, 'failed', action.error),
      )
    case 'changeRetrying':
      return onTimeline(state, action.room, (timeline) => setChangeStatus(timeline, action.clientId, 'pending'))
    case 'changeDropped':
      return onTimeline(state, action.room, (timeline) => dropChange(timeline, action.clientId))
    case 'replyTo': {
      if (action.seq !== null && !state.rooms.includes(action.room)) return state
      const replyTo = withEntry(state.replyTo, action.room, action.seq)
      return replyTo === state.replyTo ? state : { ...state, replyTo }
    }
    case 'editing': {
      if (action.seq !== null && !state.rooms.includes(action.room)) return state
      const editing = withEntry(state.editing, action.room, action.seq)
      return editing === state.editing ? state : { ...state, editing }
    }
    case 'userJoined': {
      const users = state.presence[action.room] ?? []
      const joined = withPerson(users, action.username)
      if (joined === users) return state
      const next = { ...state, presence: { ...state.presence, [action.room]: joined } }
      return withPresenceNote(next, action.room, `${action.username} joined`)
    }
    case 'userLeft': {
      // Whoever leaves stops typing, whether or not we had them in the room's list.
      const typing = withoutTyper(state.typing, action.room, action.username)
      const users = state.presence[action.room] ?? []
      const remaining = withoutPerson(users, action.username)
      if (remaining === users) return typing === state.typing ? state : { ...state, typing }
      const next = {
        ...state,
        presence: { ...state.presence, [action.room]: remaining },
        typing,
      }
      return withPresenceNote(next, action.room, `${action.username} left`)
    }
    case 'presence':
      if (!state.rooms.includes(action.room)) return state
      return { ...state, presence: { ...state.presence, [action.room]: sortedPeople(action.users) } }
    case 'directory':
      return { ...state, directory: action.rooms }
    case 'notice':
      return { ...state, notice: action.notice }
    case 'signedOut':
      return { ...initialChatState(null), directory: state.directory }
  }
}
