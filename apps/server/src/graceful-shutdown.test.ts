import { expect, test } from 'bun:test'
import { WsxError } from '@parley/wsx/shared'
import { type ChatClient, recordPushes, wholeHistory } from '../test/clients.ts'
import { spawnServer } from '../test/spawn-server.ts'
import { temporaryDataDir } from '../test/start-parley.ts'

const ROOM = 'stream'
const SENDERS = 6
/** Requests each sender keeps in flight at once, as a busy client would. */
const LANES = 8
/** Acknowledged messages to wait for before the signal, so it lands mid-stream. */
const ACKED_BEFORE_SIGNAL = 300

/** What became of one message, as its sender saw it. */
type Outcome =
  | { kind: 'pending' }
  | { kind: 'acknowledged'; messageId: string; seq: number }
  /** The server answered with an error, in words. */
  | { kind: 'refused'; reason: string }
  /** The connection closed before the request was answered (the server never took it). */
  | { kind: 'unanswered' }
  /** Anything else, such as a timeout: neither outcome, which the test counts as a failure. */
  | { kind: 'lost'; reason: string }

interface Sent {
  sender: string
  /** Its place in its sender's order. */
  index: number
  outcome: Outcome
}

function outcomeOf(error: unknown): Outcome {
  if (error instanceof WsxError && error.code === 'remote') return { kind: 'refused', reason: error.message }
  if (error instanceof WsxError && error.code === 'closed') return { kind: 'unanswered' }
  return { kind: 'lost', reason: String(error) }
}

/**
 * Sends from `LANES` loops at once until the connection ends, recording each message
 * by its clientId; `onAcknowledged` hears every acknowledgement.
 */
async function keepSending(client: ChatClient, sender: string, sent: Map<string, Sent>, onAcknowledged: () => void) {
  await client.request('join', { username: sender, room: ROOM })
  let index = 0
  async function lane(): Promise<void> {
    while (client.status === 'open') {
      const clientId = `${sender}-${index}`
      const entry: Sent = { sender, index: index++, outcome: { kind: 'pending' } }
      sent.set(clientId, entry)
      try {
        const answer = await client.request('sendMessage', { message: `from ${clientId}`, room: ROOM, clientId })
        entry.outcome = { kind: 'acknowledged', messageId: answer.messageId, seq: answer.seq }
        onAcknowledged()
      } catch (error) {
        entry.outcome = outcomeOf(error)
        return
      }
    }
  }
  await Promise.all(Array.from({ length: LANES }, lane))
}

test('SIGTERM mid-stream: each message is acknowledged and stored once in order, or refused to its sender', async () => {
  using data = temporaryDataDir()
  const env = { DATA_DIR: data.dataDir, MESSAGE_RATE_LIMIT: '0' }
  await using first = await spawnServer({ env })
  const sent = new Map<string, Sent>()
  let acknowledged = 0
  const { promise: enough, resolve: enoughSent } = Promise.withResolvers<void>()
  const senders = Array.from({ length: SENDERS }, (_, i) =>
    keepSending(first.client({ timeout: 15_000 }), `sender${i}`, sent, () => {
      acknowledged += 1
      if (acknowledged >= ACKED_BEFORE_SIGNAL) enoughSent()
    }),
  )
  // A member who only listens, and catches up after the restart from the last seq it heard.
  const listener = first.client()
  await listener.request('join', { username: 'listener', room: ROOM })
  const heardLive = recordPushes(listener, 'message')

  await enough
  const inFlightAtSignal = [...sent.values()].filter((entry) => entry.outcome.kind === 'pending').length
  first.kill('SIGTERM')
  expect(await first.exited).toBe(0)
  await Promise.all(senders)

  await using second = await spawnServer({ env })
  const reader = second.client()
  const rejoined = await reader.request('join', { username: 'listener', room: ROOM })
  const caughtUp = await wholeHistory(reader, ROOM, heardLive.at(-1)?.seq ?? 0)
  const stored = await wholeHistory(reader, ROOM)

  // The signal came while messages were on their way, so the test saw the window it is about.
  expect(inFlightAtSignal).toBeGreaterThan(0)
  const outcomes = [...sent.values()].map((entry) => entry.outcome)
  expect(outcomes.filter((o) => o.kind === 'pending' || o.kind === 'lost')).toEqual([])
  for (const outcome of outcomes) {
    if (outcome.kind === 'refused') expect(outcome.reason).toMatch(/restart/i)
  }

  // The log is whole: seqs 1, 2, 3… and each message in it once.
  expect(stored.map((m) => m.seq)).toEqual(Array.from({ length: stored.length }, (_, i) => i + 1))
  expect(rejoined.lastSeq).toBe(stored.length)
  expect(new Set(stored.map((m) => m.clientId)).size).toBe(stored.length)

  // Acknowledged: stored once, where its answer said. Refused or unanswered: nowhere.
  const storedByClientId = new Map(stored.map((m) => [m.clientId, m]))
  for (const [clientId, { outcome }] of sent) {
    const found = storedByClientId.get(clientId)
    if (outcome.kind === 'acknowledged') {
      expect({ clientId, messageId: found?.messageId, seq: found?.seq }).toEqual({
        clientId,
        messageId: outcome.messageId,
        seq: outcome.seq,
      })
    } else {
      expect({ clientId, outcome: outcome.kind, stored: found !== undefined }).toEqual({
        clientId,
        outcome: outcome.kind,
        stored: false,
      })
    }
  }
  // Nothing appears that its sender was not told of.
  expect(stored.every((m) => m.clientId !== undefined && sent.has(m.clientId))).toBe(true)

  // Each sender's messages hold their places in the order it sent them.
  for (let i = 0; i < SENDERS; i++) {
    const own = stored.filter((m) => sent.get(m.clientId ?? '')?.sender === `sender${i}`)
    const order = own.map((m) => sent.get(m.clientId ?? '')?.index ?? -1)
    expect(order).toEqual(order.toSorted((a, b) => a - b))
  }

  // The listener, live and then caught up, holds the whole log once, in order.
  expect([...heardLive, ...caughtUp].map((m) => m.seq)).toEqual(stored.map((m) => m.seq))
}, 60_000)
