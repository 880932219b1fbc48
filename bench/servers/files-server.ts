// Parley for the files figures: as deployed, with its files on disk (SQLite beside them) or in
// PostgreSQL (a schema of its own), and no per-minute upload limit, which the figures would hit.
import { startParleyOnPostgres } from './parley-on-postgres.ts'
import { type BenchServer, startParleyWith } from './start-servers.ts'

/** Where the files go: on disk under DATA_DIR (history in SQLite), or in PostgreSQL's tables. */
export type FileStoreKind = 'sqlite' | 'postgres'

/** Starts Parley on `store` with `UPLOADS_PER_MINUTE=0`, in a fresh data folder where uploads arrive on both. */
export function startFilesServer(store: FileStoreKind): Promise<BenchServer> {
  const env = { UPLOADS_PER_MINUTE: '0' }
  return store === 'sqlite'
    ? startParleyWith('parley (files, sqlite)', env)
    : startParleyOnPostgres('parley (files, postgres)', env)
}
