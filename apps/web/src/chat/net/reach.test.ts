import { describe, expect, test } from 'bun:test'
import type { ChatMessage } from '@parley/events'
import { reachBackTo, UnreachableMessage } from './reach.ts'
import type { Requester } from './sync.ts'

function message(seq: number): ChatMessage {
  return { messageId: `m${seq}`, username: 'ann', message: `msg ${seq}`, timestamp: seq, room: 'r', seq }
}

/**
 * A room whose log holds messages at `seqs` (the seqs between are changes), answering
 * `history {around}` and `history {before}` as the server does.
 */
function room(seqs: number[]) {
  const calls: Record<string, unknown>[] = []
  const client = {
    request: async (_event: string, payload: Record<string, unknown>) => {
      calls.push(payload)
      const limit = Number(payload.limit)
      if (typeof payload.around === 'number') {
        const at = seqs.findIndex((seq) => seq >= Number(payload.around))
        const from = Math.max(0, at - Math.floor(limit / 2))
        const page = seqs.slice(from, from + limit)
        return { room: 'r', messages: page.map(message), changes: [], hasMore: from > 0, lastSeq: 0 }
      }
      const older = seqs.filter((seq) => seq < Number(payload.before))
      const page = older.slice(-limit)
      return { room: 'r', messages: page.map(message), changes: [], hasMore: older.length > limit, lastSeq: 0 }
    },
  } as unknown as Requester
  return { client, calls }
}

const held = (messages: ChatMessage[]) => messages.map((m) => m.seq)

describe('reaching back to a message', () => {
  test('fetches the page around it and every message from there to the oldest held, across change seqs', async () => {
    // Messages at odd seqs 1..1999 (the even ones are changes); the tab holds from 1901.
    const seqs = Array.from({ length: 1000 }, (_, i) => 2 * i + 1)
    const { client, calls } = room(seqs)
    const reached = await reachBackTo(client, 'r', 1501, 1901)
    expect(reached.kind).toBe('run')
    const got = [...new Set(held(reached.messages))].sort((a, b) => a - b)
    // One unbroken run of the room's messages, from before the target to just before the oldest held.
    expect(got).toEqual(seqs.filter((seq) => seq < 1901 && seq >= (got[0] ?? 0)))
    expect(got[0]).toBeLessThan(1501)
    expect(calls[0]).toEqual({ room: 'r', around: 1501, limit: 50 })
    expect(calls.slice(1).map((call) => call.before)).toEqual([1901])
  })

  test('stops after the around page when it already meets what is held', async () => {
    const seqs = Array.from({ length: 100 }, (_, i) => i + 1)
    const { client, calls } = room(seqs)
    expect((await reachBackTo(client, 'r', 60, 80)).kind).toBe('run')
    expect(calls).toHaveLength(1)
  })

  test('a message the room does not have says so in words', async () => {
    const { client } = room([1, 2, 3, 10])
    await expect(reachBackTo(client, 'r', 5, 10)).rejects.toBeInstanceOf(UnreachableMessage)
  })

  test('one too far back for a run, or with nothing to join, comes as the page around it alone: a window', async () => {
    const long = room(Array.from({ length: 10_000 }, (_, i) => i + 1))
    const far = await reachBackTo(long.client, 'r', 100, 9_000)
    expect(far.kind).toBe('window')
    expect(held(far.messages)).toContain(100)
    expect(long.calls).toHaveLength(1)
    const inGap = await reachBackTo(long.client, 'r', 8_990, null)
    expect(inGap.kind).toBe('window')
    expect(long.calls).toHaveLength(2)
    // Just within reach: one unbroken run, however many pages.
    const near = await reachBackTo(long.client, 'r', 8_700, 9_000)
    expect(near.kind).toBe('run')
    expect(Math.max(...held(near.messages))).toBe(8_999)
  })
})
