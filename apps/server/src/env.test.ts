import { expect, test } from 'bun:test'
import { fileURLToPath } from 'node:url'
import { readEnv } from './env.ts'

test('SQLITE_SYNC: normal unless set to full; anything else stops the server with the reason', () => {
  expect(readEnv({}).SQLITE_SYNC).toBe('normal')
  expect(readEnv({ SQLITE_SYNC: 'full' }).SQLITE_SYNC).toBe('full')
  expect(readEnv({ SQLITE_SYNC: 'normal' }).SQLITE_SYNC).toBe('normal')
  const env = fileURLToPath(new URL('./env.ts', import.meta.url))
  const wrong = Bun.spawnSync([process.execPath, '-e', `(await import(${JSON.stringify(env)})).readEnv()`], {
    env: { ...process.env, SQLITE_SYNC: 'FULL' },
  })
  expect(wrong.exitCode).toBe(1)
  expect(wrong.stderr.toString()).toContain('SQLITE_SYNC: use full (every commit synced to disk) or normal')
})
