import { afterEach, expect, test } from 'bun:test'
import { startParley } from '../test/start-parley.ts'
import { createLogger } from './ops/logger.ts'
import { parsePrometheusText } from './ops/prometheus-text.ts'

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

test('/api/metrics reports connections, rooms, stored and delivered messages, errors and storage latency', async () => {
  const parley = await startParley()
  cleanup.push(() => parley.stop())
  const alice = parley.client({ validate: false })
  const bob = parley.client()
  const carol = parley.client()
  await alice.request('join', { username: 'alice' })
  await bob.request('join', { username: 'bob' })
  await carol.request('join', { username: 'carol', room: 'elsewhere' })
  await alice.request('sendMessage', { message: 'hello' })
  // A resend under the same clientId is answered again but neither stored nor delivered twice.
  await alice.request('sendMessage', { message: 'once', clientId: 'resend-1' })
  await alice.request('sendMessage', { message: 'once', clientId: 'resend-1' })
  await alice.request('join', { username: '' }).catch(() => undefined)

  const response = await fetch(`${parley.http}/api/metrics`)
  expect(response.headers.get('content-type')).toStartWith('text/plain; version=0.0.4')
  const families = parsePrometheusText(await response.text())
  const value = (name: string, labels: Record<string, string> = {}) =>
    families.get(name)?.samples.find((sample) => Bun.deepEquals(sample.labels, labels))?.value
  expect(value('parley_connections')).toBe(3)
  expect(value('parley_rooms')).toBe(2)
  expect(value('parley_messages_stored_total')).toBe(2)
  // Two messages, each handed to the two connections in general; carol's room hears none.
  expect(value('parley_messages_delivered_total')).toBe(4)
  expect(value('parley_errors_total', { kind: 'invalid-payload' })).toBe(1)
  // Three sends, and the two rooms made by their first joins.
  const writes = families.get('parley_storage_write_seconds')?.samples ?? []
  expect(writes.find((s) => s.name === 'parley_storage_write_seconds_count')?.value).toBe(5)
  expect(writes.find((s) => s.labels.le === '+Inf')?.value).toBe(5)
})
