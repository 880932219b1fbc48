import { describe, expect, test } from 'bun:test'
import { join } from 'node:path'
import { SQL } from 'bun'
import { temporaryPostgresSchema } from '../../test/postgres-schema.ts'
import { temporaryDataDir } from '../../test/start-parley.ts'
import {
  disposableStore,
  newMessage,
  postgresTestStore,
  sqliteTestStore,
  type TestStore,
} from '../../test/test-stores.ts'
import { MemoryMessageStore } from './memory-store.ts'
import type {
  LogEntry,
  MessageStore,
  NewRoomChange,
  RoomAction,
  RoomChangeOutcome,
  RoomChangeRecord,
  RoomRules,
} from './message-store.ts'
import { openStore } from './open-store.ts'

interface Who {
  name: string
  author: string | undefined
  operator?: boolean
}

const OWNER: Who = { name: 'Olive', author: 'olive-session' }
const MOD: Who = { name: 'Mo', author: 'mo-session' }
const MOD2: Who = { name: 'Max', author: 'max-session' }
const STRANGER: Who = { name: 'Sam', author: 'sam-session' }
const OPERATOR: Who = { name: 'operator', author: undefined, operator: true }
const INVITE = 'invite-token-0123456789'

let asked = 0

/** `who` asks for `action` in `room`, under a clientId and at a time of its own (unless given). */
function ask(room: string, who: Who, action: RoomAction, extra: Partial<NewRoomChange> = {}): NewRoomChange {
  asked += 1
  return {
    room,
    clientId: `room-change-${asked}`,
    username: who.name,
    author: who.author,
    timestamp: 10_000 + asked,
    operator: who.operator ?? false,
    action,
    ...extra,
  }
}

function changed(outcome: RoomChangeOutcome): { change: RoomChangeRecord; rules: RoomRules } {
  if (outcome.kind !== 'changed') throw new Error(`expected a change, got ${JSON.stringify(outcome)}`)
  return outcome
}

const refusal = (reason: string) => ({ kind: 'refused', reason }) as const

/** A room owned by OWNER, with MOD as its moderator. */
async function ownedRoom(store: MessageStore, room: string, isPrivate = false): Promise<void> {
  const made = await store.roomChange(ask(room, OWNER, { kind: 'create', private: isPrivate, invite: INVITE }))
  expect(made.kind).toBe('done')
  changed(
    await store.roomChange(
      ask(room, OWNER, { kind: 'moderator', target: { name: 'Mo', author: 'mo-session' }, add: true }),
    ),
  )
}

const entryWords = (entry: LogEntry) =>
  entry.kind === 'message'
    ? `${entry.message.seq} message`
    : entry.kind === 'change'
      ? `${entry.change.seq} ${entry.change.kind}`
      : `${entry.change.seq} room ${entry.change.kind}`

const stores: [string, () => Promise<TestStore>][] = [
  ['SQLite', sqliteTestStore],
  ['PostgreSQL', postgresTestStore],
  ['memory', async () => disposableStore(new MemoryMessageStore())],
]

for (const [name, open] of stores) {
  describe(`${name} store: room rules`, () => {
    test('a room that never existed has no rules; creating it makes the asker its owner, once', async () => {
      await using store = await open()
      expect(await store.roomRules('new')).toBeUndefined()
      const made = await store.roomChange(ask('new', OWNER, { kind: 'create', private: false }))
      const rules: RoomRules = {
        owner: { name: 'Olive', author: 'olive-session' },
        moderators: [],
        private: false,
        topic: '',
        slowModeSeconds: 0,
        mutes: [],
        bans: [],
        members: [],
      }
      expect(made).toEqual({ kind: 'done', rules })
      expect(await store.roomRules('new')).toEqual(rules)
      // Creating takes no place in the log.
      expect(await store.lastSeq('new')).toBe(0)
      expect(await store.roomChange(ask('new', STRANGER, { kind: 'create', private: true }))).toEqual({
        kind: 'unchanged',
        rules,
      })
      // A room with messages exists, rules or not.
      await store.append(newMessage('chatty', 'hello'))
      expect(await store.roomChange(ask('chatty', STRANGER, { kind: 'create', private: false }))).toMatchObject({
        kind: 'unchanged',
        rules: { moderators: [], private: false },
      })
      expect((await store.roomRules('chatty'))?.owner).toBeUndefined()
    })

    test('two creates at once: one makes the room, the other finds it', async () => {
      await using store = await open()
      const outcomes = await Promise.all([
        store.roomChange(ask('race', OWNER, { kind: 'create', private: true, invite: INVITE })),
        store.roomChange(ask('race', STRANGER, { kind: 'create', private: false })),
      ])
      expect(outcomes.map((outcome) => outcome.kind)).toEqual(['done', 'unchanged'])
      expect(await store.roomRules('race')).toMatchObject({ owner: { name: 'Olive' }, private: true, invite: INVITE })
      expect(await store.privateRooms()).toEqual(['race'])
    })

    test('a private room admits by its current invite only', async () => {
      await using store = await open()
      expect(await store.roomChange(ask('secret', STRANGER, { kind: 'admit', invite: INVITE }))).toEqual(
        refusal('That room does not exist'),
      )
      await ownedRoom(store, 'secret', true)
      expect((await store.roomRules('secret'))?.members).toEqual(['olive-session'])
      expect(
        await store.roomChange(ask('secret', STRANGER, { kind: 'admit', invite: 'not-the-invite-at-all' })),
      ).toEqual(refusal("That invite link is not valid any more: ask the room's owner for a new one"))
      const admitted = await store.roomChange(ask('secret', STRANGER, { kind: 'admit', invite: INVITE }))
      expect(admitted).toMatchObject({ kind: 'done', rules: { members: ['olive-session', 'sam-session'] } })
      expect((await store.roomChange(ask('secret', STRANGER, { kind: 'admit', invite: INVITE }))).kind).toBe(
        'unchanged',
      )
      // A rotated invite: the old one admits nobody more.
      expect(
        await store.roomChange(ask('secret', STRANGER, { kind: 'rotateInvite', invite: 'new-invite-0123456789' })),
      ).toEqual(refusal("Only the room's owner and moderators can do that"))
      const rotated = changed(
        await store.roomChange(ask('secret', MOD, { kind: 'rotateInvite', invite: 'new-invite-0123456789' })),
      )
      expect(rotated.change).toMatchObject({ kind: 'inviteRotated', username: 'Mo' })
      expect(JSON.stringify(rotated.change)).not.toContain('invite-0123456789')
      expect(
        (
          await store.roomChange(
            ask('secret', { name: 'Zed', author: 'zed-session' }, { kind: 'admit', invite: INVITE }),
          )
        ).kind,
      ).toBe('refused')
      // Removing a member forgets the session; a public room admits anyone without asking.
      changed(
        await store.roomChange(
          ask('secret', OWNER, { kind: 'remove', target: { name: 'Sam', author: 'sam-session' } }),
        ),
      )
      expect((await store.roomRules('secret'))?.members).toEqual(['olive-session'])
      await ownedRoom(store, 'open')
      expect((await store.roomChange(ask('open', STRANGER, { kind: 'admit', invite: INVITE }))).kind).toBe('unchanged')
      expect(
        await store.roomChange(ask('open', OWNER, { kind: 'rotateInvite', invite: 'new-invite-0123456789' })),
      ).toEqual(refusal('Only a private room has an invite'))
      expect(await store.privateRooms()).toEqual(['secret'])
    })

    test('the owner, moderators and the operator may set the topic and slow mode; nobody else', async () => {
      await using store = await open()
      expect(await store.roomChange(ask('r', OWNER, { kind: 'topic', topic: 'hi' }))).toEqual(
        refusal('That room does not exist'),
      )
      await ownedRoom(store, 'r')
      expect(changed(await store.roomChange(ask('r', OWNER, { kind: 'topic', topic: 'by owner' }))).rules.topic).toBe(
        'by owner',
      )
      expect(changed(await store.roomChange(ask('r', MOD, { kind: 'topic', topic: 'by mod' }))).rules.topic).toBe(
        'by mod',
      )
      expect(
        changed(await store.roomChange(ask('r', OPERATOR, { kind: 'topic', topic: 'by operator' }))).change,
      ).toMatchObject({
        kind: 'topic',
        username: 'operator',
      })
      expect(await store.roomChange(ask('r', STRANGER, { kind: 'topic', topic: 'by stranger' }))).toEqual(
        refusal("Only the room's owner and moderators can do that"),
      )
      // The name alone is no right: the session is.
      expect(
        await store.roomChange(ask('r', { name: 'Olive', author: 'forged' }, { kind: 'slowMode', seconds: 5 })),
      ).toEqual(refusal("Only the room's owner and moderators can do that"))
      expect((await store.roomChange(ask('r', OWNER, { kind: 'topic', topic: 'by operator' }))).kind).toBe('unchanged')
      expect(
        changed(await store.roomChange(ask('r', MOD, { kind: 'slowMode', seconds: 30 }))).rules.slowModeSeconds,
      ).toBe(30)
      expect((await store.roomChange(ask('r', OWNER, { kind: 'slowMode', seconds: 30 }))).kind).toBe('unchanged')
      expect(await store.roomRules('r')).toMatchObject({ topic: 'by operator', slowModeSeconds: 30 })
    })

    test('only the owner and the operator name moderators and hand the room over', async () => {
      await using store = await open()
      await ownedRoom(store, 'r')
      const addMax: RoomAction = { kind: 'moderator', target: { name: 'Max', author: 'max-session' }, add: true }
      expect(await store.roomChange(ask('r', MOD, addMax))).toEqual(
        refusal("Only the room's owner can name moderators"),
      )
      expect(await store.roomChange(ask('r', STRANGER, addMax))).toEqual(
        refusal("Only the room's owner can name moderators"),
      )
      expect(changed(await store.roomChange(ask('r', OPERATOR, addMax))).change).toMatchObject({
        kind: 'moderatorAdded',
        target: 'Max',
      })
      expect((await store.roomChange(ask('r', OWNER, addMax))).kind).toBe('unchanged')
      expect(
        (
          await store.roomChange(
            ask('r', OWNER, { kind: 'moderator', target: { name: 'Olive', author: 'olive-session' }, add: true }),
          )
        ).kind,
      ).toBe('refused')
      const dropMax: RoomAction = { ...addMax, add: false }
      expect(changed(await store.roomChange(ask('r', OWNER, dropMax))).change.kind).toBe('moderatorRemoved')
      expect((await store.roomChange(ask('r', OWNER, dropMax))).kind).toBe('unchanged')

      const toMo: RoomAction = { kind: 'owner', target: { name: 'Mo', author: 'mo-session' } }
      expect((await store.roomChange(ask('r', STRANGER, toMo))).kind).toBe('refused')
      expect((await store.roomChange(ask('r', MOD, toMo))).kind).toBe('refused')
      const handed = changed(await store.roomChange(ask('r', OWNER, toMo)))
      expect(handed.change).toMatchObject({ kind: 'owner', target: 'Mo', username: 'Olive' })
      // The new owner is no longer a moderator; the old one has no rights left.
      expect(handed.rules).toMatchObject({ owner: { name: 'Mo', author: 'mo-session' }, moderators: [] })
      expect((await store.roomChange(ask('r', MOD, toMo))).kind).toBe('unchanged')
      expect((await store.roomChange(ask('r', OWNER, { kind: 'topic', topic: 'mine again' }))).kind).toBe('refused')
      expect(
        changed(
          await store.roomChange(
            ask('r', OPERATOR, { kind: 'owner', target: { name: 'Olive', author: 'olive-session' } }),
          ),
        ).rules.owner,
      ).toEqual({
        name: 'Olive',
        author: 'olive-session',
      })
    })

    test('moderation: moderators act on others, never on the owner, each other or themselves', async () => {
      await using store = await open()
      await ownedRoom(store, 'r')
      changed(
        await store.roomChange(
          ask('r', OWNER, { kind: 'moderator', target: { name: 'Max', author: 'max-session' }, add: true }),
        ),
      )
      const onModerators = refusal('Moderators cannot act on the owner or other moderators')
      expect(await store.roomChange(ask('r', MOD, { kind: 'mute', target: { name: 'olive' } }))).toEqual(onModerators)
      expect(await store.roomChange(ask('r', MOD, { kind: 'ban', target: { name: 'MAX' }, addresses: [] }))).toEqual(
        onModerators,
      )
      expect(
        await store.roomChange(ask('r', MOD, { kind: 'remove', target: { name: 'Olive2', author: 'olive-session' } })),
      ).toEqual(onModerators)
      expect(await store.roomChange(ask('r', MOD2, { kind: 'mute', target: { name: 'max' } }))).toEqual(
        refusal('You cannot do that to yourself'),
      )
      expect(await store.roomChange(ask('r', STRANGER, { kind: 'mute', target: { name: 'Zed' } }))).toEqual(
        refusal("Only the room's owner and moderators can do that"),
      )
      // The owner may act on moderators; the operator on anyone.
      expect(
        changed(await store.roomChange(ask('r', OWNER, { kind: 'mute', target: { name: 'Max' }, until: 99_999 })))
          .change,
      ).toEqual(expect.objectContaining({ kind: 'muted', target: 'Max', until: 99_999 }))
      const muted = changed(
        await store.roomChange(ask('r', MOD, { kind: 'mute', target: { name: 'Sam', author: 'sam-session' } })),
      )
      // A later mute of the same name (any case) replaces the earlier one.
      const again = changed(
        await store.roomChange(ask('r', OPERATOR, { kind: 'mute', target: { name: 'SAM' }, until: 50_000 })),
      )
      expect(again.rules.mutes.map((s) => [s.key, s.name, s.until])).toEqual([
        ['max', 'Max', 99_999],
        ['sam', 'SAM', 50_000],
      ])
      expect(muted.rules.mutes.map((s) => s.key)).toEqual(['max', 'sam'])
      expect(
        changed(await store.roomChange(ask('r', MOD, { kind: 'unmute', target: { name: 'sam' } }))).change.kind,
      ).toBe('unmuted')
      expect((await store.roomChange(ask('r', MOD, { kind: 'unmute', target: { name: 'sam' } }))).kind).toBe(
        'unchanged',
      )

      const banned = changed(
        await store.roomChange(
          ask('r', MOD, { kind: 'ban', target: { name: 'Sam', author: 'sam-session' }, addresses: ['203.0.113.9'] }),
        ),
      )
      expect(banned.change).toEqual(
        expect.objectContaining({ kind: 'banned', target: 'Sam', address: true, username: 'Mo' }),
      )
      expect(JSON.stringify(banned.change)).not.toContain('203.0.113.9')
      expect(banned.rules.bans).toEqual([
        { key: 'sam', name: 'Sam', author: 'sam-session', addresses: ['203.0.113.9'] },
      ])
      expect(
        changed(await store.roomChange(ask('r', OWNER, { kind: 'unban', target: { name: 'Sam' } }))).rules.bans,
      ).toEqual([])
      expect((await store.roomChange(ask('r', OWNER, { kind: 'unban', target: { name: 'Sam' } }))).kind).toBe(
        'unchanged',
      )

      // The moderation record, newest first, never with an address.
      const record = await store.roomChangesBefore('r', undefined, 3)
      expect(record.map((c) => [c.kind, c.target])).toEqual([
        ['unbanned', 'Sam'],
        ['banned', 'Sam'],
        ['unmuted', 'sam'],
      ])
      const older = await store.roomChangesBefore('r', record.at(-1)?.seq, 100)
      expect(older.map((c) => c.kind)).toEqual(['muted', 'muted', 'muted', 'moderatorAdded', 'moderatorAdded'])
      expect(JSON.stringify([...record, ...older])).not.toContain('203.0.113.9')
    })

    test('a sanction past its end is dropped when the rules are next written', async () => {
      await using store = await open()
      await ownedRoom(store, 'r')
      changed(
        await store.roomChange(
          ask('r', MOD, { kind: 'mute', target: { name: 'Sam' }, until: 20_000 }, { timestamp: 15_000 }),
        ),
      )
      changed(
        await store.roomChange(
          ask('r', MOD, { kind: 'ban', target: { name: 'Zed' }, until: 21_000, addresses: [] }, { timestamp: 15_001 }),
        ),
      )
      changed(await store.roomChange(ask('r', MOD, { kind: 'mute', target: { name: 'Amy' } }, { timestamp: 15_002 })))
      expect((await store.roomRules('r'))?.mutes.map((s) => s.key)).toEqual(['sam', 'amy'])
      // Past the mute's end: unmuting it changes nothing, and the next write leaves it out.
      expect(
        (await store.roomChange(ask('r', MOD, { kind: 'unmute', target: { name: 'Sam' } }, { timestamp: 20_500 })))
          .kind,
      ).toBe('unchanged')
      const later = changed(
        await store.roomChange(ask('r', MOD, { kind: 'topic', topic: 'later' }, { timestamp: 20_500 })),
      )
      expect(later.rules.mutes.map((s) => s.key)).toEqual(['amy'])
      expect(later.rules.bans.map((s) => s.key)).toEqual(['zed'])
      expect(await store.roomRules('r')).toMatchObject({
        mutes: [{ key: 'amy' }],
        bans: [{ key: 'zed', until: 21_000 }],
      })
    })

    test('a change sent again under its clientId is a duplicate; another change under it is refused', async () => {
      await using store = await open()
      await ownedRoom(store, 'r')
      const topic = ask('r', MOD, { kind: 'topic', topic: 'once' })
      const first = changed(await store.roomChange(topic))
      changed(await store.roomChange(ask('r', MOD, { kind: 'topic', topic: 'twice' })))
      expect(await store.roomChange({ ...topic, timestamp: topic.timestamp + 5 })).toEqual({
        kind: 'duplicate',
        change: first.change,
        rules: expect.objectContaining({ topic: 'twice' }),
      })
      expect(await store.roomChange({ ...topic, action: { kind: 'slowMode', seconds: 9 } })).toEqual(
        refusal('That change id was already used for a different change'),
      )
      // Changes to messages share the room's change ids.
      const message = await store.append(newMessage('r', 'hello', { author: 'olive-session' }))
      if (message.kind !== 'stored') throw new Error('not stored')
      const react = {
        room: 'r',
        target: message.message.seq,
        clientId: topic.clientId,
        username: 'Mo',
        author: 'mo-session',
        timestamp: 30_000,
        kind: 'react',
        emoji: '👍',
        add: true,
      } as const
      expect(await store.change(react)).toEqual(refusal('That change id was already used for a different change'))
      changed(await store.roomChange(ask('r', MOD, { kind: 'topic', topic: 'thrice' }, { clientId: 'shared' })))
      expect(await store.change({ ...react, clientId: 'shared' })).toEqual(
        refusal('That change id was already used for a different change'),
      )
      expect((await store.change({ ...react, clientId: 'own' })).kind).toBe('changed')
      expect(await store.roomChange(ask('r', MOD, { kind: 'topic', topic: 'fourth' }, { clientId: 'own' }))).toEqual(
        refusal('That change id was already used for a different change'),
      )
    })

    test('changes to the room take the log seqs messages take, with no gaps, and after() brings them with the rules', async () => {
      await using store = await open()
      await ownedRoom(store, 'r') // 1: moderator added
      const outcomes = await Promise.all([
        store.append(newMessage('r', 'one')), // 2
        store.roomChange(ask('r', MOD, { kind: 'topic', topic: 'first' })), // 3
        store.roomChange(ask('r', STRANGER, { kind: 'topic', topic: 'refused' })), // none
        store.append(newMessage('r', 'two')), // 4
        store.roomChange(ask('r', MOD, { kind: 'topic', topic: 'first' })), // unchanged
        store.roomChange(ask('r', OWNER, { kind: 'slowMode', seconds: 10 })), // 5
      ])
      expect(outcomes.map((o) => o.kind)).toEqual(['stored', 'changed', 'refused', 'stored', 'unchanged', 'changed'])
      expect(await store.lastSeq('r')).toBe(5)
      const log = await store.after('r', 0, 10)
      expect(log.map(entryWords)).toEqual([
        '1 room moderatorAdded',
        '2 message',
        '3 room topic',
        '4 message',
        '5 room slowMode',
      ])
      for (const entry of log) {
        if (entry.kind === 'room') expect(entry.rules).toMatchObject({ topic: 'first', slowModeSeconds: 10 })
      }
      // Each change keeps what it set, whatever the rules became later.
      const set = log.flatMap((entry) =>
        entry.kind === 'room' ? [[entry.change.topic, entry.change.slowModeSeconds]] : [],
      )
      expect(set).toEqual([
        [undefined, undefined],
        ['first', undefined],
        [undefined, 10],
      ])
      expect((await store.after('r', 2, 2)).map(entryWords)).toEqual(['3 room topic', '4 message'])
      // Earlier pages stay messages only.
      expect((await store.before('r', undefined, 10)).map((m) => m.seq)).toEqual([2, 4])
      expect((await store.around('r', 3, 10)).messages.map((m) => m.seq)).toEqual([2, 4])
    })
  })
}

describe('rules last', () => {
  test('SQLite: the rules and the moderation record survive reopening', async () => {
    using data = temporaryDataDir()
    const first = await openStore({ dataDir: data.dataDir })
    await ownedRoom(first, 'kept', true)
    changed(
      await first.roomChange(ask('kept', MOD, { kind: 'ban', target: { name: 'Sam' }, addresses: ['198.51.100.7'] })),
    )
    const rules = await first.roomRules('kept')
    await first.close()
    await using second = disposableStore(await openStore({ dataDir: data.dataDir }))
    expect(await second.roomRules('kept')).toEqual(rules)
    expect((await second.roomChangesBefore('kept', undefined, 10)).map((c) => c.kind)).toEqual([
      'banned',
      'moderatorAdded',
    ])
    expect(await second.privateRooms()).toEqual(['kept'])
    // The log's changes to the room hold no address and no invite.
    const sql = new SQL({ adapter: 'sqlite', filename: join(data.dataDir, 'parley.db') })
    const rows = await sql`SELECT * FROM changes`
    await sql.close()
    expect(JSON.stringify(rows)).not.toContain('198.51.100.7')
    expect(JSON.stringify(rows)).not.toContain(INVITE)
  })

  test('PostgreSQL: two instances see the same rules, and two creating one room at once make it once', async () => {
    await using schema = await temporaryPostgresSchema()
    await using one = disposableStore(await openStore({ dataDir: '', databaseUrl: schema.url }))
    await using two = disposableStore(await openStore({ dataDir: '', databaseUrl: schema.url }))
    for (let i = 0; i < 5; i++) {
      const outcomes = await Promise.all([
        one.roomChange(ask(`race-${i}`, OWNER, { kind: 'create', private: false })),
        two.roomChange(ask(`race-${i}`, STRANGER, { kind: 'create', private: true, invite: INVITE })),
      ])
      expect(outcomes.map((o) => o.kind).sort()).toEqual(['done', 'unchanged'])
      const winner = outcomes.find((o) => o.kind === 'done')?.rules
      expect(await one.roomRules(`race-${i}`)).toEqual(winner as RoomRules)
      expect(await two.roomRules(`race-${i}`)).toEqual(winner as RoomRules)
    }
    // A batch that locked a room and wrote nothing leaves no room behind.
    expect(await one.roomChange(ask('ghost', OWNER, { kind: 'topic', topic: 'boo' }))).toEqual(
      refusal('That room does not exist'),
    )
    expect(await two.roomRules('ghost')).toBeUndefined()
    await ownedRoom(one, 'shared')
    changed(await two.roomChange(ask('shared', MOD, { kind: 'topic', topic: 'from two' })))
    expect(await one.roomRules('shared')).toMatchObject({ topic: 'from two', owner: { name: 'Olive' } })
  })
})
