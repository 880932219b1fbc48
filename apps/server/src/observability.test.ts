import { afterEach, expect, test } from 'bun:test'
import { startParley } from '../test/start-parley.ts'
import { createLogger } from './ops/logger.ts'

const cleanup: (() => unknown)[] = []
afterEach(async () => {
  for (const step of cleanup.splice(0)) await step()
})

test('JSON logs are one object per line, filtered by level', () => {
  const lines: string[] = []
  const log = createLogger({ level: 'info', format: 'json', write: (line) => lines.push(line) })
  log.debug('hidden')
  log.info('join', { room: 'general', connectionId: 'c1' })
  expect(lines).toHaveLength(1)
  expect(JSON.parse(lines[0] ?? '')).toMatchObject({
    level: 'info',
    event: 'join',
    room: 'general',
    connectionId: 'c1',
  })
})

test('development logs are readable lines', () => {
  const lines: string[] = []
  createLogger({ level: 'debug', format: 'pretty', write: (line) => lines.push(line) }).warn('frame-refused', {
    kind: 'undecodable',
  })
  expect(lines[0]).toMatch(/^\d\d:\d\d:\d\d\.\d{3} WARN {2}frame-refused kind=undecodable$/)
})

test('the chat logs joins and refusals but never what people wrote', async () => {
  const lines: string[] = []
  const logger = createLogger({ level: 'debug', format: 'json', write: (line) => lines.push(line) })
  const parley = await startParley({ logger })
  cleanup.push(() => parley.stop())
  const alice = parley.client({ validate: false })
  await alice.request('join', { username: 'alice', room: 'lobby' })
  await alice.request('sendMessage', { message: 'the secret plan' })
  await alice.request('sendMessage', { message: '' }).catch(() => undefined)
  const events = lines.map((line) => JSON.parse(line) as { event: string; room?: string; kind?: string })
  expect(events).toContainEqual(expect.objectContaining({ event: 'join', room: 'lobby' }))
  expect(events).toContainEqual(expect.objectContaining({ event: 'frame-refused', kind: 'invalid-payload' }))
  expect(lines.join('\n')).not.toContain('secret plan')
})

test('/api/metrics reports connections, rooms, messages, errors and storage latency', async () => {
  const parley = await startParley()
  cleanup.push(() => parley.stop())
  const alice = parley.client({ validate: false })
  const bob = parley.client()
  await alice.request('join', { username: 'alice' })
  await bob.request('join', { username: 'bob' })
  await alice.request('sendMessage', { message: 'hello' })
  await alice.request('join', { username: '' }).catch(() => undefined)

  const response = await fetch(`${parley.http}/api/metrics`)
  expect(response.headers.get('content-type')).toStartWith('text/plain; version=0.0.4')
  const text = await response.text()
  expect(text).toContain('parley_connections 2\n')
  expect(text).toContain('parley_rooms 1\n')
  expect(text).toContain('parley_messages_in_total 1\n')
  expect(text).toContain('parley_messages_out_total 2\n')
  expect(text).toContain('parley_errors_total{kind="invalid-payload"} 1\n')
  expect(text).toContain('parley_storage_write_seconds_count 1\n')
  expect(text).toMatch(/parley_storage_write_seconds_bucket\{le="\+Inf"\} 1\n/)
})
