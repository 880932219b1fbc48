import { SQL } from 'bun'
import { isPostgresUrl, type StorageConfig, sqliteFile } from '../storage/open-store.ts'
import type { HandoffStore } from './handoff-store.ts'
import { MemoryHandoffStore } from './memory-handoff-store.ts'
import { SqlHandoffStore } from './sql-handoff-store.ts'

/**
 * Where handoff codes wait: in the history's database (its schema brought up to date by
 * `openStore` first), on a connection of their own; in memory when the history is.
 */
export async function openHandoffStore(storage: StorageConfig): Promise<HandoffStore> {
  const url = storage.databaseUrl
  if (url === 'memory:') return new MemoryHandoffStore()
  if (url && isPostgresUrl(url)) return new SqlHandoffStore(new SQL({ url, max: 2 }))
  const sql = new SQL({ adapter: 'sqlite', filename: sqliteFile(storage) })
  await sql.unsafe('PRAGMA busy_timeout = 5000')
  // A redeemed or expired code's row, session token included, is overwritten on disk, not only unlinked.
  await sql.unsafe('PRAGMA secure_delete = ON')
  return new SqlHandoffStore(sql)
}
