// A PostgreSQL schema of the run's own, so Parley starts on empty tables and nothing is left behind.
import { SQL } from 'bun'

interface PostgresSchema {
  /** The database URL with `search_path` set to the schema: Parley's DATABASE_URL. */
  readonly url: string
  /** Drops the schema and everything in it. */
  drop(): Promise<void>
}

/** Creates a schema with a fresh name in the database at `databaseUrl`. */
export async function createSchema(databaseUrl: string): Promise<PostgresSchema> {
  const name = `parley_bench_${crypto.randomUUID().replaceAll('-', '')}`
  const admin = new SQL(databaseUrl)
  try {
    await admin.unsafe(`CREATE SCHEMA ${name}`)
  } catch (error) {
    await admin.close()
    throw error
  }
  const url = new URL(databaseUrl)
  url.searchParams.set('search_path', name)
  return {
    url: url.toString(),
    async drop() {
      try {
        await admin.unsafe(`DROP SCHEMA IF EXISTS ${name} CASCADE`)
      } finally {
        await admin.close()
      }
    },
  }
}
