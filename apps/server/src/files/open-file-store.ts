import { SQL } from 'bun'
import type { StorageConfig } from '../storage/open-store.ts'
import { DiskFileStore } from './disk-file-store.ts'
import type { FileStore } from './file-store.ts'
import { PostgresFileStore } from './postgres-file-store.ts'

/**
 * Where files go beside the history: PostgreSQL when the history is there (any instance
 * serves any file), otherwise `dir` on this machine's disk.
 */
export async function openFileStore(storage: StorageConfig, dir: string): Promise<FileStore> {
  const url = storage.databaseUrl
  if (url && /^postgres(ql)?:\/\//.test(url)) return new PostgresFileStore(new SQL(url))
  return DiskFileStore.open(dir)
}
