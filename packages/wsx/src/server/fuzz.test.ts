import { afterAll, expect, test } from 'bun:test'
import fc from 'fast-check'
import { openRawSocket, type RawTestSocket, request } from '../../test/raw-socket.ts'
import { startTestServer } from '../../test/test-server.ts'
import { cborSerializer } from '../shared/serializers.ts'

const running = startTestServer()
afterAll(() => running.stop())

/** Either an answer arrives or the socket is closed with a proper code; nothing else. */
async function outcome(socket: RawTestSocket): Promise<string> {
  const closed = socket.closed.then((event) => `closed ${event.code}`)
  const answered = socket.next(1_000).then(
    (frame) => `answered ${(frame as { t: string }).t}`,
    () => 'silent',
  )
  return Promise.race([closed, answered])
}

const envelopeLike = fc.record(
  {
    v: fc.oneof(fc.constant('1.0'), fc.string(), fc.integer()),
    t: fc.oneof(fc.constantFrom('send', 'request', 'response_ok', 'response_error'), fc.string()),
    x: fc.oneof(fc.constantFrom('echo', 'join', 'note', '__proto__', 'constructor'), fc.string()),
    id: fc.oneof(fc.string(), fc.integer()),
    w: fc.oneof(fc.integer(), fc.string()),
    p: fc.anything(),
  },
  { requiredKeys: [] },
)

test('random bytes and random envelopes never crash the server or reach a bystander', async () => {
  const bystander = await openRawSocket(running.url)
  bystander.sendCbor(request('join', { topic: 'watch' }))
  await bystander.next()
  await fc.assert(
    fc.asyncProperty(
      fc.oneof(
        fc.uint8Array({ maxLength: 256 }).map((bytes) => ({ bytes })),
        envelopeLike.map((value) => ({ bytes: cborSerializer.encode(value as never) as Uint8Array })),
        envelopeLike.map((value) => ({ text: JSON.stringify(value) })),
      ),
      async (frame) => {
        const socket = await openRawSocket(running.url)
        socket.ws.send('bytes' in frame ? frame.bytes : frame.text)
        const result = await outcome(socket)
        expect(result).toMatch(/^(answered response_(ok|error)|closed (1007|1008)|silent)$/)
        socket.ws.close()
      },
    ),
    { numRuns: 60 },
  )
  bystander.sendCbor(request('echo', { text: 'alive' }, 'alive'))
  expect(await bystander.next()).toMatchObject({ t: 'response_ok', id: 'alive' })
  expect(bystander.pendingCount()).toBe(0)
})
