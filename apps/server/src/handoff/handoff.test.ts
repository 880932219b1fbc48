import { describe, expect, test } from 'bun:test'
import { join } from 'node:path'
import { httpErrorSchema } from '@parley/events'
import { SQL } from 'bun'
import { failure } from '../../test/clients.ts'
import { redeem, redeemRequest } from '../../test/handoffs.ts'
import { temporaryPostgresSchema } from '../../test/postgres-schema.ts'
import { startParley, temporaryDataDir } from '../../test/start-parley.ts'

const storages = {
  SQLite: async () => {
    const data = temporaryDataDir()
    return { storage: { dataDir: data.dataDir }, [Symbol.asyncDispose]: async () => data.remove() }
  },
  PostgreSQL: async () => {
    const schema = await temporaryPostgresSchema()
    return { storage: { dataDir: '', databaseUrl: schema.url }, [Symbol.asyncDispose]: () => schema.remove() }
  },
}

for (const [name, open] of Object.entries(storages)) {
  describe(`continuing on another device (${name})`, () => {
    test('a code hands the name, its token and its rooms to another client once; that client may edit the messages', async () => {
      await using place = await open()
      await using parley = await startParley({ storage: place.storage })
      const alice = parley.client()
      const { token } = await alice.request('join', { username: 'alice', room: 'first' })
      await alice.request('join', { username: 'alice', room: 'second' })
      const sent = await alice.request('sendMessage', { room: 'first', message: 'typed on the laptop' })

      const before = Date.now()
      const { code, expiresAt } = await alice.request('handoff', {})
      expect(code).toMatch(/^[\w-]{43}$/)
      expect(expiresAt).toBeGreaterThanOrEqual(before + 300_000)
      expect(expiresAt).toBeLessThanOrEqual(Date.now() + 300_000)

      const redeemed = await redeem(parley.http, code)
      expect(redeemed.status).toBe(200)
      expect(redeemed.response.headers.get('cache-control')).toBe('no-store')
      expect(redeemed.grant).toEqual({ username: 'alice', token, rooms: ['first', 'second'] })

      // The phone joins as alice while the laptop is still there: one session, two devices.
      const phone = parley.client()
      const joined = await phone.request('join', { username: 'alice', room: 'first', token: redeemed.grant?.token })
      expect(joined.token).toBe(token)
      const edit = await phone.request('editMessage', {
        room: 'first',
        seq: sent.seq,
        message: 'edited on the phone',
        clientId: 'phone-edit-1',
      })
      expect(edit.seq).toBeGreaterThan(sent.seq)

      const again = await redeem(parley.http, code)
      expect(again.status).toBe(410)
      expect(again.error).toContain('used or has expired')
    })

    test('an expired code is refused like a used one', async () => {
      await using place = await open()
      await using parley = await startParley({ storage: place.storage, handoff: { ttlMs: 0 } })
      const alice = parley.client()
      await alice.request('join', { username: 'alice', room: 'r' })
      const expired = await alice.request('handoff', {})
      const refused = await redeem(parley.http, expired.code)
      expect(refused.status).toBe(410)
      expect(refused.error).toContain('used or has expired')
    })
  })
}

describe('a handoff code in storage', () => {
  test('is kept only as its SHA-256, and gone once redeemed', async () => {
    using data = temporaryDataDir()
    await using parley = await startParley({ storage: { dataDir: data.dataDir } })
    const alice = parley.client()
    await alice.request('join', { username: 'alice', room: 'r' })
    const { code } = await alice.request('handoff', {})
    const sql = new SQL({ adapter: 'sqlite', filename: join(data.dataDir, 'parley.db') })
    try {
      const rows: { code_hash: string }[] = await sql`SELECT code_hash FROM handoffs`
      expect(rows).toEqual([{ code_hash: new Bun.CryptoHasher('sha256').update(code).digest('hex') }])
      expect((await redeem(parley.http, code)).status).toBe(200)
      expect(await sql`SELECT code_hash FROM handoffs`).toEqual([])
    } finally {
      await sql.close()
    }
  })
})

describe('refusals', () => {
  test('a connection that has not joined gets no code', async () => {
    await using parley = await startParley()
    const stranger = parley.client()
    expect(await failure(stranger.request('handoff', {}))).toBe(
      'Join a room first: then this session can continue on another device',
    )
  })

  test('an unknown code is refused in the same words as a used one', async () => {
    await using parley = await startParley()
    const refused = await redeem(parley.http, 'x'.repeat(43))
    expect(refused.status).toBe(410)
    expect(refused.error).toContain('used or has expired')
  })

  test('a body that is not {code} is refused in words', async () => {
    await using parley = await startParley()
    const cases: [unknown, number, string][] = [
      ['not json', 400, 'Send JSON'],
      [{}, 400, 'A handoff code is 43'],
      [{ code: 'short' }, 400, 'A handoff code is 43'],
      [{ code: `${'a'.repeat(42)}/` }, 400, 'A handoff code is 43'],
      [{ code: 'a'.repeat(2_000) }, 413, 'Send only'],
    ]
    for (const [body, status, words] of cases) {
      const response = await redeemRequest(parley.http, body)
      expect(response.status).toBe(status)
      expect(httpErrorSchema.parse(await response.json()).error).toContain(words)
    }
  })

  test('an address that keeps trying is told to wait', async () => {
    await using parley = await startParley({ handoff: { triesPerMinute: 3 } })
    for (let i = 0; i < 3; i += 1) expect((await redeem(parley.http, 'y'.repeat(43))).status).toBe(410)
    const refused = await redeem(parley.http, 'y'.repeat(43))
    expect(refused.status).toBe(429)
    expect(refused.error).toStartWith('Too many tries')
    expect(Number(refused.response.headers.get('retry-after'))).toBeGreaterThan(0)
  })
})
