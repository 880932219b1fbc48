import { type ChatEvents, events } from '@parley/events'
import { z } from 'zod'
import { version } from './build-info.ts'

/**
 * Which way each event travels. `request`: the client asks and the server answers;
 * `send`: the client tells the server, with no answer; `push`: the server tells clients.
 * Listed by hand, since the definitions do not say; a new event that is not listed here
 * fails the type check.
 */
const directions = {
  join: 'request',
  sendMessage: 'request',
  history: 'request',
  leave: 'request',
  listRooms: 'request',
  presence: 'request',
  editMessage: 'request',
  deleteMessage: 'request',
  react: 'request',
  search: 'request',
  operator: 'request',
  handoff: 'request',
  markRead: 'request',
  notifyLevel: 'request',
  setTopic: 'request',
  setSlowMode: 'request',
  setOwner: 'request',
  setModerator: 'request',
  moderate: 'request',
  serverBan: 'request',
  roomInvite: 'request',
  moderationLog: 'request',
  roomChanged: 'push',
  typing: 'send',
  message: 'push',
  userJoined: 'push',
  userLeft: 'push',
  userTyping: 'push',
  rooms: 'push',
  messageChanged: 'push',
  readState: 'push',
  directRoom: 'request',
  directRoomOpened: 'push',
} as const satisfies Record<keyof ChatEvents, 'request' | 'send' | 'push'>

type JsonSchema = Record<string, unknown>

/** One event's payloads on the wire, each a JSON Schema (draft 2020-12). */
export interface EventSchemas {
  direction: 'request' | 'send' | 'push'
  /** What the client sends (`request` and `send` events). */
  request?: JsonSchema
  /** What the server answers a request with. */
  response?: JsonSchema
  /** What the server pushes to clients. */
  push?: JsonSchema
}

/** The document served at `/api/events.schema.json`. */
export interface EventsDocument {
  title: string
  description: string
  version: string
  protocol: string
  events: Record<string, EventSchemas>
}

/**
 * Each schema describes what travels on the wire, which is what its receiver's zod schema
 * takes in: zod's `input` side, where a field with a default may be left out and an object
 * may carry fields it does not know (shapes only ever gain fields).
 */
const wire = (schema: z.ZodType): JsonSchema => z.toJSONSchema(schema, { io: 'input', unrepresentable: 'throw' })

/**
 * Parley's events as JSON Schema, for clients written without `@parley/events`. The build
 * writes it next to the bundled server (`dist/events.schema.json`); a server run from
 * source builds it at startup with this same function.
 */
function eventsDocument(): EventsDocument {
  const described: Record<string, EventSchemas> = {}
  for (const name of Object.keys(directions) as (keyof ChatEvents)[]) {
    const direction = directions[name]
    const { request, response } = events[name] as { request: z.ZodType; response?: z.ZodType }
    described[name] =
      direction === 'push'
        ? { direction, push: wire(request) }
        : { direction, request: wire(request), ...(response ? { response: wire(response) } : {}) }
  }
  return {
    title: 'Parley events',
    description:
      'The chat events of Parley over wsx protocol 1.0 on /ws: frames {v, t, x, id?, p} in JSON or CBOR, where x is the event name and p the payload described here.',
    version,
    protocol: 'wsx 1.0',
    events: described,
  }
}

/** The document as served and written: JSON, two-space indented, ending in a newline. */
export function eventsDocumentText(): string {
  return `${JSON.stringify(eventsDocument(), null, 2)}\n`
}
