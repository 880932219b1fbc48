import { describe, expect, test } from 'bun:test'
import { uploadAnswerSchema } from '@parley/events'
import { fileUrl } from '@parley/events/rules'
import { failure, nextPush } from '../../test/clients.ts'
import { startParley } from '../../test/start-parley.ts'
import { upload } from '../../test/uploads.ts'

const ADMIN_TOKEN = 'operator-token-0123456789'
let changes = 0
const changeId = () => `operator-change-${++changes}`

/** Alice says something with a file; bob and the operator-to-be are in the room. */
async function roomWithMessage(adminToken: string | null = ADMIN_TOKEN) {
  const parley = await startParley(adminToken === null ? {} : { adminToken })
  const [alice, bob, op] = [parley.client(), parley.client(), parley.client()]
  const { token } = await alice.request('join', { username: 'alice', room: 'r' })
  await bob.request('join', { username: 'bob', room: 'r' })
  await op.request('join', { username: 'op', room: 'r' })
  const response = await upload({ http: parley.http, room: 'r', user: 'alice', token }, 'rude.txt', 'rude words')
  const { file } = uploadAnswerSchema.parse(await response.json())
  const sent = await alice.request('sendMessage', { room: 'r', message: 'something rude', files: [file.id] })
  return { parley, alice, bob, op, sent, file, [Symbol.asyncDispose]: () => parley.stop() }
}

describe('the operator (ADMIN_TOKEN)', () => {
  test('deletes anyone’s message: text and files gone, a marker naming who deleted it', async () => {
    await using room = await roomWithMessage()
    expect(await room.op.request('operator', { token: ADMIN_TOKEN })).toEqual({ operator: true })
    const heard = nextPush(room.bob, 'messageChanged')
    const answer = await room.op.request('deleteMessage', { room: 'r', seq: room.sent.seq, clientId: changeId() })
    expect(answer).toMatchObject({ changed: true, message: { message: '', deleted: true } })
    expect(answer.message.files).toBeUndefined()
    expect(await heard).toMatchObject({ change: 'deleted', username: 'op', message: { deleted: true } })
    const download = await fetch(room.parley.http + fileUrl(room.file.id, room.file.name))
    expect(download.status).toBe(404)
  })

  test('without the token, or with a wrong one, only your own messages can be deleted', async () => {
    await using room = await roomWithMessage()
    const deleteAlices = () => room.op.request('deleteMessage', { room: 'r', seq: room.sent.seq, clientId: changeId() })
    expect(await failure(deleteAlices())).toBe('You can only delete your own messages')
    expect(await failure(room.op.request('operator', { token: 'not-the-operator-token' }))).toBe(
      'That is not the operator token',
    )
    expect(await failure(deleteAlices())).toBe('You can only delete your own messages')
    // Being the operator is the connection's, not the name's: another connection of op's is not.
    expect(await room.op.request('operator', { token: ADMIN_TOKEN })).toEqual({ operator: true })
    expect(
      await failure(room.bob.request('deleteMessage', { room: 'r', seq: room.sent.seq, clientId: changeId() })),
    ).toBe('You can only delete your own messages')
    expect((await room.bob.request('history', { room: 'r' })).messages.at(-1)).toMatchObject({
      message: 'something rude',
    })
  })

  test('a server without ADMIN_TOKEN has no operator, whatever is sent', async () => {
    await using room = await roomWithMessage(null)
    expect(await failure(room.op.request('operator', { token: '' }))).toBe(
      'This server has no operator: ADMIN_TOKEN is not set',
    )
    expect(
      await failure(room.op.request('deleteMessage', { room: 'r', seq: room.sent.seq, clientId: changeId() })),
    ).toBe('You can only delete your own messages')
  })
})
