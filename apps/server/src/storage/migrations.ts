import type { SQL } from 'bun'

export type Dialect = 'sqlite' | 'postgres'

interface Migration {
  version: number
  name: string
  statements: Record<Dialect, string[]>
}

/** Every schema change, in order. Never edit one that has shipped: add the next. */
const migrations: Migration[] = [
  {
    version: 1,
    name: 'rooms and messages',
    statements: {
      sqlite: [
        'CREATE TABLE rooms (name TEXT PRIMARY KEY, last_seq INTEGER NOT NULL DEFAULT 0)',
        `CREATE TABLE messages (
          room TEXT NOT NULL,
          seq INTEGER NOT NULL,
          message_id TEXT NOT NULL UNIQUE,
          client_id TEXT,
          username TEXT NOT NULL,
          body TEXT NOT NULL,
          created_at INTEGER NOT NULL,
          PRIMARY KEY (room, seq)
        ) WITHOUT ROWID`,
        'CREATE UNIQUE INDEX messages_client_id ON messages (room, client_id) WHERE client_id IS NOT NULL',
      ],
      postgres: [
        'CREATE TABLE rooms (name TEXT PRIMARY KEY, last_seq BIGINT NOT NULL DEFAULT 0)',
        `CREATE TABLE messages (
          room TEXT NOT NULL,
          seq BIGINT NOT NULL,
          message_id TEXT NOT NULL UNIQUE,
          client_id TEXT,
          username TEXT NOT NULL,
          body TEXT NOT NULL,
          created_at BIGINT NOT NULL,
          PRIMARY KEY (room, seq)
        )`,
        'CREATE UNIQUE INDEX messages_client_id ON messages (room, client_id) WHERE client_id IS NOT NULL',
      ],
    },
  },
  {
    version: 2,
    name: 'changes to messages: edits, deletions, reactions and replies',
    statements: {
      sqlite: [
        'ALTER TABLE messages ADD COLUMN reply_to INTEGER',
        'ALTER TABLE messages ADD COLUMN author TEXT',
        'ALTER TABLE messages ADD COLUMN edited_at INTEGER',
        'ALTER TABLE messages ADD COLUMN deleted_at INTEGER',
        'ALTER TABLE messages ADD COLUMN rev INTEGER',
        `CREATE TABLE changes (
          room TEXT NOT NULL,
          seq INTEGER NOT NULL,
          message_seq INTEGER NOT NULL,
          kind TEXT NOT NULL,
          username TEXT NOT NULL,
          client_id TEXT NOT NULL,
          emoji TEXT,
          created_at INTEGER NOT NULL,
          PRIMARY KEY (room, seq)
        ) WITHOUT ROWID`,
        'CREATE UNIQUE INDEX changes_client_id ON changes (room, client_id)',
        `CREATE TABLE reactions (
          room TEXT NOT NULL,
          message_seq INTEGER NOT NULL,
          emoji TEXT NOT NULL,
          user_key TEXT NOT NULL,
          username TEXT NOT NULL,
          seq INTEGER NOT NULL,
          PRIMARY KEY (room, message_seq, emoji, user_key)
        ) WITHOUT ROWID`,
      ],
      postgres: [
        `ALTER TABLE messages
          ADD COLUMN reply_to BIGINT,
          ADD COLUMN author TEXT,
          ADD COLUMN edited_at BIGINT,
          ADD COLUMN deleted_at BIGINT,
          ADD COLUMN rev BIGINT`,
        `CREATE TABLE changes (
          room TEXT NOT NULL,
          seq BIGINT NOT NULL,
          message_seq BIGINT NOT NULL,
          kind TEXT NOT NULL,
          username TEXT NOT NULL,
          client_id TEXT NOT NULL,
          emoji TEXT,
          created_at BIGINT NOT NULL,
          PRIMARY KEY (room, seq)
        )`,
        'CREATE UNIQUE INDEX changes_client_id ON changes (room, client_id)',
        `CREATE TABLE reactions (
          room TEXT NOT NULL,
          message_seq BIGINT NOT NULL,
          emoji TEXT NOT NULL,
          user_key TEXT NOT NULL,
          username TEXT NOT NULL,
          seq BIGINT NOT NULL,
          PRIMARY KEY (room, message_seq, emoji, user_key)
        )`,
      ],
    },
  },
  {
    version: 3,
    name: 'search',
    statements: {
      sqlite: [
        // Words only, folded to lower case without accents; the text itself stays in messages.
        `CREATE VIRTUAL TABLE message_search USING fts5(
          body, content='', contentless_delete=1, tokenize='unicode61 remove_diacritics 2'
        )`,
        // A deleted message's words leave the index at once, not at the next merge.
        "INSERT INTO message_search (message_search, rank) VALUES ('secure-delete', 1)",
        // One row per indexed message; its id is the index's rowid, in the order of the messages' times.
        `CREATE TABLE search_rows (
          id INTEGER PRIMARY KEY,
          room TEXT NOT NULL,
          seq INTEGER NOT NULL,
          user_key TEXT NOT NULL,
          created_at INTEGER NOT NULL
        )`,
        'CREATE UNIQUE INDEX search_rows_message ON search_rows (room, seq)',
        // How far each room's log has been indexed; the writer thread catches up from there.
        'ALTER TABLE rooms ADD COLUMN indexed_seq INTEGER NOT NULL DEFAULT 0',
      ],
      postgres: [
        'CREATE EXTENSION IF NOT EXISTS unaccent SCHEMA public',
        // unaccent() is only STABLE: an IMMUTABLE wrapper lets the index use it, wherever the extension lives.
        `DO $$
        DECLARE home text;
        BEGIN
          SELECT n.nspname INTO home FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace
          WHERE e.extname = 'unaccent';
          EXECUTE format(
            'CREATE FUNCTION parley_unaccent(text) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
             AS $f$ SELECT %I.unaccent(%L::regdictionary, $1) $f$',
            home, home || '.unaccent'
          );
        END $$`,
        `ALTER TABLE messages ADD COLUMN search tsvector
          GENERATED ALWAYS AS (to_tsvector('simple'::regconfig, parley_unaccent(body))) STORED`,
        'CREATE INDEX messages_search ON messages USING GIN (search)',
      ],
    },
  },
  {
    version: 4,
    name: 'files',
    statements: {
      // The attachments a message carries, as JSON; SQLite's instance keeps the bytes under DATA_DIR/files.
      sqlite: ['ALTER TABLE messages ADD COLUMN files TEXT'],
      postgres: [
        'ALTER TABLE messages ADD COLUMN files TEXT',
        // One row per stored file; `claim` is empty until a message takes it (the sender's clientId or message id).
        `CREATE TABLE files (
          id TEXT PRIMARY KEY,
          room TEXT NOT NULL,
          author TEXT NOT NULL,
          username TEXT NOT NULL,
          name TEXT NOT NULL,
          type TEXT NOT NULL,
          size BIGINT NOT NULL,
          image TEXT,
          thumbnail_size BIGINT,
          claim TEXT,
          created_at BIGINT NOT NULL
        )`,
        'CREATE INDEX files_unclaimed ON files (created_at) WHERE claim IS NULL',
        // The bytes, in chunks: the file itself and, for images, the thumbnail; gone with their file.
        `CREATE TABLE file_chunks (
          file_id TEXT NOT NULL REFERENCES files (id) ON DELETE CASCADE,
          part TEXT NOT NULL,
          n INTEGER NOT NULL,
          data BYTEA NOT NULL,
          PRIMARY KEY (file_id, part, n)
        )`,
      ],
    },
  },
  {
    version: 5,
    name: 'handoff codes',
    statements: {
      // "Continue on another device": one row per code made and not yet redeemed, found by the code's SHA-256.
      sqlite: [
        `CREATE TABLE handoffs (
          code_hash TEXT PRIMARY KEY,
          username TEXT NOT NULL,
          token TEXT NOT NULL,
          rooms TEXT NOT NULL,
          expires_at INTEGER NOT NULL
        ) WITHOUT ROWID`,
        'CREATE INDEX handoffs_expiry ON handoffs (expires_at)',
      ],
      postgres: [
        `CREATE TABLE handoffs (
          code_hash TEXT PRIMARY KEY,
          username TEXT NOT NULL,
          token TEXT NOT NULL,
          rooms TEXT NOT NULL,
          expires_at BIGINT NOT NULL
        )`,
        'CREATE INDEX handoffs_expiry ON handoffs (expires_at)',
      ],
    },
  },
  {
    version: 6,
    name: 'read marks',
    statements: {
      // Per session (the hash of its token) and room: read up to seq, and how much the room calls for attention.
      sqlite: [
        `CREATE TABLE read_marks (
          author TEXT NOT NULL,
          room TEXT NOT NULL,
          seq INTEGER NOT NULL DEFAULT 0,
          notify TEXT NOT NULL DEFAULT 'mentions',
          PRIMARY KEY (author, room)
        ) WITHOUT ROWID`,
      ],
      postgres: [
        `CREATE TABLE read_marks (
          author TEXT NOT NULL,
          room TEXT NOT NULL,
          seq BIGINT NOT NULL DEFAULT 0,
          notify TEXT NOT NULL DEFAULT 'mentions',
          PRIMARY KEY (author, room)
        )`,
      ],
    },
  },
  {
    version: 7,
    name: 'room rules',
    statements: {
      // A room's rules (owner, moderators, privacy, topic, slow mode, sanctions, members) as JSON:
      // null for a room made before owners existed. A change to a room is a row of `changes` with
      // message_seq 0, its target, end and whether it covers addresses as JSON in `detail`.
      sqlite: ['ALTER TABLE rooms ADD COLUMN rules TEXT', 'ALTER TABLE changes ADD COLUMN detail TEXT'],
      postgres: ['ALTER TABLE rooms ADD COLUMN rules TEXT', 'ALTER TABLE changes ADD COLUMN detail TEXT'],
    },
  },
]

/** Any constant: instances starting together take turns migrating (PostgreSQL advisory lock). */
const MIGRATION_LOCK = 7_244_531

/**
 * Applies the migrations a database has not seen yet, all in one transaction; on
 * PostgreSQL under a lock, so several instances starting at once migrate once.
 * `upTo` stops after that version (tests build databases as older releases left them).
 */
export async function migrate(sql: SQL, dialect: Dialect, upTo = Number.POSITIVE_INFINITY): Promise<number[]> {
  return sql.begin(async (tx) => {
    if (dialect === 'postgres') await tx`SELECT pg_advisory_xact_lock(${MIGRATION_LOCK})`
    await tx.unsafe(
      'CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at BIGINT NOT NULL)',
    )
    const rows: { version: number | string }[] = await tx`SELECT version FROM schema_migrations`
    const applied = new Set(rows.map((row) => Number(row.version)))
    const ran: number[] = []
    for (const migration of migrations) {
      if (applied.has(migration.version) || migration.version > upTo) continue
      for (const statement of migration.statements[dialect]) await tx.unsafe(statement)
      await tx`INSERT INTO schema_migrations (version, name, applied_at) VALUES (${migration.version}, ${migration.name}, ${Date.now()})`
      ran.push(migration.version)
    }
    return ran
  })
}
