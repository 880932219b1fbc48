import type { ChatEvents, RoomChange } from '@parley/events'
import type { Payload } from '@parley/wsx/shared'
import type { ChatConnection } from '../connections/connection-data.ts'
import type { RoomEvent, SessionEvent } from './room-events.ts'
import type { RoomTopics } from './room-topics.ts'

/** Carries room events to every member, on this instance and, when there are others, on all of them. */
export interface RoomBus {
  /** Sends an event to a room's members everywhere (except one local connection, when given). */
  publish<K extends RoomEvent>(room: string, event: K, payload: Payload<ChatEvents, K>, except?: ChatConnection): void
  /** This instance has members in `room` now: start hearing it from the others. */
  watch(room: string): void
  /** This instance's last member left `room`. */
  unwatch(room: string): void
  /**
   * Hears every change to a room as it is handed to this instance's members (after them),
   * `heard` when another instance made it.
   */
  onRoomChanged(listener: RoomChangeListener): void
  /** Sends an event for one session's connections to the other instances (this one's are the caller's to tell). */
  publishToSession<K extends SessionEvent>(author: string, event: K, payload: Payload<ChatEvents, K>): void
  /** Hears what the other instances send for a session's connections. */
  onSessionPush(listener: SessionPushListener): void
  /** Why the bus cannot reach the other instances right now, if it cannot. */
  problem(): string | undefined
  close(): Promise<void>
}

/** Hears an event for the connections of the session `author` (a hash of its token) from another instance. */
export type SessionPushListener = <K extends SessionEvent>(
  author: string,
  event: K,
  payload: Payload<ChatEvents, K>,
) => void

/** Hears a change to a room; `heard` when it came from another instance. */
export type RoomChangeListener = (change: RoomChange, heard: boolean) => void

/**
 * Hears each room event as this instance hands it to its members' sockets (metrics);
 * `excluded` is the one local connection left out, if any.
 */
export type DeliveryListener = (room: string, event: RoomEvent, excluded: boolean) => void

/** One instance, nothing to share: room events go straight to this instance's topics. */
export function localRoomBus(topics: RoomTopics, onDelivered?: DeliveryListener): RoomBus {
  const roomChangeListeners: RoomChangeListener[] = []
  return {
    publish(room, event, payload, except) {
      topics.publish(room, event, payload, except)
      onDelivered?.(room, event, except !== undefined)
      if (event === 'roomChanged') for (const listener of roomChangeListeners) listener(payload as RoomChange, false)
    },
    onRoomChanged(listener) {
      roomChangeListeners.push(listener)
    },
    // No other instance to tell or hear.
    publishToSession() {},
    onSessionPush() {},
    watch() {},
    unwatch() {},
    problem: () => undefined,
    close: async () => {},
  }
}
