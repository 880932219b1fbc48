// Parley for the files figures: as deployed, with its files on disk (SQLite beside them) or in
// PostgreSQL (a schema of its own), and no per-minute upload limit, which the figures would hit.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { temporaryPostgresSchema } from '../../apps/server/test/postgres-schema.ts'
import { config } from '../config.ts'
import { type BenchServer, startParleyWith } from './start-servers.ts'

/** Where the files go: on disk under DATA_DIR (history in SQLite), or in PostgreSQL's tables. */
export type FileStoreKind = 'sqlite' | 'postgres'

/**
 * Starts Parley on `store` in a fresh temporary DATA_DIR (uploads arrive there on both), with
 * `UPLOADS_PER_MINUTE=0`; PostgreSQL gets a fresh schema in config.postgresUrl. Stopping it
 * removes the folder and drops the schema, also when it fails to start.
 */
export async function startFilesServer(store: FileStoreKind): Promise<BenchServer> {
  const dataDir = mkdtempSync(join(tmpdir(), 'parley-bench-files-'))
  const cleanups: (() => Promise<void> | void)[] = [() => rmSync(dataDir, { recursive: true, force: true })]
  const cleanUp = async () => {
    for (const cleanup of cleanups.reverse()) await cleanup()
  }
  try {
    const env: Record<string, string> = { DATA_DIR: dataDir, UPLOADS_PER_MINUTE: '0' }
    if (store === 'postgres') {
      const schema = await temporaryPostgresSchema(config.postgresUrl, 'parley_bench')
      cleanups.push(() => schema.remove())
      env.DATABASE_URL = schema.url
    }
    const server = await startParleyWith(`parley (files, ${store})`, env)
    return {
      ...server,
      async stop(signal) {
        try {
          return await server.stop(signal)
        } finally {
          await cleanUp()
        }
      },
    }
  } catch (error) {
    await cleanUp()
    throw error
  }
}
