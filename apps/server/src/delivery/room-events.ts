/** The events a room's members hear. */
export const roomEvents = ['message', 'messageChanged', 'userJoined', 'userLeft', 'userTyping'] as const
export type RoomEvent = (typeof roomEvents)[number]
