// Parley for the files figures: as deployed, with its files on disk (SQLite beside them) or in
// PostgreSQL (a schema of its own), and no per-minute upload limit, which the figures would hit.
import { temporaryPostgresSchema } from '../../apps/server/test/postgres-schema.ts'
import { config } from '../config.ts'
import { type BenchServer, startParleyWith } from './start-servers.ts'

/** Where the files go: on disk under DATA_DIR (history in SQLite), or in PostgreSQL's tables. */
export type FileStoreKind = 'sqlite' | 'postgres'

/**
 * Starts Parley on `store` with `UPLOADS_PER_MINUTE=0` (in a fresh data folder, where uploads
 * arrive on both); PostgreSQL gets a fresh schema in config.postgresUrl, dropped on stop,
 * also when the server fails to start.
 */
export async function startFilesServer(store: FileStoreKind): Promise<BenchServer> {
  const env: Record<string, string> = { UPLOADS_PER_MINUTE: '0' }
  if (store === 'sqlite') return startParleyWith('parley (files, sqlite)', env)
  const schema = await temporaryPostgresSchema(config.postgresUrl, 'parley_bench')
  try {
    const server = await startParleyWith('parley (files, postgres)', { ...env, DATABASE_URL: schema.url })
    return {
      ...server,
      async stop(signal) {
        try {
          return await server.stop(signal)
        } finally {
          await schema.remove()
        }
      },
    }
  } catch (error) {
    await schema.remove()
    throw error
  }
}
