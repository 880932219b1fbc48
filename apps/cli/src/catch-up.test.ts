import { expect, test } from 'bun:test'
import type { ChatMessage, HistoryResponse } from '@parley/events'
import { partedAt } from './catch-up.ts'

const message = (seq: number, messageId = `m${seq}`): ChatMessage => ({
  messageId,
  username: 'alice',
  message: `text ${seq}`,
  timestamp: seq,
  room: 'lobby',
  seq,
})

/** A server whose log is `log` (one message per seq from 1), answering `history {after}` with 200 at most. */
function server(log: ChatMessage[]) {
  const asked: number[] = []
  const pageAfter = async (after: number): Promise<HistoryResponse> => {
    asked.push(after)
    const messages = log.filter((m) => m.seq > after).slice(0, 200)
    return {
      room: 'lobby',
      messages,
      changes: [],
      roomChanges: [],
      hasMore: (messages.at(-1)?.seq ?? after) < log.length,
      lastSeq: log.length,
    }
  }
  return { pageAfter, asked }
}

const held = Array.from({ length: 100 }, (_, i) => message(i + 1))

test('a server that still holds the newest message held asks no more', async () => {
  const same = server([...held, message(101)])
  expect(await partedAt(held, same.pageAfter)).toBeUndefined()
  expect(same.asked).toEqual([99])
  expect(await partedAt([], same.pageAfter)).toBeUndefined()
})

test('a server that lost messages and stored others under their seqs parts at the last one both hold', async () => {
  // 61 to 100 were lost; 300 others came since, from 61 on.
  const rewound = server([...held.slice(0, 60), ...Array.from({ length: 300 }, (_, i) => message(61 + i, `x${i}`))])
  expect(await partedAt(held, rewound.pageAfter)).toBe(60)
  // The newest, then halving: a handful of pages, not one per message.
  expect(rewound.asked.length).toBeLessThanOrEqual(8)
  const allGone = server(Array.from({ length: 300 }, (_, i) => message(i + 1, `y${i}`)))
  expect(await partedAt(held.slice(50), allGone.pageAfter)).toBe(50)
})
