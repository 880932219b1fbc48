import { type ChatConnection, type ChatServer, ROOM_LIST_TOPIC, roomTopic } from './connection-data.ts'
import { roomListUpdates } from './room-list-updates.ts'
import type { RoomRegistry } from './room-registry.ts'

/**
 * The chat's behaviour, after the seed: join, send, leave, room list and presence,
 * with one connection in as many rooms as it likes.
 */
export function registerChatHandlers(server: ChatServer, registry: RoomRegistry) {
  const roomList = roomListUpdates(server, registry)

  function leaveRoom(conn: ChatConnection, room: string): void {
    const username = conn.data.username
    if (!username || !conn.data.rooms.delete(room)) return
    conn.unsubscribe(roomTopic(room))
    if (registry.leave(room, username, conn.id)) server.publish(roomTopic(room), 'userLeft', { username, room })
    roomList.changed()
  }

  server.onRequest('join', ({ username, room }, conn) => {
    const current = conn.data.username
    if (current !== undefined && current !== username && conn.data.rooms.size > 0) {
      throw new Error(`This connection is already chatting as "${current}"; leave its rooms to change name`)
    }
    conn.data.username = username
    // Re-joining moves the room to the end: it becomes the room joined last.
    const alreadyIn = conn.data.rooms.delete(room)
    conn.data.rooms.add(room)
    if (!alreadyIn) {
      conn.subscribe(roomTopic(room))
      if (registry.join(room, username, conn.id)) conn.publish(roomTopic(room), 'userJoined', { username, room })
      roomList.changed()
    }
    return { success: true, message: `Welcome to ${room}!`, users: registry.users(room), room }
  })

  server.onRequest('sendMessage', ({ message, room }, conn) => {
    const { username, rooms } = conn.data
    const target = room ?? [...rooms].at(-1)
    if (!username || !target) throw new Error('Join a room before sending messages')
    if (!rooms.has(target)) throw new Error(`You are not in "${target}"; join it first`)
    const messageId = crypto.randomUUID()
    const timestamp = Date.now()
    server.publish(roomTopic(target), 'message', { messageId, username, message, timestamp, room: target })
    return { messageId, timestamp }
  })

  server.onRequest('leave', ({ room }, conn) => {
    if (!conn.data.rooms.has(room)) throw new Error(`You are not in "${room}"`)
    leaveRoom(conn, room)
    return { room }
  })

  server.onRequest('listRooms', (_payload, conn) => {
    conn.subscribe(ROOM_LIST_TOPIC)
    return { rooms: registry.summaries() }
  })

  server.onRequest('presence', ({ room }, conn) => {
    if (!conn.data.rooms.has(room)) throw new Error(`Join "${room}" to see who is there`)
    return { room, users: registry.users(room) }
  })

  server.onClose((conn) => {
    for (const room of [...conn.data.rooms]) leaveRoom(conn, room)
  })

  return { stop: roomList.stop }
}
