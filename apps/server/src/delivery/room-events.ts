/**
 * The events a room's members hear; `readState` goes to a session's connections, which
 * follow the session as a room of its own (see `sessionRoom`).
 */
export const roomEvents = [
  'message',
  'messageChanged',
  'roomChanged',
  'userJoined',
  'userLeft',
  'userTyping',
  'readState',
] as const
export type RoomEvent = (typeof roomEvents)[number]
