import type { ChatMessage, RoomSummary } from '@parley/events'

/** A line in a room's timeline: a chat message or a quiet note about someone joining or leaving. */
export type TimelineItem =
  | ({ kind: 'message' } & ChatMessage)
  | { kind: 'system'; id: string; room: string; text: string; timestamp: number }

export interface ChatState {
  /** Who we are; `null` until the first join succeeds (or a saved session is restored). */
  username: string | null
  /** Rooms this tab has joined, in the order they were joined (normalised names). */
  rooms: string[]
  /** The room on screen. */
  current: string | null
  timelines: Record<string, TimelineItem[]>
  presence: Record<string, string[]>
  unread: Record<string, number>
  /** Every room with people in it, as the server last told us. */
  directory: RoomSummary[]
  /** Something went wrong outside of a form (a failed rejoin), in words. */
  notice: string | null
}

export type ChatAction =
  | { type: 'joined'; username: string; room: string; users: string[]; select: boolean }
  | { type: 'left'; room: string }
  | { type: 'select'; room: string }
  | { type: 'message'; message: ChatMessage }
  | { type: 'userJoined'; room: string; username: string }
  | { type: 'userLeft'; room: string; username: string }
  | { type: 'presence'; room: string; users: string[] }
  | { type: 'directory'; rooms: RoomSummary[] }
  | { type: 'notice'; notice: string | null }
  | { type: 'signedOut' }

export function initialChatState(
  session: { username: string; rooms: string[]; current: string | null } | null,
): ChatState {
  return {
    username: session?.username ?? null,
    rooms: session?.rooms ?? [],
    current: session?.current ?? session?.rooms[0] ?? null,
    timelines: {},
    presence: {},
    unread: {},
    directory: [],
    notice: null,
  }
}

function without<T>(record: Record<string, T>, key: string): Record<string, T> {
  const { [key]: _removed, ...rest } = record
  return rest
}

/** Adds a message once (by id), keeping the timeline in time order. */
function insertMessage(timeline: TimelineItem[], message: ChatMessage): TimelineItem[] {
  if (timeline.some((item) => item.kind === 'message' && item.messageId === message.messageId)) return timeline
  const item: TimelineItem = { kind: 'message', ...message }
  let index = timeline.length
  while (index > 0 && (timeline[index - 1]?.timestamp ?? 0) > message.timestamp) index--
  return [...timeline.slice(0, index), item, ...timeline.slice(index)]
}

let systemCounter = 0

function systemLine(state: ChatState, room: string, text: string): Record<string, TimelineItem[]> {
  if (!state.rooms.includes(room)) return state.timelines
  systemCounter += 1
  const item: TimelineItem = { kind: 'system', id: `system-${systemCounter}`, room, text, timestamp: Date.now() }
  return { ...state.timelines, [room]: [...(state.timelines[room] ?? []), item] }
}

export function chatReducer(state: ChatState, action: ChatAction): ChatState {
  switch (action.type) {
    case 'joined': {
      const rooms = state.rooms.includes(action.room) ? state.rooms : [...state.rooms, action.room]
      return {
        ...state,
        username: action.username,
        rooms,
        current: action.select || state.current === null ? action.room : state.current,
        presence: { ...state.presence, [action.room]: action.users },
        unread: action.select ? { ...state.unread, [action.room]: 0 } : state.unread,
      }
    }
    case 'left': {
      const rooms = state.rooms.filter((room) => room !== action.room)
      const index = state.rooms.indexOf(action.room)
      const current = state.current === action.room ? (rooms[Math.min(index, rooms.length - 1)] ?? null) : state.current
      return {
        ...state,
        rooms,
        current,
        timelines: without(state.timelines, action.room),
        presence: without(state.presence, action.room),
        unread: without(state.unread, action.room),
      }
    }
    case 'select':
      if (!state.rooms.includes(action.room)) return state
      return { ...state, current: action.room, unread: { ...state.unread, [action.room]: 0 } }
    case 'message': {
      const { room } = action.message
      const timeline = state.timelines[room] ?? []
      const next = insertMessage(timeline, action.message)
      if (next === timeline) return state
      const counts = room !== state.current && action.message.username !== state.username
      return {
        ...state,
        timelines: { ...state.timelines, [room]: next },
        unread: counts ? { ...state.unread, [room]: (state.unread[room] ?? 0) + 1 } : state.unread,
      }
    }
    case 'userJoined': {
      const users = state.presence[action.room] ?? []
      if (users.includes(action.username)) return state
      return {
        ...state,
        presence: { ...state.presence, [action.room]: [...users, action.username] },
        timelines: systemLine(state, action.room, `${action.username} joined`),
      }
    }
    case 'userLeft': {
      const users = state.presence[action.room] ?? []
      return {
        ...state,
        presence: { ...state.presence, [action.room]: users.filter((user) => user !== action.username) },
        timelines: users.includes(action.username)
          ? systemLine(state, action.room, `${action.username} left`)
          : state.timelines,
      }
    }
    case 'presence':
      if (!state.rooms.includes(action.room)) return state
      return { ...state, presence: { ...state.presence, [action.room]: action.users } }
    case 'directory':
      return { ...state, directory: action.rooms }
    case 'notice':
      return { ...state, notice: action.notice }
    case 'signedOut':
      return { ...initialChatState(null), directory: state.directory }
  }
}
