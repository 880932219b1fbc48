import { describe, expect, spyOn, test } from 'bun:test'
import { openRawSocket, type RawTestSocket, request } from '../../test/raw-socket.ts'
import { type RunningTestServer, startTestServer } from '../../test/test-server.ts'
import { cborSerializer, jsonSerializer } from '../shared/serializers.ts'

/** Sends `join` in the socket's encoding and waits for the answer. */
async function join(socket: RawTestSocket, topic: string, json = false): Promise<void> {
  sendIn(socket, json, request('join', { topic }, `join-${topic}`))
  expect(await socket.next()).toMatchObject({ t: 'response_ok', id: `join-${topic}` })
}

function sendIn(socket: RawTestSocket, json: boolean, frame: unknown): void {
  if (json) socket.sendJson(frame)
  else socket.sendCbor(frame)
}

/** How many frames each serializer encodes while `run` runs. */
function encodesDuring(run: () => void): { cbor: number; json: number } {
  const cbor = spyOn(cborSerializer, 'encode')
  const json = spyOn(jsonSerializer, 'encode')
  try {
    run()
    return { cbor: cbor.mock.calls.length, json: json.mock.calls.length }
  } finally {
    cbor.mockRestore()
    json.mockRestore()
  }
}

/** Resolves once the server has let go of `count` more connections. */
function closesSeen(running: RunningTestServer, count: number): Promise<void> {
  let left = count
  return new Promise((resolve) =>
    running.server.onClose(() => {
      left -= 1
      if (left === 0) resolve()
    }),
  )
}

describe('topics', () => {
  test('publish reaches exactly the subscribers, each in its own encoding, encoded once per encoding', async () => {
    await using running = startTestServer()
    const { url, server } = running
    await using cborA = await openRawSocket(url)
    await using cborB = await openRawSocket(url)
    await using jsonA = await openRawSocket(url)
    await using outsider = await openRawSocket(url)
    await join(cborA, 'room')
    await join(cborB, 'room')
    await join(jsonA, 'room', true)
    await join(outsider, 'elsewhere')

    expect(server.subscriberCount('room')).toBe(3)
    expect(encodesDuring(() => server.publish('room', 'note', { text: 'to everyone' }))).toEqual({ cbor: 1, json: 1 })
    const push = { v: '1.0', t: 'send', x: 'note', p: { text: 'to everyone' } }
    expect(await cborA.next()).toEqual(push)
    expect(await cborB.next()).toEqual(push)
    expect(await jsonA.next()).toEqual(push)

    outsider.sendCbor(request('echo', { text: 'sync' }))
    expect(await outsider.next()).toMatchObject({ t: 'response_ok' })
  })

  test('conn.publish skips the sender', async () => {
    await using running = startTestServer()
    const { url } = running
    await using alice = await openRawSocket(url)
    await using bob = await openRawSocket(url)
    for (const socket of [alice, bob]) await join(socket, 'room')
    alice.sendCbor(request('shout', { topic: 'room', text: 'hello bob' }, 's1'))
    expect(await bob.next()).toMatchObject({ t: 'send', x: 'note', p: { text: 'hello bob' } })
    expect(await alice.next()).toMatchObject({ t: 'response_ok', id: 's1' })
    alice.sendCbor(request('echo', { text: 'sync' }, 'e1'))
    expect(await alice.next()).toMatchObject({ id: 'e1' })
  })

  test('server.publish also reaches the connection it publishes through', async () => {
    await using running = startTestServer()
    const { url, server } = running
    await using only = await openRawSocket(url)
    await join(only, 'solo')
    server.publish('solo', 'note', { text: 'just you' })
    expect(await only.next()).toMatchObject({ x: 'note', p: { text: 'just you' } })
  })

  test('once every subscriber has left or closed, the topic counts are 0 and a publish encodes nothing', async () => {
    await using running = startTestServer()
    const { url, server } = running
    // Stays open and off the topic, so a publish has a socket to go through.
    await using bystander = await openRawSocket(url)
    await using leaverCbor = await openRawSocket(url)
    await using leaverJson = await openRawSocket(url)
    const closerCbor = await openRawSocket(url)
    const closerJson = await openRawSocket(url)
    await join(bystander, 'elsewhere')
    await join(leaverCbor, 'room')
    await join(leaverJson, 'room', true)
    await join(closerCbor, 'room')
    await join(closerJson, 'room', true)
    expect(server.subscriberCount('room')).toBe(4)

    for (const [socket, json] of [
      [leaverCbor, false],
      [leaverJson, true],
    ] as const) {
      sendIn(socket, json, request('leave', { topic: 'room' }, 'leave'))
      expect(await socket.next()).toMatchObject({ t: 'response_ok', id: 'leave' })
    }
    expect(server.subscriberCount('room')).toBe(2)
    const closed = closesSeen(running, 2)
    closerCbor.ws.close()
    closerJson.ws.close()
    await closed

    expect(server.subscriberCount('room')).toBe(0)
    expect(server.subscriberCount('elsewhere')).toBe(1)
    expect(encodesDuring(() => server.publish('room', 'note', { text: 'to nobody' }))).toEqual({ cbor: 0, json: 0 })
    for (const [socket, json] of [
      [leaverCbor, false],
      [leaverJson, true],
      [bystander, false],
    ] as const) {
      sendIn(socket, json, request('echo', { text: 'sync' }, 'sync'))
      expect(await socket.next()).toMatchObject({ t: 'response_ok', id: 'sync' })
    }
  })

  test('closed connections leave no state behind', async () => {
    await using running = startTestServer()
    const { url, server } = running
    const sockets = await Promise.all([openRawSocket(url), openRawSocket(url)])
    for (const socket of sockets) await join(socket, 'room')
    expect(server.connections.size).toBe(2)
    const closed = closesSeen(running, 2)
    for (const socket of sockets) socket.ws.close()
    await closed
    expect(server.connections.size).toBe(0)
    expect(server.subscriberCount('room')).toBe(0)
  })
})
