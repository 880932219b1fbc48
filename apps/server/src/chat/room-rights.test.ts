import { describe, expect, test } from 'bun:test'
import { failure, nextPush } from '../../test/clients.ts'
import { type Parley, startParley } from '../../test/start-parley.ts'
import { until } from '../../test/until.ts'

const ADMIN_TOKEN = 'operator-token-0123456789'
let ids = 0
const clientId = () => `rights-change-${++ids}`

/** Alice makes room `r` (so owns it); bob and carol join it. */
async function ownedRoom(parley: Parley) {
  const [alice, bob, carol] = [parley.client(), parley.client(), parley.client()]
  const joined = await alice.request('join', { username: 'alice', room: 'r' })
  await bob.request('join', { username: 'bob', room: 'r' })
  await carol.request('join', { username: 'carol', room: 'r' })
  return { alice, bob, carol, joined }
}

describe('owners and moderators', () => {
  test('the default room is never private and has no owner until the operator names one', async () => {
    await using parley = await startParley({ adminToken: ADMIN_TOKEN })
    const [mallory, op] = [parley.client(), parley.client()]
    const first = await mallory.request('join', { username: 'mallory', private: true })
    expect(first.settings).toEqual({ topic: '', private: false, slowModeSeconds: 0, moderators: [] })
    expect(await failure(mallory.request('setTopic', { room: 'general', topic: 'mine', clientId: clientId() }))).toBe(
      "Only the room's owner and moderators can do that",
    )
    await op.request('join', { username: 'op' })
    await op.request('operator', { token: ADMIN_TOKEN })
    const named = await op.request('setOwner', { room: 'general', username: 'op', clientId: clientId() })
    expect(named.settings.owner).toBe('op')
  })

  test('the first to join a new room owns it; later joiners see its owner', async () => {
    await using parley = await startParley()
    const { bob, joined } = await ownedRoom(parley)
    expect(joined.settings).toEqual({ topic: '', private: false, slowModeSeconds: 0, owner: 'alice', moderators: [] })
    expect((await bob.request('join', { username: 'bob', room: 'r' })).settings.owner).toBe('alice')
  })

  test('the owner sets the topic; everyone hears it as a change in the log; others are refused and nothing changes', async () => {
    await using parley = await startParley()
    const { alice, bob } = await ownedRoom(parley)
    const heard = nextPush(bob, 'roomChanged')
    const answer = await alice.request('setTopic', { room: 'r', topic: '  Release **Friday**  ', clientId: clientId() })
    expect(answer).toMatchObject({ room: 'r', changed: true, seq: 1, settings: { topic: 'Release **Friday**' } })
    expect(await heard).toMatchObject({ room: 'r', seq: 1, change: 'topic', username: 'alice' })
    expect(await failure(bob.request('setTopic', { room: 'r', topic: 'mine now', clientId: clientId() }))).toBe(
      "Only the room's owner and moderators can do that",
    )
    // The change takes its place in the log: a message after it is 2, and catching up brings both.
    await bob.request('sendMessage', { room: 'r', message: 'ok' })
    const page = await bob.request('history', { room: 'r', after: 0 })
    expect(page.roomChanges.map((c) => [c.seq, c.change, c.settings.topic])).toEqual([
      [1, 'topic', 'Release **Friday**'],
    ])
    expect(page.messages.map((m) => m.seq)).toEqual([2])
    expect((await parley.client().request('join', { username: 'dave', room: 'r' })).settings.topic).toBe(
      'Release **Friday**',
    )
  })

  test('a moderator named by the owner moderates, but not the owner; only the owner names moderators', async () => {
    await using parley = await startParley()
    const { alice, bob, carol } = await ownedRoom(parley)
    expect(
      await failure(bob.request('setModerator', { room: 'r', username: 'carol', add: true, clientId: clientId() })),
    ).toBe("Only the room's owner can name moderators")
    const named = await alice.request('setModerator', { room: 'r', username: 'BOB', add: true, clientId: clientId() })
    expect(named.settings.moderators).toEqual(['bob'])
    await bob.request('setTopic', { room: 'r', topic: 'by bob', clientId: clientId() })
    expect(
      await failure(bob.request('moderate', { room: 'r', username: 'alice', action: 'mute', clientId: clientId() })),
    ).toBe('Moderators cannot act on the owner or other moderators')
    await bob.request('moderate', { room: 'r', username: 'carol', action: 'mute', clientId: clientId() })
    const removed = await alice.request('setModerator', {
      room: 'r',
      username: 'bob',
      add: false,
      clientId: clientId(),
    })
    expect(removed.settings.moderators).toEqual([])
    expect(await failure(bob.request('setTopic', { room: 'r', topic: 'again', clientId: clientId() }))).toBe(
      "Only the room's owner and moderators can do that",
    )
    expect(carol).toBeDefined()
  })

  test('rights belong to the session, not the name: whoever takes the name later, or forges a token, has none', async () => {
    await using parley = await startParley()
    const { alice, joined } = await ownedRoom(parley)
    alice.close()
    const mallory = parley.client()
    await until(
      async () =>
        (await mallory.request('join', { username: 'alice', room: 'r' }).catch(() => undefined)) !== undefined,
    )
    expect(await failure(mallory.request('setTopic', { room: 'r', topic: 'owned', clientId: clientId() }))).toBe(
      "Only the room's owner and moderators can do that",
    )
    const forger = parley.client()
    const forged = `${joined.token.slice(0, -4)}AAAA`
    await forger.request('join', { username: 'alicia', room: 'r', token: forged })
    expect(await failure(forger.request('setTopic', { room: 'r', topic: 'owned', clientId: clientId() }))).toBe(
      "Only the room's owner and moderators can do that",
    )
    // The owner's own session, back under its name, still owns it.
    await mallory.request('leave', { room: 'r' })
    const back = parley.client()
    await until(
      async () =>
        (await back.request('join', { username: 'alice', room: 'r', token: joined.token }).catch(() => undefined)) !==
        undefined,
    )
    expect((await back.request('setTopic', { room: 'r', topic: 'mine', clientId: clientId() })).changed).toBe(true)
  })

  test('owners and moderators delete anyone’s message; others only their own', async () => {
    await using parley = await startParley()
    const { alice, bob, carol } = await ownedRoom(parley)
    const sent = await carol.request('sendMessage', { room: 'r', message: 'rude' })
    expect(await failure(bob.request('deleteMessage', { room: 'r', seq: sent.seq, clientId: clientId() }))).toBe(
      'You can only delete your own messages',
    )
    const deleted = await alice.request('deleteMessage', { room: 'r', seq: sent.seq, clientId: clientId() })
    expect(deleted.message).toMatchObject({ deleted: true, message: '' })
  })

  test('the operator hands a room made before owners to its creator, who then runs it', async () => {
    await using parley = await startParley({ adminToken: ADMIN_TOKEN })
    const [op, alice] = [parley.client(), parley.client()]
    await alice.request('join', { username: 'alice', room: 'r' })
    await op.request('join', { username: 'op', room: 'r' })
    // Alice owns `r` already here; hand it to op and back, as for a room without an owner.
    expect(await failure(op.request('setOwner', { room: 'r', username: 'op', clientId: clientId() }))).toBe(
      "Only the operator and the room's owner can hand it over",
    )
    await op.request('operator', { token: ADMIN_TOKEN })
    const handed = await op.request('setOwner', { room: 'r', username: 'op', clientId: clientId() })
    expect(handed.settings.owner).toBe('op')
    expect(await failure(alice.request('setTopic', { room: 'r', topic: 'x', clientId: clientId() }))).toBe(
      "Only the room's owner and moderators can do that",
    )
    await op.request('setOwner', { room: 'r', username: 'alice', clientId: clientId() })
    expect((await alice.request('setTopic', { room: 'r', topic: 'mine', clientId: clientId() })).changed).toBe(true)
    expect(await failure(op.request('setOwner', { room: 'r', username: 'nobody', clientId: clientId() }))).toBe(
      '"nobody" is not connected: they must be here to be given the room',
    )
  })
})

describe('moderation', () => {
  test('a muted name can read but not send or react, and is told for how long; unmute lifts it', async () => {
    await using parley = await startParley()
    const { alice, bob } = await ownedRoom(parley)
    const sent = await alice.request('sendMessage', { room: 'r', message: 'hello' })
    const told = nextPush(bob, 'roomChanged')
    await alice.request('moderate', { room: 'r', username: 'bob', action: 'mute', minutes: 5, clientId: clientId() })
    expect(await told).toMatchObject({ change: 'muted', username: 'alice', target: 'bob', until: expect.any(Number) })
    expect(await failure(bob.request('sendMessage', { room: 'r', message: 'let me talk' }))).toBe(
      'You are muted in "r" for 5 more minutes',
    )
    expect(
      await failure(bob.request('react', { room: 'r', seq: sent.seq, emoji: '👍', add: true, clientId: clientId() })),
    ).toBe('You are muted in "r" for 5 more minutes')
    const heard = nextPush(bob, 'message')
    await alice.request('sendMessage', { room: 'r', message: 'you can still read' })
    expect((await heard).message).toBe('you can still read')
    await alice.request('moderate', { room: 'r', username: 'bob', action: 'unmute', clientId: clientId() })
    expect((await bob.request('sendMessage', { room: 'r', message: 'thanks' })).seq).toBeGreaterThan(0)
  })

  test('slow mode lets each person send one message per interval; the owner is not held', async () => {
    await using parley = await startParley()
    const { alice, bob } = await ownedRoom(parley)
    await alice.request('setSlowMode', { room: 'r', seconds: 30, clientId: clientId() })
    await bob.request('sendMessage', { room: 'r', message: 'one' })
    expect(await failure(bob.request('sendMessage', { room: 'r', message: 'two' }))).toBe(
      'Slow mode: you can send again in 30 s',
    )
    await alice.request('sendMessage', { room: 'r', message: 'a' })
    await alice.request('sendMessage', { room: 'r', message: 'b' })
    await alice.request('setSlowMode', { room: 'r', seconds: 0, clientId: clientId() })
    await bob.request('sendMessage', { room: 'r', message: 'two' })
  })

  test('a removed name leaves at once (told first) and may come back; a banned one may not', async () => {
    await using parley = await startParley()
    const { alice, bob, carol } = await ownedRoom(parley)
    const told = nextPush(bob, 'roomChanged')
    const left = nextPush(carol, 'userLeft')
    await alice.request('moderate', { room: 'r', username: 'bob', action: 'remove', clientId: clientId() })
    expect(await told).toMatchObject({ change: 'removed', target: 'bob', username: 'alice' })
    expect(await left).toEqual({ username: 'bob', room: 'r' })
    expect(await failure(bob.request('sendMessage', { room: 'r', message: 'still here?' }))).toBe(
      'You are not in "r"; join it first',
    )
    const { token } = await bob.request('join', { username: 'bob', room: 'r' })
    await alice.request('moderate', { room: 'r', username: 'bob', action: 'ban', minutes: 60, clientId: clientId() })
    await until(async () => !(await alice.request('presence', { room: 'r' })).users.includes('bob'))
    expect(await failure(bob.request('join', { username: 'bob', room: 'r' }))).toBe(
      'You are banned from "r" for 60 more minutes',
    )
    // Under another name, the same session is still banned.
    expect(await failure(bob.request('join', { username: 'robert', room: 'r', token }))).toBe(
      'You are banned from "r" for 60 more minutes',
    )
    await alice.request('moderate', { room: 'r', username: 'bob', action: 'unban', clientId: clientId() })
    expect((await bob.request('join', { username: 'robert', room: 'r', token })).success).toBe(true)
  })

  test('a ban by address refuses other names from that address, but not the owner', async () => {
    await using parley = await startParley()
    const { alice, bob, carol } = await ownedRoom(parley)
    await alice.request('moderate', { room: 'r', username: 'bob', action: 'ban', address: true, clientId: clientId() })
    // Everyone here connects from 127.0.0.1: carol goes too, alice (the owner) stays.
    await until(async () => (await alice.request('presence', { room: 'r' })).users.join() === 'alice')
    expect(await failure(carol.request('join', { username: 'carol', room: 'r' }))).toBe(
      'You are banned from "r" for good',
    )
    expect(await failure(parley.client().request('join', { username: 'mallory', room: 'r' }))).toBe(
      'You are banned from "r" for good',
    )
    expect(bob).toBeDefined()
  })

  test('the moderation record is for owners and moderators, newest first, and never says an address', async () => {
    await using parley = await startParley()
    const { alice, bob } = await ownedRoom(parley)
    expect(await failure(bob.request('moderationLog', { room: 'r' }))).toBe(
      "Only the room's owner and moderators can see its moderation record",
    )
    await alice.request('moderate', { room: 'r', username: 'carol', action: 'mute', clientId: clientId() })
    await alice.request('moderate', {
      room: 'r',
      username: 'carol',
      action: 'ban',
      address: true,
      clientId: clientId(),
    })
    const record = await alice.request('moderationLog', { room: 'r' })
    expect(record.entries.map((e) => [e.change, e.target, e.address ?? false])).toEqual([
      ['banned', 'carol', true],
      ['muted', 'carol', false],
    ])
    expect(JSON.stringify(record)).not.toContain('127.0.0.1')
  })
})
