import { describe, expect, test } from 'bun:test'
import { openRawSocket, type RawTestSocket, request } from '../../test/raw-socket.ts'
import { startTestServer } from '../../test/test-server.ts'
import { cborSerializer } from '../shared/serializers.ts'

describe('requests', () => {
  test('answers in CBOR that an @mdrv/wsx decoder reads as plain objects', async () => {
    await using running = startTestServer()
    const { url } = running
    await using socket = await openRawSocket(url)
    socket.sendCbor(request('echo', { text: 'hi' }))
    const answer = await socket.next()
    expect(answer).not.toBeInstanceOf(Map)
    expect(answer).toEqual({
      v: '1.0',
      t: 'response_ok',
      x: 'echo',
      id: 'r1',
      w: 1_700_000_000_000,
      p: { text: 'hi', room: 'general' },
    })
  })

  test('answers JSON in binary and text frames with JSON', async () => {
    await using running = startTestServer()
    const { url } = running
    await using socket = await openRawSocket(url)
    socket.sendJson(request('echo', { text: 'bin', room: 'a' }, 'j1'))
    expect(await socket.next()).toMatchObject({ t: 'response_ok', id: 'j1', p: { text: 'bin', room: 'a' } })
    socket.sendJson(request('echo', { text: 'txt' }, 'j2'), true)
    expect(await socket.next()).toMatchObject({ t: 'response_ok', id: 'j2', p: { text: 'txt' } })
  })

  test('round-trips long strings in both encodings', async () => {
    await using running = startTestServer()
    const { url } = running
    await using socket = await openRawSocket(url)
    const text = 'ü'.repeat(20_000)
    socket.sendCbor(request('echo', { text }, 'c'))
    expect(await socket.next()).toMatchObject({ id: 'c', p: { text } })
    socket.sendJson(request('echo', { text }, 'j'))
    expect(await socket.next()).toMatchObject({ id: 'j', p: { text } })
  })

  test('starts handlers in arrival order and lets a slow one overlap the next', async () => {
    await using running = startTestServer()
    const { url, received } = running
    await using socket = await openRawSocket(url)
    socket.sendCbor(request('wait', { ms: 40 }, 'slow'))
    socket.sendCbor({ v: '1.0', t: 'send', x: 'note', p: { text: 'first' } })
    socket.sendCbor({ v: '1.0', t: 'send', x: 'note', p: { text: 'second' } })
    socket.sendCbor(request('echo', { text: 'fast' }, 'fast'))
    expect(await socket.next()).toMatchObject({ id: 'fast' })
    expect(await socket.next()).toMatchObject({ id: 'slow', p: { waited: 40 } })
    expect(received).toEqual(['first', 'second'])
  })

  test('refuses requests beyond 1,024 unanswered ones on a connection', async () => {
    await using running = startTestServer()
    const { url } = running
    await using socket = await openRawSocket(url)
    for (let i = 0; i < 1_025; i++) socket.sendCbor(request('hold', {}, `h${i}`))
    expect(await socket.next()).toMatchObject({
      t: 'response_error',
      id: 'h1024',
      e: { message: 'Too many requests in flight: wait for answers first' },
    })
    running.release()
    expect(await socket.next()).toMatchObject({ t: 'response_ok', id: 'h0' })
  })
})

describe('errors are answered, and the server keeps serving', () => {
  const cases: [string, Record<string, unknown>, RegExp][] = [
    ['unknown event', request('nope', {}), /Unknown request "nope"/],
    ['prototype key as event', request('__proto__', {}), /Unknown request "__proto__"/],
    ['payload failing its schema', request('echo', { text: 5 }), /Invalid echo: text: /],
    ['missing field', request('echo', {}), /text/],
    ['handler that throws', request('fail', {}), /This always fails/],
    ['handler result failing its schema', request('badAnswer', {}), /invalid badAnswer response/],
    ['another protocol MAJOR', { ...request('echo', { text: 'x' }), v: '2.0' }, /version 2\.0 is not supported/],
    ['malformed envelope that is still a request', { ...request('echo', { text: 'x' }), v: 7 }, /Invalid message: v/],
  ]
  for (const [name, frame, reason] of cases) {
    test(name, async () => {
      await using running = startTestServer()
      const { url } = running
      await using socket = await openRawSocket(url)
      socket.sendCbor(frame)
      const answer = (await socket.next()) as { t: string; id: string; e: { message: string } }
      expect(answer.t).toBe('response_error')
      expect(answer.id).toBe('r1')
      expect(answer.e.message).toMatch(reason)
      socket.sendCbor(request('echo', { text: 'still here' }, 'r2'))
      expect(await socket.next()).toMatchObject({ t: 'response_ok', id: 'r2' })
    })
  }

  test('with validateResponses off, handler results go out unchecked while requests are still checked', async () => {
    await using running = startTestServer(0, { validateResponses: false })
    await using socket = await openRawSocket(running.url)
    socket.sendCbor(request('badAnswer', {}, 'unchecked'))
    expect(await socket.next()).toMatchObject({ t: 'response_ok', id: 'unchecked', p: { n: 'not a number' } })
    socket.sendCbor(request('echo', { text: 5 }, 'checked'))
    expect(await socket.next()).toMatchObject({ t: 'response_error', id: 'checked' })
  })

  test('every refusal is reported by kind to onProblem', async () => {
    await using running = startTestServer()
    const { url, problems } = running
    await using socket = await openRawSocket(url)
    socket.sendCbor(request('nope', {}, 'a'))
    socket.sendCbor(request('echo', { text: 1 }, 'b'))
    socket.sendCbor(request('fail', {}, 'c'))
    for (let i = 0; i < 3; i++) await socket.next()
    socket.ws.send(new Uint8Array([0xff]))
    await socket.closed
    expect(problems.map(({ kind, event }) => [kind, event])).toEqual([
      ['unknown-event', 'nope'],
      ['invalid-payload', 'echo'],
      ['handler-error', 'fail'],
      ['undecodable', undefined],
    ])
  })

  test('validation errors carry the failing fields in e.cause', async () => {
    await using running = startTestServer()
    const { url } = running
    await using socket = await openRawSocket(url)
    socket.sendJson(request('echo', { text: '' }))
    const answer = (await socket.next()) as { e: { cause: { path: string }[] } }
    expect(answer.e.cause.map((issue) => issue.path)).toEqual(['text'])
  })

  const undecodable: [string, (socket: RawTestSocket) => void][] = [
    ['garbage bytes', (s) => s.ws.send(new Uint8Array([0xff, 0x00, 0x12, 0x99]))],
    ['a truncated CBOR frame', (s) => s.ws.send(cborSerializer.encode({ v: '1.0', t: 'send', x: 'note' }).slice(0, 9))],
    ['CBOR that is not an envelope', (s) => s.sendCbor([1, 2, 3])],
    ['JSON that is not an envelope', (s) => s.sendJson({ hello: 'world' }, true)],
    ['text that is not JSON', (s) => s.ws.send('hello there')],
    ['a request without an id', (s) => s.sendCbor({ v: '1.0', t: 'request', x: 'echo', p: { text: 'a' } })],
  ]
  for (const [name, sendBad] of undecodable) {
    test(`${name} closes only that connection with 1007`, async () => {
      await using running = startTestServer()
      const { url } = running
      await using bystander = await openRawSocket(url)
      await using socket = await openRawSocket(url)
      sendBad(socket)
      expect((await socket.closed).code).toBe(1007)
      bystander.sendCbor(request('echo', { text: 'unaffected' }))
      expect(await bystander.next()).toMatchObject({ t: 'response_ok', p: { text: 'unaffected' } })
    })
  }

  test('a send with a bad payload or unknown event is dropped without an answer', async () => {
    await using running = startTestServer()
    const { url, received } = running
    await using socket = await openRawSocket(url)
    socket.sendCbor({ v: '1.0', t: 'send', x: 'note', p: { text: 1 } })
    socket.sendCbor({ v: '1.0', t: 'send', x: 'unknown', p: {} })
    socket.sendCbor({ v: '1.0', t: 'send', x: 'note', p: { text: 'kept' } })
    socket.sendCbor(request('echo', { text: 'sync' }))
    expect(await socket.next()).toMatchObject({ t: 'response_ok' })
    expect(received).toEqual(['kept'])
  })
})
