import { SQL } from 'bun'

/** PostgreSQL on this machine (trust auth, database test); POSTGRES_URL overrides it. */
export const POSTGRES_URL = process.env.POSTGRES_URL ?? 'postgres://root@127.0.0.1:5432/test'

/** A schema of its own in a PostgreSQL database; dropped by `remove` or at the end of an `await using` block. */
export interface TemporarySchema extends AsyncDisposable {
  readonly name: string
  /** The database URL with `search_path` set to the schema: Parley's DATABASE_URL. */
  readonly url: string
  remove(): Promise<void>
}

/**
 * Creates a schema with a fresh name (`prefix_…`) in the database at `databaseUrl`, so
 * runs never collide and Parley starts on empty tables.
 */
export async function temporaryPostgresSchema(
  databaseUrl: string = POSTGRES_URL,
  prefix = 'parley_test',
): Promise<TemporarySchema> {
  const name = `${prefix}_${crypto.randomUUID().replaceAll('-', '')}`
  const admin = new SQL(databaseUrl)
  try {
    await admin.unsafe(`CREATE SCHEMA ${name}`)
  } catch (error) {
    await admin.close()
    throw error
  }
  const url = new URL(databaseUrl)
  url.searchParams.set('search_path', name)
  let removed: Promise<void> | undefined
  const remove = () => {
    removed ??= (async () => {
      try {
        await admin.unsafe(`DROP SCHEMA IF EXISTS ${name} CASCADE`)
      } finally {
        await admin.close()
      }
    })()
    return removed
  }
  return { name, url: url.toString(), remove, [Symbol.asyncDispose]: remove }
}
