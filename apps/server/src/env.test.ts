import { expect, test } from 'bun:test'
import { fileURLToPath } from 'node:url'
import { readEnv } from './env.ts'

/** Reads the environment as the server does at start, in a process of its own: how it exits and what it says. */
function startWith(variables: Record<string, string>) {
  const env = fileURLToPath(new URL('./env.ts', import.meta.url))
  const started = Bun.spawnSync([process.execPath, '-e', `(await import(${JSON.stringify(env)})).readEnv()`], {
    env: { ...process.env, ...variables },
  })
  return { exitCode: started.exitCode, said: started.stderr.toString() }
}

test('SQLITE_SYNC: normal unless set to full; anything else stops the server with the reason', () => {
  expect(readEnv({}).SQLITE_SYNC).toBe('normal')
  expect(readEnv({ SQLITE_SYNC: 'full' }).SQLITE_SYNC).toBe('full')
  expect(readEnv({ SQLITE_SYNC: 'normal' }).SQLITE_SYNC).toBe('normal')
  const wrong = startWith({ SQLITE_SYNC: 'FULL' })
  expect(wrong.exitCode).toBe(1)
  expect(wrong.said).toContain('SQLITE_SYNC: use full (every commit synced to disk) or normal')
})

test('ADMIN_TOKEN: empty means no operator; a short one stops the server with the reason', () => {
  expect(readEnv({ ADMIN_TOKEN: '' }).ADMIN_TOKEN).toBeUndefined()
  expect(readEnv({ ADMIN_TOKEN: 'operator-token-0123456789' }).ADMIN_TOKEN).toBe('operator-token-0123456789')
  const short = startWith({ ADMIN_TOKEN: 'short' })
  expect(short.exitCode).toBe(1)
  expect(short.said).toContain('ADMIN_TOKEN: use at least 16 characters')
})
