// Seeds a SQLite file with a corpus: the server's own code creates the schema (openStore runs
// the migrations), then the rows go in as the writer thread writes them, in large
// transactions. The search index is left empty, every room's `indexed_seq` at 0: the server
// started on the file builds it, as it would after an upgrade to a release with search.
import { Database } from 'bun:sqlite'
import { join } from 'node:path'
import { openStore } from '../../apps/server/src/storage/open-store.ts'
import type { MessageRow } from '../../apps/server/src/storage/stored-rows.ts'
import type { SeedCorpus } from './seed-corpus.ts'

/** Rows per transaction while seeding. */
const CHUNK = 50_000

/** What sessionAuthor makes of a session token: the same one per author here. */
export function authorHashes(corpus: SeedCorpus): string[] {
  return corpus.authors.map((name) => new Bun.CryptoHasher('sha256').update(`session-of-${name}`).digest('base64url'))
}

/** Message i of the corpus as the row the writer thread inserts for it. */
export function rowOf(corpus: SeedCorpus, i: number, authors: readonly string[]): MessageRow {
  const createdAt = corpus.createdAt[i] as number
  const author = corpus.author[i] as number
  return {
    room: corpus.rooms[corpus.room[i] as number] as string,
    seq: corpus.seq[i] as number,
    message_id: Bun.randomUUIDv7('hex', createdAt),
    client_id: null,
    username: corpus.authors[author] as string,
    body: corpus.body[i] as string,
    created_at: createdAt,
    reply_to: null,
    author: authors[author] ?? null,
    files: null,
  }
}

/** Creates `dataDir`/parley.db, as Parley's DATA_DIR would hold it, with the corpus in it; returns the file. */
export async function seedSqlite(corpus: SeedCorpus, dataDir: string): Promise<string> {
  const store = await openStore({ dataDir, search: false })
  await store.close()
  const file = join(dataDir, 'parley.db')
  const db = new Database(file, { strict: true })
  try {
    // For the seed only: the server opens the file with its own settings (WAL, FULL).
    db.run('PRAGMA synchronous = OFF')
    const insert = db.query<never, MessageRow>(
      `INSERT INTO messages (room, seq, message_id, client_id, username, body, created_at, reply_to, author)
       VALUES ($room, $seq, $message_id, $client_id, $username, $body, $created_at, $reply_to, $author)`,
    )
    const authors = authorHashes(corpus)
    const insertChunk = db.transaction((from: number, to: number) => {
      for (let i = from; i < to; i++) insert.run(rowOf(corpus, i, authors))
    })
    const total = corpus.body.length
    for (let from = 0; from < total; from += CHUNK) insertChunk(from, Math.min(total, from + CHUNK))
    const addRoom = db.query<never, { name: string; last_seq: number }>(
      'INSERT INTO rooms (name, last_seq) VALUES ($name, $last_seq)',
    )
    db.transaction(() => {
      for (const [r, name] of corpus.rooms.entries()) addRoom.run({ name, last_seq: corpus.lastSeq[r] ?? 0 })
    })()
    db.run('PRAGMA wal_checkpoint(TRUNCATE)')
  } finally {
    db.close()
  }
  return file
}

/** How far the server's search index has come: entries in the room logs, and how many of them are indexed. */
export function indexProgress(file: string): { entries: number; indexed: number } {
  const db = new Database(file, { readonly: true })
  try {
    const row = db
      .query<{ entries: number | null; indexed: number | null }, []>(
        'SELECT sum(last_seq) AS entries, sum(indexed_seq) AS indexed FROM rooms',
      )
      .get()
    return { entries: row?.entries ?? 0, indexed: row?.indexed ?? 0 }
  } finally {
    db.close()
  }
}
