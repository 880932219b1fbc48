import { join } from 'node:path'
import type { LogEntry, MessageStore, NewMessage, StoredMessage } from '../src/storage/message-store.ts'
import { openStore } from '../src/storage/open-store.ts'
import { temporaryPostgresSchema } from './postgres-schema.ts'
import { temporaryDataDir } from './start-parley.ts'

/** A store that `await using` closes, removing what it was kept in. */
export type TestStore = MessageStore & AsyncDisposable

/** `store`, closed and then `remove`d at the end of an `await using` block. */
export function disposableStore<S extends MessageStore>(
  store: S,
  remove: () => unknown = () => {},
): S & AsyncDisposable {
  return Object.assign(store, {
    async [Symbol.asyncDispose]() {
      await store.close()
      await remove()
    },
  })
}

/** A SQLite store in a fresh data directory; `file` is its database. */
export async function sqliteTestStore(): Promise<TestStore & { file: string }> {
  const data = temporaryDataDir()
  const store = disposableStore(await openStore({ dataDir: data.dataDir }), data.remove)
  return Object.assign(store, { file: join(data.dataDir, 'parley.db') })
}

/** A PostgreSQL store in a schema of its own, `schema`, dropped at the end. */
export async function postgresTestStore(): Promise<TestStore & { schema: string }> {
  const schema = await temporaryPostgresSchema()
  const store = disposableStore(await openStore({ dataDir: '', databaseUrl: schema.url }), schema.remove)
  return Object.assign(store, { schema: schema.name })
}

let counter = 0

/** The messages among log entries. */
export function messagesIn(entries: readonly LogEntry[]): StoredMessage[] {
  return entries.flatMap((entry) => (entry.kind === 'message' ? [entry.message] : []))
}

/** A new message from alice, with an id and a time of its own. */
export function newMessage(room: string, body: string, extra: Partial<NewMessage> = {}): NewMessage {
  counter += 1
  return {
    room,
    body,
    username: 'alice',
    messageId: `m-${counter}`,
    clientId: undefined,
    timestamp: 1_000 + counter,
    ...extra,
  }
}
