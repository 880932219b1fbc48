import { type ChatEvents, events, type RoomChange } from '@parley/events'
import { redisKeys } from '@parley/events/rules'
import type { Payload } from '@parley/wsx/shared'
import { RedisClient } from 'bun'
import { z } from 'zod'
import { toChatMessage, toMessageChange } from '../chat/chat-message.ts'
import { toRoomChange } from '../chat/room-settings.ts'
import type { Logger } from '../ops/logger.ts'
import type { MessageStore } from '../storage/message-store.ts'
import { DeliveredSeqs } from './delivered-seqs.ts'
import type { DeliveryListener, RoomBus, RoomChangeListener, SessionPushListener } from './room-bus.ts'
import { type RoomEvent, roomEvents, sessionEvents } from './room-events.ts'
import type { RoomTopics } from './room-topics.ts'

const CATCH_UP_PAGE = 200
const RECONNECT_EVERY_MS = 2_000

const eventSchema = z.tuple([z.enum(roomEvents), z.unknown()])

/**
 * What travels between instances: a room's events of one event-loop turn, in the order they
 * were published, in one message on the room's channel, whoever is listening (`i` first: an
 * instance knows its own messages by their first bytes). A single event `{i, x, p}` is what
 * instances before batching sent, still understood.
 */
const envelopeSchema = z.union([
  z.object({ i: z.string(), e: z.array(eventSchema) }),
  z
    .object({ i: z.string(), x: z.enum(roomEvents), p: z.unknown() })
    .transform(({ i, x, p }) => ({ i, e: [[x, p] as [RoomEvent, unknown]] })),
])

type Envelope = z.infer<typeof envelopeSchema>

/** An event for one session's connections, on the channel all instances share: `a` the session (its token's hash). */
const sessionEnvelopeSchema = z.object({ i: z.string(), a: z.string(), x: z.enum(sessionEvents), p: z.unknown() })

/** The place in the room's log of a message or a change; other events have none. */
function logSeq(event: RoomEvent, payload: unknown): number | undefined {
  if (event === 'message') return (payload as Payload<ChatEvents, 'message'>).seq
  if (event === 'messageChanged') return (payload as Payload<ChatEvents, 'messageChanged'>).seq
  if (event === 'roomChanged') return (payload as Payload<ChatEvents, 'roomChanged'>).seq
  return undefined
}

const channelOf = (room: string) => `${redisKeys.roomChannelPrefix}${room}`

export interface RedisRoomBusOptions {
  url: string
  /** This instance's room topics, where events reach its members. */
  topics: RoomTopics
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
 * members through Bun's topics at once, and at the end of the event-loop turn sends each
 * room's events of that turn to Redis in one message, on the room's channel, which the
 * instances with members in that room subscribe to. After Redis comes back, each
 * instance resubscribes and delivers, from storage, the messages it missed meanwhile.
 *
 * What ordering needs: a room's members get each entry of its log once, and place it by
 * its seq. One instance's entries for a room reach Redis in seq order (its writes commit
 * one batch at a time, its messages to Redis go out in order on one connection); entries
 * from several instances may interleave in any order, and an instance that hears a seq
 * beyond the next one it expects delivers the missing ones from storage first. So nothing
 * waits for Redis before local delivery.
 */
export async function redisRoomBus({
  url,
  topics,
  store,
  log,
  instanceId,
  onPresence,
  onDelivered,
}: RedisRoomBusOptions): Promise<RoomBus> {
  const publisher = new RedisClient(url, { maxRetries: 10 })
  const subscriber = new RedisClient(url, { maxRetries: 10 })
  const watched = new Set<string>()
  /** How this instance's own messages begin. */
  const ownPrefix = `{"i":${JSON.stringify(instanceId)},`
  const delivered = new DeliveredSeqs()
  const roomChangeListeners: RoomChangeListener[] = []
  const sessionListeners: SessionPushListener[] = []
  let closing = false
  let lost = false

  /** Publishes to this instance's members, noting which messages they have had. */
  function deliver<K extends RoomEvent>(
    room: string,
    event: K,
    payload: Payload<ChatEvents, K>,
    except?: Parameters<RoomBus['publish']>[3],
    heard = true,
  ): void {
    topics.publish(room, event, payload, except)
    onDelivered?.(room, event, except !== undefined)
    const seq = logSeq(event, payload)
    if (seq !== undefined) delivered.delivered(room, seq)
    if (event === 'roomChanged') for (const listener of roomChangeListeners) listener(payload as RoomChange, heard)
  }

  function receive(raw: string, channel: string): void {
    // This instance's own events, back from Redis: its members had them when they were published.
    if (raw.startsWith(ownPrefix)) return
    const room = channel.slice(redisKeys.roomChannelPrefix.length)
    let envelope: Envelope
    try {
      envelope = envelopeSchema.parse(JSON.parse(raw))
    } catch {
      return log.warn('bus-frame-refused', { room })
    }
    if (envelope.i === instanceId || !watched.has(room)) return
    for (const [event, payload] of envelope.e) hear(room, event, payload)
  }

  function hear(room: string, event: RoomEvent, raw: unknown): void {
    const payload = events[event].request.safeParse(raw)
    if (!payload.success) return log.warn('bus-frame-refused', { room, kind: event })
    const seq = logSeq(event, payload.data)
    if (seq !== undefined) {
      if (delivered.has(room, seq)) return
      const through = delivered.through(room)
      // Entries before it have not reached this instance (an outage, or another instance's
      // publish still on its way): they are stored, so members get them from storage first,
      // in order, and this one with them.
      if (through !== undefined && seq > through + 1) return void fillGap(room, seq, event, payload.data)
    }
    if (event === 'userJoined' || event === 'userLeft') {
      onPresence?.(event, room, (payload.data as { username: string }).username)
    }
    deliver(room, event, payload.data as never)
  }

  /** Events waiting for the end of this event-loop turn, by room: then one PUBLISH per room. */
  const outgoing = new Map<string, [RoomEvent, unknown][]>()
  let sending: ReturnType<typeof setImmediate> | undefined

  function send(room: string, event: RoomEvent, payload: unknown): void {
    const queued = outgoing.get(room)
    if (queued) queued.push([event, payload])
    else outgoing.set(room, [[event, payload]])
    sending ??= setImmediate(sendQueued)
  }

  function sendQueued(): void {
    sending = undefined
    for (const [room, queued] of outgoing) {
      publisher.publish(channelOf(room), JSON.stringify({ i: instanceId, e: queued })).catch(() => {
        lost = true
      })
    }
    outgoing.clear()
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
        } else if (delivered.has(room, entry.change.seq)) {
          // Had already.
        } else if (entry.kind === 'change') {
          deliver(room, 'messageChanged', toMessageChange(entry.change, entry.message))
        } else {
          deliver(room, 'roomChanged', toRoomChange(entry.change, entry.rules))
        }
      }
      const last = page.at(-1)
      if (!last || page.length < CATCH_UP_PAGE) return
      after = last.kind === 'message' ? last.message.seq : last.change.seq
    }
  }

  /** An event for a session's connections from another instance. */
  function receiveForSession(raw: string): void {
    if (raw.startsWith(ownPrefix)) return
    let envelope: z.infer<typeof sessionEnvelopeSchema>
    try {
      envelope = sessionEnvelopeSchema.parse(JSON.parse(raw))
    } catch {
      return log.warn('bus-frame-refused', { channel: redisKeys.sessionChannel })
    }
    const payload = events[envelope.x].request.safeParse(envelope.p)
    if (!payload.success) return log.warn('bus-frame-refused', { kind: envelope.x })
    for (const listener of sessionListeners) listener(envelope.a, envelope.x, payload.data as never)
  }

  async function resubscribe(): Promise<void> {
    await subscriber.subscribe(redisKeys.sessionChannel, receiveForSession)
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
  await subscriber.subscribe(redisKeys.sessionChannel, receiveForSession)
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
      // Here first, without waiting for Redis: members order a room's entries by seq, and
      // the other instances fill any gap they see from storage.
      deliver(room, event, payload, except, false)
      send(room, event, payload)
    },
    onRoomChanged(listener) {
      roomChangeListeners.push(listener)
    },
    publishToSession(author, event, payload) {
      const envelope = JSON.stringify({ i: instanceId, a: author, x: event, p: payload })
      publisher.publish(redisKeys.sessionChannel, envelope).catch(() => {
        lost = true
      })
    },
    onSessionPush(listener) {
      sessionListeners.push(listener)
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
      clearImmediate(sending)
      sendQueued()
      publisher.close()
      subscriber.close()
    },
  }
}
