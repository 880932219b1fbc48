/**
 * The events a room's members hear; `readState` and `directRoomOpened` go to a session's connections, which
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
  'directRoomOpened',
] as const
export type RoomEvent = (typeof roomEvents)[number]
