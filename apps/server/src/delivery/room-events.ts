/** The events a room's members hear. */
export const roomEvents = ['message', 'messageChanged', 'roomChanged', 'userJoined', 'userLeft', 'userTyping'] as const
export type RoomEvent = (typeof roomEvents)[number]

/** The events for one session's connections, wherever they are: its read state, a direct room opened with it. */
export const sessionEvents = ['readState', 'directRoomOpened'] as const
export type SessionEvent = (typeof sessionEvents)[number]
