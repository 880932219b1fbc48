import { describe, expect, test } from 'bun:test'
import type { ChatMessage } from '@parley/events'
import { WsxError } from '@parley/wsx/shared'
import type { PendingChange } from '../model/pending-changes.ts'
import { catchUp, deliverChange, deliverMessage, type Requester } from './sync.ts'

function message(seq: number): ChatMessage {
  return { messageId: `m${seq}`, username: 'ann', message: `msg ${seq}`, timestamp: seq, room: 'r', seq }
}

interface Call {
  event: string
  payload: Record<string, unknown>
  timeout: number | undefined
}

/** A stand-in client: answers each request with the next scripted reply (a value, or an error to reject with). */
function fakeClient(replies: ((payload: Record<string, unknown>) => unknown)[]) {
  const calls: Call[] = []
  const client = {
    request: async (event: string, payload: Record<string, unknown>, options?: { timeout?: number }) => {
      calls.push({ event, payload, timeout: options?.timeout })
      const reply = replies.shift()
      if (!reply) throw new Error('no reply scripted')
      const value = reply(payload)
      if (value instanceof Error) throw value
      return value
    },
  } as unknown as Requester
  return { client, calls }
}

/** A room with messages 1..lastSeq that answers `history {after}` like the server. */
function historyPage(lastSeq: number) {
  return (payload: Record<string, unknown>) => {
    const after = Number(payload.after)
    const limit = Number(payload.limit)
    if (after > lastSeq) return new WsxError('remote', 'no such message')
    const messages: ChatMessage[] = []
    for (let seq = after + 1; seq <= Math.min(lastSeq, after + limit); seq++) messages.push(message(seq))
    return { room: 'r', messages, changes: [], hasMore: (messages.at(-1)?.seq ?? after) < lastSeq, lastSeq }
  }
}

describe('catching up', () => {
  test('a page that ends with changes to the room goes on after them, and hands them over', async () => {
    const roomChange = (seq: number) => ({
      room: 'r',
      seq,
      change: 'topic',
      username: 'ann',
      timestamp: seq,
      settings: { topic: 't', private: false, slowModeSeconds: 0, moderators: [] },
    })
    const { client, calls } = fakeClient([
      () => ({ room: 'r', messages: [message(11)], changes: [], roomChanges: [roomChange(12)], hasMore: true }),
      () => ({ room: 'r', messages: [message(13)], changes: [], roomChanges: [], hasMore: false }),
    ])
    const seen: number[] = []
    const result = await catchUp(client, 'r', 10, (messages, _changes, roomChanges) =>
      seen.push(...messages.map((m) => m.seq), ...roomChanges.map((c) => c.seq)),
    )
    expect(result).toBe('done')
    expect(calls.map((call) => call.payload.after)).toEqual([10, 12])
    expect(seen).toEqual([11, 12, 13])
  })

  test('pages forward 200 at a time until nothing more', async () => {
    const { client, calls } = fakeClient([historyPage(450), historyPage(450), historyPage(450)])
    const got: number[] = []
    const result = await catchUp(client, 'r', 10, (messages) => got.push(...messages.map((m) => m.seq)))
    expect(result).toBe('done')
    expect(calls.map((call) => call.payload)).toEqual([
      { room: 'r', after: 10, limit: 200 },
      { room: 'r', after: 210, limit: 200 },
      { room: 'r', after: 410, limit: 200 },
    ])
    expect(got).toEqual(Array.from({ length: 440 }, (_, i) => i + 11))
  })

  test('from an anchor, the first page starts at it and goes on only if the server holds that message there', async () => {
    const same = fakeClient([historyPage(300), historyPage(300)])
    const got: number[] = []
    const anchor = { seq: 8, messageId: 'm8' }
    expect(await catchUp(same.client, 'r', 10, (m) => got.push(...m.map((x) => x.seq)), undefined, anchor)).toBe('done')
    expect(same.calls.map((call) => call.payload.after)).toEqual([7, 207])
    expect(got[0]).toBe(8)
    expect(got.at(-1)).toBe(300)

    const other = fakeClient([historyPage(300)])
    const taken: number[] = []
    const lost = { seq: 8, messageId: 'lost-8' }
    expect(await catchUp(other.client, 'r', 10, (m) => taken.push(...m.map((x) => x.seq)), undefined, lost)).toBe(
      'refused',
    )
    expect(taken).toEqual([])
  })

  test('a page that ends in changes carries on after the last change, not the last message', async () => {
    const change = (seq: number) => ({
      room: 'r',
      seq,
      change: 'edited' as const,
      username: 'ann',
      timestamp: seq,
      message: { ...message(1), rev: seq },
    })
    const { client, calls } = fakeClient([
      () => ({ room: 'r', messages: [message(1)], changes: [change(2), change(3)], hasMore: true, lastSeq: 4 }),
      () => ({ room: 'r', messages: [message(4)], changes: [], hasMore: false, lastSeq: 4 }),
    ])
    const pages: [number[], number[]][] = []
    const result = await catchUp(client, 'r', 0, (messages, changes) =>
      pages.push([messages.map((m) => m.seq), changes.map((c) => c.seq)]),
    )
    expect(result).toBe('done')
    expect(calls.map((call) => call.payload.after)).toEqual([0, 3])
    expect(pages).toEqual([
      [[1], [2, 3]],
      [[4], []],
    ])
  })

  test('a refusal (after beyond the last seq) says so', async () => {
    const { client } = fakeClient([historyPage(5)])
    expect(await catchUp(client, 'r', 9, () => {})).toBe('refused')
  })

  test('a timed-out page is asked again; a dropped connection stops until the next rejoin', async () => {
    const timeout = () => new WsxError('timeout', 'slow')
    const { client, calls } = fakeClient([timeout, historyPage(20)])
    expect(await catchUp(client, 'r', 10, () => {})).toBe('done')
    expect(calls).toHaveLength(2)
    const dropped = fakeClient([() => new WsxError('closed', 'gone')])
    expect(await catchUp(dropped.client, 'r', 10, () => {})).toBe('interrupted')
    const slow = fakeClient([timeout, timeout, timeout, historyPage(20)])
    expect(await catchUp(slow.client, 'r', 10, () => {})).toBe('interrupted')
    expect(slow.calls).toHaveLength(3)
  })

  test('stops when a newer catch-up of the room took over', async () => {
    let stale = false
    const { client, calls } = fakeClient([historyPage(1000), historyPage(1000)])
    const result = await catchUp(
      client,
      'r',
      0,
      () => {
        stale = true
      },
      () => stale,
    )
    expect(result).toBe('interrupted')
    expect(calls).toHaveLength(1)
  })
})

describe('delivering a message', () => {
  const receipt = { messageId: 'm1', timestamp: 1, room: 'r', seq: 1 }
  const outgoing = { room: 'r', clientId: 'client-1234', message: 'hi' }

  test('sends its clientId and resolves with the receipt', async () => {
    const { client, calls } = fakeClient([() => receipt])
    expect(await deliverMessage(client, outgoing, 10_000)).toEqual(receipt)
    expect(calls[0]).toEqual({
      event: 'sendMessage',
      payload: { message: 'hi', room: 'r', clientId: 'client-1234' },
      timeout: 10_000,
    })
  })

  test('a reply names the message it answers', async () => {
    const { client, calls } = fakeClient([() => receipt])
    await deliverMessage(client, { ...outgoing, replyTo: 7 }, 10_000)
    expect(calls[0]?.payload).toEqual({ message: 'hi', room: 'r', clientId: 'client-1234', replyTo: 7 })
  })

  test('files go by their ids, and a message with files may have no text', async () => {
    const { client, calls } = fakeClient([() => receipt])
    const files = [{ id: 'AbCdEfGhIjKlMnOpQrStUv' }, { id: 'BbCdEfGhIjKlMnOpQrStUv' }]
    await deliverMessage(client, { ...outgoing, message: '', files }, 10_000)
    expect(calls[0]?.payload).toEqual({
      message: '',
      room: 'r',
      clientId: 'client-1234',
      files: ['AbCdEfGhIjKlMnOpQrStUv', 'BbCdEfGhIjKlMnOpQrStUv'],
    })
  })

  test('goes again with the same clientId when the connection drops, within the time left', async () => {
    let clock = 0
    const { client, calls } = fakeClient([
      () => {
        clock = 4_000
        return new WsxError('closed', 'gone')
      },
      () => receipt,
    ])
    expect(await deliverMessage(client, outgoing, 10_000, () => clock)).toEqual(receipt)
    expect(calls.map((call) => [call.payload.clientId, call.timeout])).toEqual([
      ['client-1234', 10_000],
      ['client-1234', 6_000],
    ])
  })

  test('fails on a refusal or a timeout, and on a drop once the time is up', async () => {
    const refused = fakeClient([() => new WsxError('remote', 'That message id was already used')])
    await expect(deliverMessage(refused.client, outgoing, 10_000)).rejects.toMatchObject({ code: 'remote' })
    const slow = fakeClient([() => new WsxError('timeout', 'slow')])
    await expect(deliverMessage(slow.client, outgoing, 10_000)).rejects.toMatchObject({ code: 'timeout' })
    let clock = 0
    const late = fakeClient([
      () => {
        clock = 10_000
        return new WsxError('closed', 'gone')
      },
    ])
    await expect(deliverMessage(late.client, outgoing, 10_000, () => clock)).rejects.toMatchObject({ code: 'closed' })
  })
})

describe('delivering a change', () => {
  const base = {
    clientId: 'change-1234',
    room: 'r',
    seq: 3,
    username: 'ann',
    createdAt: 1,
    status: 'pending' as const,
    error: null,
  }
  const answer = { room: 'r', changed: true, seq: 9, message: { ...message(3), rev: 9 } }

  test('each kind goes as its request, with its clientId', async () => {
    const changes: PendingChange[] = [
      { ...base, kind: 'edit', text: 'fixed' },
      { ...base, kind: 'delete' },
      { ...base, kind: 'react', emoji: '👍', add: false },
    ]
    const { client, calls } = fakeClient(changes.map(() => () => answer))
    for (const change of changes) expect(await deliverChange(client, change, 10_000)).toEqual(answer)
    expect(calls.map((call) => [call.event, call.payload])).toEqual([
      ['editMessage', { room: 'r', seq: 3, clientId: 'change-1234', message: 'fixed' }],
      ['deleteMessage', { room: 'r', seq: 3, clientId: 'change-1234' }],
      ['react', { room: 'r', seq: 3, clientId: 'change-1234', emoji: '👍', add: false }],
    ])
  })

  test('goes again under the same clientId after a drop, and fails on a refusal', async () => {
    const { client, calls } = fakeClient([() => new WsxError('closed', 'gone'), () => answer])
    await deliverChange(client, { ...base, kind: 'delete' }, 10_000)
    expect(calls.map((call) => call.payload.clientId)).toEqual(['change-1234', 'change-1234'])
    const refused = fakeClient([() => new WsxError('remote', 'You can only edit your own messages')])
    await expect(deliverChange(refused.client, { ...base, kind: 'edit', text: 'x' }, 10_000)).rejects.toMatchObject({
      message: 'You can only edit your own messages',
    })
  })
})
