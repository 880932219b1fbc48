// Seeds a PostgreSQL schema of its own with a corpus: the server's own code creates the
// tables (openStore runs the migrations, so `search` is the generated tsvector and
// `messages_search` its GIN index), then the rows go in with multi-row INSERTs, which
// compute each row's tsvector and index it as the server's own INSERTs do.
import { SQL } from 'bun'
import { openStore } from '../../apps/server/src/storage/open-store.ts'
import { type TemporarySchema, temporaryPostgresSchema } from '../../apps/server/test/postgres-schema.ts'
import type { SeedCorpus } from './seed-corpus.ts'
import { authorHashes, rowOf } from './seed-sqlite.ts'

/** Rows per INSERT: 9 parameters each stays well under PostgreSQL's 65,535. */
const ROWS_PER_INSERT = 5_000
/** INSERTs in flight at once, each on a connection of its own: PostgreSQL spreads them over the CPUs. */
const CONCURRENT_INSERTS = 2

/** A fresh schema in `databaseUrl` holding the corpus, analysed; `remove()` drops it. */
export async function seedPostgres(corpus: SeedCorpus, databaseUrl: string): Promise<TemporarySchema> {
  const schema = await temporaryPostgresSchema(databaseUrl, 'parley_search_bench')
  try {
    const store = await openStore({ databaseUrl: schema.url, dataDir: '.' })
    await store.close()
    const sql = new SQL(schema.url, { max: CONCURRENT_INSERTS })
    try {
      await insertMessages(sql, corpus)
      const rooms = corpus.rooms.map((name, r) => ({ name, last_seq: corpus.lastSeq[r] ?? 0 }))
      await sql`INSERT INTO rooms ${sql(rooms)}`
      // What autovacuum would have done by the time a history is this long: statistics for the planner.
      await sql`VACUUM ANALYZE messages`
      await sql`ANALYZE rooms`
    } finally {
      await sql.close()
    }
    return schema
  } catch (error) {
    await schema.remove()
    throw error
  }
}

async function insertMessages(sql: SQL, corpus: SeedCorpus): Promise<void> {
  const authors = authorHashes(corpus)
  const total = corpus.body.length
  let next = 0
  async function lane(): Promise<void> {
    while (next < total) {
      const from = next
      next = Math.min(total, from + ROWS_PER_INSERT)
      const rows = Array.from({ length: next - from }, (_, k) => rowOf(corpus, from + k, authors))
      await sql`INSERT INTO messages ${sql(rows)}`
    }
  }
  await Promise.all(Array.from({ length: CONCURRENT_INSERTS }, lane))
}
