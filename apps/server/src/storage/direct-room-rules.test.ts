import { describe, expect, test } from 'bun:test'
import { disposableStore, postgresTestStore, sqliteTestStore, type TestStore } from '../../test/test-stores.ts'
import { MemoryMessageStore } from './memory-store.ts'
import type { NewRoomChange, RoomAction } from './message-store.ts'

let asked = 0

function ask(
  room: string,
  name: string,
  author: string | undefined,
  action: RoomAction,
  operator = false,
): NewRoomChange {
  asked += 1
  return { room, clientId: `direct-${asked}`, username: name, author, timestamp: 20_000 + asked, operator, action }
}

const stores: [string, () => Promise<TestStore>][] = [
  ['SQLite', sqliteTestStore],
  ['PostgreSQL', postgresTestStore],
  ['memory', async () => disposableStore(new MemoryMessageStore())],
]

const direct: RoomAction = {
  kind: 'create',
  private: true,
  direct: { names: ['alice', 'bob'], members: ['alice-session', 'bob-session'] },
}

for (const [name, open] of stores) {
  describe(`${name} store: direct conversations`, () => {
    test('made private for its two sessions, owned by nobody; nobody else admitted, nobody runs it', async () => {
      await using store = await open()
      const made = await store.roomChange(ask('dm-1', 'alice', 'alice-session', direct))
      const rules = {
        moderators: [],
        private: true,
        topic: '',
        slowModeSeconds: 0,
        mutes: [],
        bans: [],
        members: ['alice-session', 'bob-session'],
        direct: ['alice', 'bob'],
      }
      expect(made).toEqual({ kind: 'done', rules })
      expect(await store.roomRules('dm-1')).toEqual(rules)
      expect(await store.privateRooms()).toEqual(['dm-1'])
      expect(
        await store.roomChange(ask('dm-1', 'carol', 'carol-session', { kind: 'admit', invite: 'x'.repeat(22) })),
      ).toEqual({
        kind: 'refused',
        reason: 'That conversation is between two people: nobody else can join it',
      })
      const unrun = { kind: 'refused', reason: 'A direct conversation has no owner, moderators or invite' } as const
      const carol = { name: 'carol', author: 'carol-session' }
      expect(await store.roomChange(ask('dm-1', 'op', undefined, { kind: 'owner', target: carol }, true))).toEqual(
        unrun,
      )
      expect(
        await store.roomChange(ask('dm-1', 'op', undefined, { kind: 'rotateInvite', invite: 'y'.repeat(22) }, true)),
      ).toEqual(unrun)
      expect((await store.roomRules('dm-1'))?.members).toEqual(['alice-session', 'bob-session'])
    })
  })
}
