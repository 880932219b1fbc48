import { describe, expect, test } from 'bun:test'
import { failure, nextPush, recordPushes, wholeLog } from '../../test/clients.ts'
import { startParley } from '../../test/start-parley.ts'

let ids = 0
const changeId = () => `change-${++ids}-${Date.now()}`

async function twoInARoom(config: Parameters<typeof startParley>[0] = {}) {
  const parley = await startParley(config)
  const alice = parley.client()
  const bob = parley.client()
  await alice.request('join', { username: 'alice', room: 'r' })
  await bob.request('join', { username: 'bob', room: 'r' })
  return { parley, alice, bob, [Symbol.asyncDispose]: () => parley.stop() }
}

describe('edit', () => {
  test('the author edits within the window; everyone gets the change at its own seq, marked edited', async () => {
    await using room = await twoInARoom()
    const { alice, bob } = room
    const sent = await alice.request('sendMessage', { room: 'r', message: 'helo' })
    const heard = nextPush(bob, 'messageChanged')
    const answer = await alice.request('editMessage', {
      room: 'r',
      seq: sent.seq,
      message: 'hello',
      clientId: changeId(),
    })
    expect(answer).toMatchObject({ room: 'r', changed: true, seq: sent.seq + 1 })
    expect(answer.message).toMatchObject({ seq: sent.seq, message: 'hello', rev: sent.seq + 1 })
    expect(answer.message.editedAt).toBeNumber()
    expect(await heard).toMatchObject({
      seq: sent.seq + 1,
      change: 'edited',
      username: 'alice',
      message: answer.message,
    })
  })

  test('the same text changes nothing and takes no seq', async () => {
    await using room = await twoInARoom()
    const sent = await room.alice.request('sendMessage', { room: 'r', message: 'same' })
    const answer = await room.alice.request('editMessage', {
      room: 'r',
      seq: sent.seq,
      message: 'same',
      clientId: changeId(),
    })
    expect(answer.changed).toBe(false)
    expect((await room.alice.request('history', { room: 'r' })).lastSeq).toBe(sent.seq)
  })

  test("someone else's message, an unknown one, a room not joined and an empty text are refused in words", async () => {
    await using room = await twoInARoom()
    const { alice, bob } = room
    const sent = await alice.request('sendMessage', { room: 'r', message: 'mine' })
    const edit = (seq: number, message = 'x', r = 'r') =>
      bob.request('editMessage', { room: r, seq, message, clientId: changeId() })
    expect(await failure(edit(sent.seq))).toBe('You can only edit your own messages')
    expect(await failure(bob.request('deleteMessage', { room: 'r', seq: sent.seq, clientId: changeId() }))).toBe(
      'You can only delete your own messages',
    )
    expect(await failure(edit(99))).toBe('"r" has no message 99')
    expect(await failure(edit(sent.seq, 'x', 'elsewhere'))).toBe('Join "elsewhere" to change its messages')
    expect(await failure(edit(sent.seq, ''))).toBe('Invalid editMessage: message: A message cannot be empty')
    expect((await alice.request('history', { room: 'r' })).messages.at(-1)?.message).toBe('mine')
  })

  test('after the window, an edit is refused and the text stays', async () => {
    await using room = await twoInARoom({ limits: { editWindowSeconds: 1 } })
    const sent = await room.alice.request('sendMessage', { room: 'r', message: 'late' })
    await Bun.sleep(1_100) // the window is a time: this waits for it to pass, not for a condition
    expect(
      await failure(
        room.alice.request('editMessage', { room: 'r', seq: sent.seq, message: 'later', clientId: changeId() }),
      ),
    ).toBe('Messages can be edited for 1 second after sending')
  })

  test("the same name in another session, with a new token, cannot edit the first session's messages", async () => {
    await using parley = await startParley()
    const first = parley.client()
    await first.request('join', { username: 'alice', room: 'r' })
    const sent = await first.request('sendMessage', { room: 'r', message: 'original' })
    first.close()
    const impostor = parley.client()
    await impostor.request('join', { username: 'alice', room: 'r' })
    expect(
      await failure(
        impostor.request('editMessage', { room: 'r', seq: sent.seq, message: 'forged', clientId: changeId() }),
      ),
    ).toBe('You can only edit your own messages')
  })

  test('the same session, back with its token on a new connection, can', async () => {
    await using parley = await startParley()
    const first = parley.client()
    const { token } = await first.request('join', { username: 'alice', room: 'r' })
    const sent = await first.request('sendMessage', { room: 'r', message: 'typo' })
    first.close()
    const again = parley.client()
    await again.request('join', { username: 'alice', room: 'r', token })
    const answer = await again.request('editMessage', {
      room: 'r',
      seq: sent.seq,
      message: 'fixed',
      clientId: changeId(),
    })
    expect(answer.message.message).toBe('fixed')
  })
})

describe('delete', () => {
  test('leaves a marker at the same seq, without text or reactions; a reply to it quotes nothing', async () => {
    await using room = await twoInARoom()
    const { alice, bob } = room
    const sent = await alice.request('sendMessage', { room: 'r', message: 'oops' })
    const reply = await bob.request('sendMessage', { room: 'r', message: 'what?', replyTo: sent.seq })
    await bob.request('react', { room: 'r', seq: sent.seq, emoji: '👀', add: true, clientId: changeId() })
    const answer = await alice.request('deleteMessage', { room: 'r', seq: sent.seq, clientId: changeId() })
    expect(answer.message).toMatchObject({ seq: sent.seq, message: '', deleted: true })
    expect(answer.message.reactions).toBeUndefined()
    const page = await bob.request('history', { room: 'r' })
    expect(page.messages.map((m) => [m.seq, m.message, m.deleted ?? false])).toEqual([
      [sent.seq, '', true],
      [reply.seq, 'what?', false],
    ])
    expect(page.messages[1]?.replyTo).toEqual({ seq: sent.seq, username: 'alice', excerpt: '', deleted: true })
    expect(
      await failure(bob.request('react', { room: 'r', seq: sent.seq, emoji: '👍', add: true, clientId: changeId() })),
    ).toBe('That message was deleted')
  })
})

describe('reactions', () => {
  test('toggle per name, with counts and who; adding twice changes once', async () => {
    await using room = await twoInARoom()
    const { alice, bob } = room
    const sent = await alice.request('sendMessage', { room: 'r', message: 'party' })
    const react = (who: typeof alice, emoji: string, add: boolean) =>
      who.request('react', { room: 'r', seq: sent.seq, emoji, add, clientId: changeId() })
    await react(alice, '🎉', true)
    await react(bob, '🎉', true)
    expect((await react(bob, '🎉', true)).changed).toBe(false)
    const last = await react(bob, '👍', true)
    expect(last.message.reactions).toEqual([
      { emoji: '🎉', users: ['alice', 'bob'] },
      { emoji: '👍', users: ['bob'] },
    ])
    const off = await react(alice, '🎉', false)
    expect(off.message.reactions).toEqual([
      { emoji: '🎉', users: ['bob'] },
      { emoji: '👍', users: ['bob'] },
    ])
  })

  test('are one emoji, at most 20 different ones on a message', async () => {
    await using room = await twoInARoom({ limits: { messageRate: 0 } })
    const { alice } = room
    const sent = await alice.request('sendMessage', { room: 'r', message: 'so many' })
    const react = (emoji: string) =>
      alice.request('react', { room: 'r', seq: sent.seq, emoji, add: true, clientId: changeId() })
    expect(await failure(react('lol'))).toBe('Invalid react: emoji: A reaction is a single emoji')
    const twenty = [...'😀😁😂🤣😃😄😅😆😉😊😋😎😍😘🥰😗😙🥲😚🙂']
    for (const emoji of twenty) await react(emoji)
    expect(await failure(react('🤗'))).toBe('A message can have at most 20 different reactions')
  })
})

describe('idempotent changes', () => {
  test('the same change id sent twice changes once and answers alike; reused for another change, refused', async () => {
    await using room = await twoInARoom()
    const { alice, bob } = room
    const sent = await alice.request('sendMessage', { room: 'r', message: 'once' })
    const changes = recordPushes(bob, 'messageChanged')
    const id = changeId()
    const first = await alice.request('react', { room: 'r', seq: sent.seq, emoji: '👍', add: true, clientId: id })
    const again = await alice.request('react', { room: 'r', seq: sent.seq, emoji: '👍', add: true, clientId: id })
    expect(again).toEqual(first)
    expect(
      await failure(alice.request('react', { room: 'r', seq: sent.seq, emoji: '👎', add: true, clientId: id })),
    ).toBe('That change id was already used for a different change')
    const { changes: logged } = await wholeLog(bob, 'r')
    expect(logged.map((c) => c.clientId)).toEqual([id])
    expect(changes.map((c) => c.seq)).toEqual([first.seq as number])
  })
})

describe('replies', () => {
  test('quote the first line of the message they answer; a reply to a message the room lacks is refused', async () => {
    await using room = await twoInARoom()
    const { alice, bob } = room
    const sent = await alice.request('sendMessage', { room: 'r', message: `first line ${'x'.repeat(200)}\nsecond` })
    const heard = nextPush(alice, 'message', (m) => m.username === 'bob')
    await bob.request('sendMessage', { room: 'r', message: 'agreed', replyTo: sent.seq })
    const reply = await heard
    expect(reply.replyTo?.seq).toBe(sent.seq)
    expect(reply.replyTo?.excerpt).toHaveLength(120)
    expect(reply.replyTo?.excerpt.endsWith('…')).toBe(true)
    expect(await failure(bob.request('sendMessage', { room: 'r', message: 'to nothing', replyTo: 77 }))).toBe(
      'Cannot reply: "r" has no message 77',
    )
  })
})

describe('the log', () => {
  test('history after a seq brings every change once, in order, with the message as it stands', async () => {
    await using room = await twoInARoom()
    const { alice, bob } = room
    const a = await alice.request('sendMessage', { room: 'r', message: 'a' })
    const b = await alice.request('sendMessage', { room: 'r', message: 'b' })
    await alice.request('editMessage', { room: 'r', seq: a.seq, message: 'a2', clientId: changeId() })
    await bob.request('react', { room: 'r', seq: b.seq, emoji: '❤️', add: true, clientId: changeId() })
    await alice.request('deleteMessage', { room: 'r', seq: b.seq, clientId: changeId() })
    const log = await wholeLog(bob, 'r')
    expect(log.messages.map((m) => [m.seq, m.message])).toEqual([
      [a.seq, 'a2'],
      [b.seq, ''],
    ])
    expect(log.changes.map((c) => [c.seq, c.change, c.message.seq])).toEqual([
      [3, 'edited', a.seq],
      [4, 'reacted', b.seq],
      [5, 'deleted', b.seq],
    ])
    // Paged one entry at a time, the seqs run 1 to 5 with no gap and nothing twice.
    const seqs: number[] = []
    for (let after = 0; ; ) {
      const page = await bob.request('history', { room: 'r', after, limit: 1 })
      const seq = page.messages[0]?.seq ?? page.changes[0]?.seq
      if (seq === undefined) break
      seqs.push(seq)
      after = seq
      if (!page.hasMore) break
    }
    expect(seqs).toEqual([1, 2, 3, 4, 5])
  })

  test('around a seq brings the messages on both sides of it', async () => {
    await using room = await twoInARoom({ limits: { messageRate: 0 } })
    const { alice } = room
    for (let i = 1; i <= 30; i++) await alice.request('sendMessage', { room: 'r', message: `m${i}` })
    const page = await alice.request('history', { room: 'r', around: 15, limit: 10 })
    expect(page.messages.map((m) => m.seq)).toEqual([11, 12, 13, 14, 15, 16, 17, 18, 19, 20])
    expect(page).toMatchObject({ hasMore: true, hasNewer: true, changes: [] })
    const start = await alice.request('history', { room: 'r', around: 2, limit: 10 })
    expect(start.messages[0]?.seq).toBe(1)
    expect(start.hasMore).toBe(false)
  })
})
