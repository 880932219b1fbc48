import { expect, test } from 'bun:test'
import { startParley } from '../../test/start-parley.ts'
import { checkReadiness, type ReadinessSources } from './readiness.ts'

test('a running server is alive and ready', async () => {
  await using parley = await startParley()
  const live = await fetch(`${parley.http}/api/livez`)
  expect(live.status).toBe(200)
  expect(await live.json()).toMatchObject({ status: 'ok', uptimeSeconds: expect.any(Number) })
  const ready = await fetch(`${parley.http}/api/readyz`)
  expect(ready.status).toBe(200)
  expect(await ready.json()).toEqual({ status: 'ok', uptimeSeconds: expect.any(Number), connections: 0 })
})

test('shutting down turns liveness and readiness to 503 before anything else stops', async () => {
  const parley = await startParley()
  const stopped = parley.stop()
  // The listener is closing, so ask the app's router directly, as a request in flight would reach it.
  const live = await parley.app.handle(new Request('http://parley/api/livez'))
  const ready = await parley.app.handle(new Request('http://parley/api/readyz'))
  await stopped
  expect(live.status).toBe(503)
  expect(await live.json()).toMatchObject({ status: 'stopping' })
  expect(ready.status).toBe(503)
  expect(await ready.json()).toMatchObject({ status: 'stopping', problems: ['The server is shutting down'] })
})

const sources = (store: ReadinessSources['store'], busProblem?: string): ReadinessSources => ({
  store,
  bus: { problem: () => busProblem },
  connections: () => 7,
  draining: () => false,
  startedAt: Date.now(),
})

test("readiness reports the store's own problem, a database that does not answer, and the bus, each in words", async () => {
  const writesFailing = await checkReadiness(
    sources({ ping: async () => {}, problem: () => 'Writes to storage keep failing (disk full)' }),
  )
  expect(writesFailing).toEqual({
    status: 503,
    body: {
      status: 'degraded',
      uptimeSeconds: 0,
      connections: 7,
      problems: ['Writes to storage keep failing (disk full)'],
    },
  })

  const silent = await checkReadiness(sources({ ping: () => new Promise(() => {}) }, 'Redis is unreachable'))
  expect(silent.status).toBe(503)
  expect(silent.body.problems).toEqual([
    'The database is unreachable (no answer within 1000 ms)',
    'Redis is unreachable',
  ])

  const healthy = await checkReadiness(sources({ ping: async () => {}, problem: () => undefined }))
  expect(healthy).toEqual({ status: 200, body: { status: 'ok', uptimeSeconds: 0, connections: 7 } })
})
