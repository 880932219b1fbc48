import { describe, expect, test } from 'bun:test'
import { temporaryPostgresSchema } from '../../test/postgres-schema.ts'
import { temporaryDataDir } from '../../test/start-parley.ts'
import { openStore } from '../storage/open-store.ts'
import type { HandoffStore } from './handoff-store.ts'
import { openHandoffStore } from './open-handoff-store.ts'

/** A handoff store on migrated storage of each kind, with what removes it. */
const kinds = {
  SQLite: async () => {
    const data = temporaryDataDir()
    const storage = { dataDir: data.dataDir }
    await (await openStore(storage)).close()
    return { store: await openHandoffStore(storage), remove: async () => data.remove() }
  },
  PostgreSQL: async () => {
    const schema = await temporaryPostgresSchema()
    const storage = { dataDir: '', databaseUrl: schema.url }
    await (await openStore(storage)).close()
    return { store: await openHandoffStore(storage), remove: () => schema.remove() }
  },
  memory: async () => ({
    store: await openHandoffStore({ dataDir: '', databaseUrl: 'memory:' }),
    remove: async () => {},
  }),
}

async function opened(kind: () => Promise<{ store: HandoffStore; remove(): Promise<void> }>) {
  const { store, remove } = await kind()
  return Object.assign(store, {
    async [Symbol.asyncDispose]() {
      await store.close()
      await remove()
    },
  })
}

const grant = { username: 'alice', token: 'token-of-alice-0001', rooms: ['general', 'design review'] }

for (const [name, kind] of Object.entries(kinds)) {
  describe(`handoff codes in ${name}`, () => {
    test('a grant is taken once, rooms and all', async () => {
      await using store = await opened(kind)
      await store.put('hash-1', grant, 2_000)
      expect(await store.take('hash-1', 1_000)).toEqual(grant)
      expect(await store.take('hash-1', 1_000)).toBeUndefined()
      expect(await store.take('never-made', 1_000)).toBeUndefined()
    })

    test('an expired grant is not given, and is gone after the attempt', async () => {
      await using store = await opened(kind)
      await store.put('hash-1', grant, 2_000)
      expect(await store.take('hash-1', 2_000)).toBeUndefined()
      expect(await store.take('hash-1', 0)).toBeUndefined()
    })

    test('two takers at once: exactly one gets the grant', async () => {
      await using store = await opened(kind)
      await store.put('hash-1', grant, 2_000)
      const taken = await Promise.all([store.take('hash-1', 1_000), store.take('hash-1', 1_000)])
      expect(taken.filter((one) => one !== undefined)).toEqual([grant])
    })

    test('the sweep removes expired grants and keeps the others', async () => {
      await using store = await opened(kind)
      await store.put('old-1', grant, 1_000)
      await store.put('old-2', grant, 1_500)
      await store.put('live', grant, 3_000)
      expect(await store.sweep(2_000)).toBe(2)
      expect(await store.sweep(2_000)).toBe(0)
      expect(await store.take('old-1', 0)).toBeUndefined()
      expect(await store.take('live', 2_000)).toEqual(grant)
    })
  })
}
