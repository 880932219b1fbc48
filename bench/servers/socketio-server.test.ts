// The Socket.IO peer, spoken to as the load generator speaks to it: Engine.IO's handshake, a
// join acknowledged, a timed message to the room (the sender included), a refusal in words.
import { afterAll, beforeAll, expect, test } from 'bun:test'
import { type BenchClient, openClient } from '../load/bench-client.ts'
import { socketIo } from '../load/socketio-wire.ts'
import { type BenchServer, startServer } from './start-servers.ts'

let server: BenchServer
const clients: BenchClient[] = []

beforeAll(async () => {
  server = await startServer('socketio')
})
afterAll(async () => {
  for (const client of clients) client.close()
  await server.stop()
})

async function member(room: string, username: string): Promise<BenchClient> {
  const client = await openClient(server)
  clients.push(client)
  expect(await client.request('join', { room, username })).toMatchObject({ ok: true, room })
  return client
}

/** The next frame `client` is handed that `pick` accepts. */
function next(client: BenchClient, pick: (frame: string | Buffer) => boolean): Promise<string | Buffer> {
  return new Promise((resolve) => {
    client.onFrame = (frame) => {
      if (pick(frame)) resolve(frame)
    }
  })
}

test('a message reaches every member of the room, the sender included, and carries its send time', async () => {
  const sender = await member('peer-room', 'ada')
  const other = await member('peer-room', 'bob')
  const outsider = await member('elsewhere', 'cy')
  let outsiderGot = 0
  outsider.onFrame = (frame) => {
    if (socketIo.isMessagePush(frame)) outsiderGot++
  }
  const atOther = next(other, socketIo.isMessagePush)
  const atSender: (string | Buffer)[] = []
  const both = new Promise<void>((resolve) => {
    sender.onFrame = (frame) => {
      atSender.push(frame)
      if (atSender.length === 2) resolve()
    }
  })
  sender.send(socketIo.sendMessage(7, 'peer-room', 1234.5))
  const [frame] = await Promise.all([atOther, both])
  expect(socketIo.sentAtOf(frame)).toBe(1234.5)
  const pushed = atSender.find(socketIo.isMessagePush)
  const acked = atSender.find((each) => !socketIo.isMessagePush(each))
  expect(pushed && socketIo.sentAtOf(pushed)).toBe(1234.5)
  expect(acked && socketIo.answerOf(acked)).toMatchObject({ n: 7, payload: { ok: true, room: 'peer-room', seq: 1 } })
  expect(acked && socketIo.isErrorResponse(acked)).toBe(false)
  expect(outsiderGot).toBe(0)
})

test('a join without a room is refused in words', async () => {
  const client = await openClient(server)
  clients.push(client)
  await expect(client.request('join', { username: 'dee' })).rejects.toThrow('join needs a room and a username')
})
