import type { RoomChange } from '@parley/events'
import { sameName } from '@parley/events/rules'
import type { ChatConnection } from '../connections/connection-data.ts'
import type { RoomBus } from '../delivery/room-bus.ts'
import type { Logger } from '../ops/logger.ts'
import type { roomPeople } from './room-people.ts'
import { type RoomRulesCache, standingIn } from './room-rules-cache.ts'

/**
 * Acts on every change to a room this instance's members hear, whichever instance made it:
 * another instance's change is read into the rules kept here, and a removal or a ban takes
 * this instance's connections of that person out of the room (after they were told by the
 * change itself). A ban by address takes out every connection from those addresses,
 * except the room's owner, moderators and the operator.
 */
export function roomRemovals({
  bus,
  rules,
  isOperator,
  people,
  leave,
  log,
}: {
  bus: RoomBus
  rules: RoomRulesCache
  isOperator(conn: ChatConnection): boolean
  people: Pick<ReturnType<typeof roomPeople>, 'connectionsIn'>
  leave(conn: ChatConnection, room: string): void
  log: Logger
}): void {
  async function enforce(change: RoomChange, heard: boolean): Promise<void> {
    const { room, target } = change
    if (heard) {
      rules.heard(change)
      await rules.refresh(room)
    }
    if ((change.change !== 'removed' && change.change !== 'banned') || target === undefined) return
    const current = rules.cached(room)
    const ban =
      change.change === 'banned' ? current?.bans.find((sanction) => sameName(sanction.name, target)) : undefined
    for (const conn of people.connectionsIn(room)) {
      const name = conn.data.username
      const named = name !== undefined && sameName(name, target)
      const sameSession = ban?.author !== undefined && conn.data.author === ban.author
      const sameAddress = ban?.addresses?.includes(conn.remoteAddress) ?? false
      if (!named && !sameSession && !sameAddress) continue
      if (!named && current && standingIn(current, conn.data.author, isOperator(conn))) continue
      leave(conn, room)
    }
  }

  bus.onRoomChanged((change, heard) => {
    enforce(change, heard).catch((error: unknown) =>
      log.error('room-change-failed', {
        room: rules.logName(change.room),
        error: error instanceof Error ? error.message : String(error),
      }),
    )
  })
}
