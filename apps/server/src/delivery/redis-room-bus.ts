import { type ChatEvents, events } from '@parley/events'
import { redisKeys } from '@parley/events/rules'
import type { Payload } from '@parley/wsx/shared'
import { RedisClient } from 'bun'
import { z } from 'zod'
import { toChatMessage, toMessageChange } from '../chat/chat-message.ts'
import type { ChatServer } from '../connections/connection-data.ts'
import type { Logger } from '../ops/logger.ts'
import type { MessageStore } from '../storage/message-store.ts'
import { DeliveredSeqs } from './delivered-seqs.ts'
import { type DeliveryListener, publishLocally, type RoomBus, type RoomEvent, roomEvents } from './room-bus.ts'

const CATCH_UP_PAGE = 200
const RECONNECT_EVERY_MS = 2_000

/** What travels between instances: one copy per room event, whoever is listening. */
const envelopeSchema = z.object({ i: z.string(), x: z.enum(roomEvents), p: z.unknown() })

/** The place in the room's log of a message or a change; other events have none. */
function logSeq(event: RoomEvent, payload: unknown): number | undefined {
  if (event === 'message') return (payload as Payload<ChatEvents, 'message'>).seq
  if (event === 'messageChanged') return (payload as Payload<ChatEvents, 'messageChanged'>).seq
  return undefined
}

const channelOf = (room: string) => `${redisKeys.roomChannelPrefix}${room}`

export interface RedisRoomBusOptions {
  url: string
  server: ChatServer
  store: MessageStore
  log: Logger
  instanceId: string
  /** Hears the joins and leaves other instances announce. */
  onPresence?: (event: 'userJoined' | 'userLeft', room: string, username: string) => void
  /** Hears every event handed to this instance's members, whichever instance it came from. */
  onDelivered?: DeliveryListener
}

/**
 * Room events across instances over Redis pub/sub: each instance publishes to its own
 * members through Bun's topics and sends one copy per event to Redis, on the room's
 * channel, which the instances with members in that room subscribe to. After Redis
 * comes back, each instance resubscribes and delivers, from storage, the messages it
 * missed meanwhile.
 */
export async function redisRoomBus({
  url,
  server,
  store,
  log,
  instanceId,
  onPresence,
  onDelivered,
}: RedisRoomBusOptions): Promise<RoomBus> {
  const publisher = new RedisClient(url, { maxRetries: 10 })
  const subscriber = new RedisClient(url, { maxRetries: 10 })
  const watched = new Set<string>()
  const delivered = new DeliveredSeqs()
  let closing = false
  let lost = false

  /** Publishes to this instance's members, noting which messages they have had. */
  function deliver<K extends RoomEvent>(
    room: string,
    event: K,
    payload: Payload<ChatEvents, K>,
    except?: Parameters<RoomBus['publish']>[3],
  ): void {
    publishLocally(server, room, event, payload, except)
    onDelivered?.(room, event, except !== undefined)
    const seq = logSeq(event, payload)
    if (seq !== undefined) delivered.delivered(room, seq)
  }

  function receive(raw: string, channel: string): void {
    const room = channel.slice(redisKeys.roomChannelPrefix.length)
    let envelope: z.infer<typeof envelopeSchema>
    try {
      envelope = envelopeSchema.parse(JSON.parse(raw))
    } catch {
      return log.warn('bus-frame-refused', { room })
    }
    if (envelope.i === instanceId || !watched.has(room)) return
    const payload = events[envelope.x].request.safeParse(envelope.p)
    if (!payload.success) return log.warn('bus-frame-refused', { room, kind: envelope.x })
    const seq = logSeq(envelope.x, payload.data)
    if (seq !== undefined) {
      if (delivered.has(room, seq)) return
      const through = delivered.through(room)
      // Entries before it have not reached this instance (an outage, or another instance's
      // publish still on its way): they are stored, so members get them from storage first,
      // in order, and this one with them.
      if (through !== undefined && seq > through + 1) return void fillGap(room, seq, envelope.x, payload.data)
    }
    if (envelope.x === 'userJoined' || envelope.x === 'userLeft') {
      onPresence?.(envelope.x, room, (payload.data as { username: string }).username)
    }
    deliver(room, envelope.x, payload.data as never)
  }

  /** Delivers the entries stored before the one at `seq`, then that one itself if storage did not have it. */
  async function fillGap(room: string, seq: number, event: RoomEvent, payload: unknown): Promise<void> {
    await catchUp(room).catch((error: unknown) => log.error('bus-catch-up-failed', { room, error: String(error) }))
    if (watched.has(room) && !delivered.has(room, seq)) deliver(room, event, payload as never)
  }

  /** Delivers what was stored while this instance could not hear the others. */
  async function catchUp(room: string): Promise<void> {
    let after = delivered.through(room)
    if (after === undefined) return
    for (;;) {
      const page = await store.after(room, after, CATCH_UP_PAGE)
      for (const entry of page) {
        if (entry.kind === 'message') {
          if (!delivered.has(room, entry.message.seq)) deliver(room, 'message', toChatMessage(entry.message))
        } else if (!delivered.has(room, entry.change.seq)) {
          deliver(room, 'messageChanged', toMessageChange(entry.change, entry.message))
        }
      }
      const last = page.at(-1)
      if (!last || page.length < CATCH_UP_PAGE) return
      after = last.kind === 'message' ? last.message.seq : last.change.seq
    }
  }

  async function resubscribe(): Promise<void> {
    for (const room of watched) await subscriber.subscribe(channelOf(room), receive)
    await Promise.all([...watched].map(catchUp))
    log.info('bus-recovered', { rooms: watched.size })
  }

  publisher.onclose = () => {
    if (!closing) lost = true
  }
  subscriber.onclose = (error) => {
    if (closing) return
    lost = true
    log.error('bus-lost', { error: error?.message })
  }
  await Promise.all([publisher.connect(), subscriber.connect()])
  subscriber.onconnect = () => {
    lost = false
    resubscribe().catch((error: unknown) => log.error('bus-recovery-failed', { error: String(error) }))
  }
  // Bun's client gives up after its retries; keep knocking, so the instance heals by itself.
  const knocking = setInterval(() => {
    for (const client of [publisher, subscriber]) {
      if (!client.connected) client.connect().catch(() => undefined)
    }
  }, RECONNECT_EVERY_MS)

  return {
    publish(room, event, payload, except) {
      deliver(room, event, payload, except)
      publisher.publish(channelOf(room), JSON.stringify({ i: instanceId, x: event, p: payload })).catch(() => {
        lost = true
      })
    },
    watch(room) {
      if (watched.has(room)) return
      watched.add(room)
      subscriber
        .subscribe(channelOf(room), receive)
        // Subscribed first: whatever is stored after this read reaches us live or by catch-up.
        .then(() => store.lastSeq(room))
        .then((floor) => {
          if (watched.has(room)) delivered.start(room, floor)
        })
        .catch(() => {
          lost = true
        })
    },
    unwatch(room) {
      if (!watched.delete(room)) return
      delivered.forget(room)
      subscriber.unsubscribe(channelOf(room)).catch(() => undefined)
    },
    problem() {
      if (lost || !publisher.connected || !subscriber.connected)
        return 'Redis is unreachable: other instances cannot be heard'
      return undefined
    },
    async close() {
      closing = true
      clearInterval(knocking)
      publisher.close()
      subscriber.close()
    },
  }
}
