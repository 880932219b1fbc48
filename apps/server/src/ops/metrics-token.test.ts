import { expect, test } from 'bun:test'
import { fileURLToPath } from 'node:url'
import { spawnServer } from '../../test/spawn-server.ts'
import { startParley } from '../../test/start-parley.ts'
import { readEnv } from '../env.ts'

const TOKEN = 'f3a9c1d27b8e4f6a90c5d1e2b3a4c5d6'

test('with a metrics token, /api/metrics answers 401 without the right bearer token and 200 with it', async () => {
  await using parley = await startParley({ metricsToken: TOKEN })
  const read = (authorization?: string) =>
    fetch(`${parley.http}/api/metrics`, authorization ? { headers: { authorization } } : {})

  const bare = await read()
  expect(bare.status).toBe(401)
  expect(bare.headers.get('www-authenticate')).toStartWith('Bearer')
  expect(await bare.text()).not.toContain('parley_')
  for (const wrong of [`Bearer ${TOKEN.slice(0, -1)}`, `Bearer ${TOKEN}x`, `Basic ${TOKEN}`, TOKEN, 'Bearer ']) {
    expect((await read(wrong)).status).toBe(401)
  }
  const allowed = await read(`Bearer ${TOKEN}`)
  expect(allowed.status).toBe(200)
  expect(await allowed.text()).toContain('parley_connections 0\n')
  // The probes stay open: balancers carry no token.
  expect((await fetch(`${parley.http}/api/readyz`)).status).toBe(200)
})

test('without a token, /api/metrics is open', async () => {
  await using parley = await startParley()
  expect((await fetch(`${parley.http}/api/metrics`)).status).toBe(200)
})

test('METRICS_TOKEN from the environment guards the real entry point', async () => {
  await using server = await spawnServer({ env: { DATABASE_URL: 'memory:', METRICS_TOKEN: TOKEN } })
  expect((await fetch(`${server.http}/api/metrics`)).status).toBe(401)
  const allowed = await fetch(`${server.http}/api/metrics`, { headers: { authorization: `Bearer ${TOKEN}` } })
  expect(allowed.status).toBe(200)
})

test('METRICS_TOKEN: empty means unset; a short one stops the server with the reason', () => {
  expect(readEnv({ METRICS_TOKEN: '' }).METRICS_TOKEN).toBeUndefined()
  expect(readEnv({}).METRICS_TOKEN).toBeUndefined()
  expect(readEnv({ METRICS_TOKEN: TOKEN }).METRICS_TOKEN).toBe(TOKEN)
  const env = fileURLToPath(new URL('../env.ts', import.meta.url))
  const short = Bun.spawnSync([process.execPath, '-e', `(await import(${JSON.stringify(env)})).readEnv()`], {
    env: { ...process.env, METRICS_TOKEN: 'short' },
  })
  expect(short.exitCode).toBe(1)
  expect(short.stderr.toString()).toContain('METRICS_TOKEN: use at least 16 characters')
})
