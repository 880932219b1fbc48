import { describe, expect, test } from 'bun:test'
import {
  disposableStore,
  newMessage,
  postgresTestStore,
  sqliteTestStore,
  type TestStore,
} from '../../test/test-stores.ts'
import { MemoryMessageStore } from './memory-store.ts'
import type { AppendOutcome } from './message-store.ts'
import { UNREAD_SCAN_MESSAGES } from './unread-range.ts'

const ME = 'my-session-hash'
const OTHER = 'their-session-hash'

const stores: [string, () => Promise<TestStore>][] = [
  ['SQLite', sqliteTestStore],
  ['PostgreSQL', postgresTestStore],
  ['memory', async () => disposableStore(new MemoryMessageStore())],
]

function seqOf(outcome: AppendOutcome): number {
  if (outcome.kind !== 'stored' && outcome.kind !== 'duplicate') throw new Error(`not stored: ${outcome.kind}`)
  return outcome.message.seq
}

/** Appends one message of `author`'s (none: a seed client's) to `room`; resolves to its seq. */
async function write(store: TestStore, room: string, author: string | undefined): Promise<number> {
  return seqOf(await store.append(newMessage(room, 'hello', author === undefined ? {} : { author })))
}

for (const [name, open] of stores) {
  describe(`${name} unread count`, () => {
    test("counts others' messages after the position, not the session's own nor deleted ones", async () => {
      await using store = await open()
      const first = await write(store, 'lobby', OTHER)
      await write(store, 'lobby', ME)
      const doomed = await write(store, 'lobby', OTHER)
      await write(store, 'lobby', undefined)
      const last = await write(store, 'lobby', OTHER)
      const removed = await store.change({
        room: 'lobby',
        target: doomed,
        clientId: 'delete-1',
        username: 'them',
        author: OTHER,
        timestamp: 9_000,
        kind: 'delete',
      })
      expect(removed.kind).toBe('changed')
      const through = await store.lastSeq('lobby')
      const count = (after: number, limit = 1000) => store.unreadCount('lobby', { after, through, author: ME, limit })
      expect(await count(0)).toBe(3)
      expect(await count(first)).toBe(2)
      expect(await count(last)).toBe(0)
      // Counting stops at the limit; another session counts mine as unread.
      expect(await count(0, 2)).toBe(2)
      expect(await store.unreadCount('lobby', { after: 0, through, author: OTHER, limit: 1000 })).toBe(2)
      // Nothing past `through`, and nothing in another room.
      expect(await store.unreadCount('lobby', { after: 0, through: first, author: ME, limit: 1000 })).toBe(1)
      expect(await store.unreadCount('elsewhere', { after: 0, through, author: ME, limit: 1000 })).toBe(0)
    })

    test(`looks at the newest ${UNREAD_SCAN_MESSAGES} messages after the position, no further`, async () => {
      await using store = await open()
      await write(store, 'lobby', OTHER)
      const mine = Array.from({ length: UNREAD_SCAN_MESSAGES }, () => newMessage('lobby', 'mine', { author: ME }))
      await Promise.all(mine.map((message) => store.append(message)))
      const through = await write(store, 'lobby', OTHER)
      expect(await store.unreadCount('lobby', { after: 0, through, author: ME, limit: 1000 })).toBe(1)
    })
  })
}
