import { mkdirSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { SQL } from 'bun'
import { MemoryMessageStore } from './memory-store.ts'
import type { MessageStore } from './message-store.ts'
import { migrate } from './migrations.ts'
import { PostgresMessageStore } from './postgres-store.ts'
import { SqliteMessageStore } from './sqlite-store.ts'
import type { SqliteSync } from './sqlite-writer.worker.ts'

/** SQLITE_SYNC unset: see "What stored means" in the README for why. */
export const defaultSqliteSync: SqliteSync = 'normal'

export interface StorageConfig {
  /** `sqlite://path`, `postgres://…`, or `memory:`; without it, SQLite in `dataDir`. */
  databaseUrl?: string
  /** Where the default SQLite file lives. */
  dataDir: string
  /** Whether messages can be searched (SQLite then indexes them as they come); default true. */
  search?: boolean
  /** SQLite: `full` syncs every commit to disk, `normal` leaves it to the OS until a checkpoint. */
  sqliteSync?: SqliteSync
}

/** Where a config puts history, in words for the start-up log. */
export function describeStorage(config: StorageConfig): string {
  const url = config.databaseUrl
  const sqlite = `SQLite at ${sqliteFile(config)}, SQLITE_SYNC=${config.sqliteSync ?? defaultSqliteSync}`
  if (!url) return sqlite
  if (url === 'memory:') return 'memory (lost on restart)'
  if (url.startsWith('sqlite:')) return sqlite
  return 'PostgreSQL'
}

/** Whether `url` names a PostgreSQL database. */
export function isPostgresUrl(url: string): boolean {
  return /^postgres(ql)?:\/\//.test(url)
}

/** The SQLite file a config names: `sqlite://path`, or `parley.db` in `dataDir`. */
export function sqliteFile({ databaseUrl, dataDir }: StorageConfig): string {
  if (!databaseUrl) return resolve(join(dataDir, 'parley.db'))
  return resolve(databaseUrl.replace(/^sqlite:(\/\/)?/, ''))
}

/** Opens the configured store and brings its schema up to date. */
export async function openStore(config: StorageConfig): Promise<MessageStore> {
  const url = config.databaseUrl
  const search = config.search ?? true
  if (url === 'memory:') return new MemoryMessageStore(search)
  if (url && isPostgresUrl(url)) {
    const sql = new SQL(url)
    await migrate(sql, 'postgres')
    return new PostgresMessageStore(sql, search)
  }
  if (url && !url.startsWith('sqlite:')) {
    throw new Error('DATABASE_URL must start with sqlite://, postgres:// or be memory:')
  }
  const file = sqliteFile(config)
  mkdirSync(dirname(file), { recursive: true })
  // Migrations speak Bun's SQL client, as on PostgreSQL; the store then keeps its own connection.
  const sql = new SQL({ adapter: 'sqlite', filename: file })
  try {
    await sql.unsafe('PRAGMA busy_timeout = 5000')
    await migrate(sql, 'sqlite')
  } finally {
    await sql.close()
  }
  return SqliteMessageStore.open(file, search, config.sqliteSync ?? defaultSqliteSync)
}
