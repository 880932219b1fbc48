import { describe, expect, test } from 'bun:test'
import { join } from 'node:path'
import { SQL } from 'bun'
import { failure, nextPush, recordPushes, wholeHistory } from '../test/clients.ts'
import { POSTGRES_URL, temporaryPostgresSchema } from '../test/postgres-schema.ts'
import { startParley, temporaryDataDir } from '../test/start-parley.ts'
import { until } from '../test/until.ts'
import { writeProtect } from '../test/write-protect.ts'
import { createLogger } from './ops/logger.ts'
import { migrate } from './storage/migrations.ts'
import type { StorageConfig } from './storage/open-store.ts'

/** Storage for one test that it can break, and mend, for real. */
interface Breakable extends AsyncDisposable {
  config: StorageConfig
  break(): Promise<void>
  mend(): Promise<void>
  /** What the room holds after the outage, besides the message sent after it. */
  keptThrough: string[]
}

const outages: [string, () => Promise<Breakable>][] = [
  [
    'SQLite whose WAL the disk refuses to write',
    async () => {
      const data = temporaryDataDir()
      let wal: ReturnType<typeof writeProtect> | undefined
      return {
        config: { dataDir: data.dataDir },
        break: async () => {
          wal = writeProtect(join(data.dataDir, 'parley.db-wal'))
        },
        mend: async () => wal?.lift(),
        keptThrough: ['before the outage'],
        [Symbol.asyncDispose]: async () => {
          wal?.lift()
          data.remove()
        },
      }
    },
  ],
  [
    'PostgreSQL whose schema is dropped, then restored by the migrations',
    async () => {
      const schema = await temporaryPostgresSchema()
      const admin = new SQL(POSTGRES_URL)
      return {
        config: { dataDir: '', databaseUrl: schema.url },
        break: async () => {
          await admin.unsafe(`DROP SCHEMA ${schema.name} CASCADE`)
        },
        mend: async () => {
          await admin.unsafe(`CREATE SCHEMA ${schema.name}`)
          await using migrator = new SQL(schema.url)
          await migrate(migrator, 'postgres')
        },
        // The history went with the schema.
        keptThrough: [],
        [Symbol.asyncDispose]: async () => {
          await admin.close()
          await schema.remove()
        },
      }
    },
  ],
]

const SECRET = 'the secret plan, sent during the outage'

for (const [name, breakable] of outages) {
  describe(name, () => {
    test('sends are refused in words and reach no one; readiness says why; once mended, sends work again', async () => {
      await using storage = await breakable()
      const lines: string[] = []
      const logger = createLogger({ level: 'debug', format: 'json', write: (line) => lines.push(line) })
      await using parley = await startParley({ storage: storage.config, logger })
      const readiness = async () => {
        const response = await fetch(`${parley.http}/api/readyz`)
        return { status: response.status, body: (await response.json()) as { problems?: string[] } }
      }
      const alice = parley.client()
      const bob = parley.client()
      await alice.request('join', { username: 'alice', room: 'outage' })
      await bob.request('join', { username: 'bob', room: 'outage' })
      const heardByBob = recordPushes(bob, 'message')
      const heardByAlice = recordPushes(alice, 'message')
      await alice.request('sendMessage', { message: 'before the outage' })
      expect((await readiness()).status).toBe(200)

      await storage.break()
      expect(await failure(alice.request('sendMessage', { message: SECRET, clientId: 'during-outage-1' }))).toBe(
        'Messages cannot be stored right now: try sending yours again in a moment',
      )
      const broken = await readiness()
      expect(broken.status).toBe(503)
      expect(broken.body.problems).toContainEqual(expect.stringMatching(/^Messages cannot be stored: /))

      await storage.mend()
      await until(async () => (await readiness()).status === 200, 'readiness after mending')
      const delivered = nextPush(bob, 'message', (m) => m.message === 'after the outage')
      await alice.request('sendMessage', { message: 'after the outage' })
      await delivered

      // The refused message reached no one and is nowhere, not even in the logs.
      expect(heardByBob.map((m) => m.message)).toEqual(['before the outage', 'after the outage'])
      expect(heardByAlice.map((m) => m.message)).toEqual(['before the outage', 'after the outage'])
      const stored = await wholeHistory(bob, 'outage')
      expect(stored.map((m) => m.message)).toEqual([...storage.keptThrough, 'after the outage'])
      expect(stored.map((m) => m.seq)).toEqual(stored.map((_, i) => i + 1))
      expect(lines.some((line) => line.includes('"event":"storage-failed"'))).toBe(true)
      for (const text of [SECRET, 'before the outage', 'after the outage']) {
        expect(lines.filter((line) => line.includes(text))).toEqual([])
      }
    })
  })
}
