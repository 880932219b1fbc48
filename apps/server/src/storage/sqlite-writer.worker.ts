// Parley's SQLite writer thread. It commits batches of the room logs' writes (each commit
// synced to disk) so that the server's event loop never waits for the disk. The production
// build copies this file beside server.js as it is: it may import nothing but Bun's built-ins
// (type imports vanish when it is compiled).
import { Database } from 'bun:sqlite'
import type { ChangeRow, MessageRow, MessageUpdateRow, ReactionDbRow } from './stored-rows.ts'

/** A room whose `last_seq` moves from `from` to `to` in this batch. */
export type SeqAdvance = {
  room: string
  from: number
  to: number
}

/** One transaction's rows, applied in this order. */
export type WriterBatch = {
  messages: MessageRow[]
  updates: MessageUpdateRow[]
  changes: ChangeRow[]
  reactionsRemoved: ReactionDbRow[]
  reactionsCleared: { room: string; message_seq: number }[]
  reactionsAdded: ReactionDbRow[]
  advances: SeqAdvance[]
  /** Text was erased: after the commit, the write-ahead log is checkpointed and emptied. */
  erased: boolean
}

export type WriterRequest =
  | { kind: 'open'; id: number; file: string }
  | { kind: 'write'; id: number; batch: WriterBatch }
  | { kind: 'probe'; id: number }
  | { kind: 'close'; id: number }

export type WriterReply = { id: number; ok: true } | { id: number; ok: false; error: string }

declare const self: Worker

let db: Database | undefined
let writeBatch: ((batch: WriterBatch) => void) | undefined

function open(file: string): void {
  const opened = new Database(file, { strict: true })
  opened.run('PRAGMA busy_timeout = 5000')
  opened.run('PRAGMA journal_mode = WAL')
  // FULL syncs each commit: a message is acknowledged only once it is on disk.
  opened.run('PRAGMA synchronous = FULL')
  // Freed space (a deleted message's text) is overwritten with zeros, not left in free pages.
  opened.run('PRAGMA secure_delete = ON')
  const insert = opened.query<never, MessageRow>(
    `INSERT INTO messages (room, seq, message_id, client_id, username, body, created_at, reply_to, author)
     VALUES ($room, $seq, $message_id, $client_id, $username, $body, $created_at, $reply_to, $author)`,
  )
  const update = opened.query<never, MessageUpdateRow>(
    `UPDATE messages SET body = $body, edited_at = $edited_at, deleted_at = $deleted_at, rev = $rev
     WHERE room = $room AND seq = $seq`,
  )
  const insertChange = opened.query<never, ChangeRow>(
    `INSERT INTO changes (room, seq, message_seq, kind, username, client_id, emoji, created_at)
     VALUES ($room, $seq, $message_seq, $kind, $username, $client_id, $emoji, $created_at)`,
  )
  const removeReaction = opened.query<never, Omit<ReactionDbRow, 'username' | 'seq'>>(
    'DELETE FROM reactions WHERE room = $room AND message_seq = $message_seq AND emoji = $emoji AND user_key = $user_key',
  )
  const clearReactions = opened.query<never, { room: string; message_seq: number }>(
    'DELETE FROM reactions WHERE room = $room AND message_seq = $message_seq',
  )
  const addReaction = opened.query<never, ReactionDbRow>(
    `INSERT INTO reactions (room, message_seq, emoji, user_key, username, seq)
     VALUES ($room, $message_seq, $emoji, $user_key, $username, $seq)`,
  )
  const advance = opened.query<never, SeqAdvance>(
    `INSERT INTO rooms (name, last_seq) VALUES ($room, $to)
     ON CONFLICT (name) DO UPDATE SET last_seq = excluded.last_seq WHERE rooms.last_seq = $from`,
  )
  const transaction = opened.transaction((batch: WriterBatch) => {
    for (const seqs of batch.advances) {
      // The seqs were handed out from `from`: if the room moved meanwhile, someone else writes this file.
      if (advance.run(seqs).changes !== 1) {
        throw new Error(`Room "${seqs.room}" changed under this writer: is another process using the file?`)
      }
    }
    for (const row of batch.messages) insert.run(row)
    for (const row of batch.updates) update.run(row)
    for (const row of batch.changes) insertChange.run(row)
    for (const { room, message_seq, emoji, user_key } of batch.reactionsRemoved) {
      removeReaction.run({ room, message_seq, emoji, user_key })
    }
    for (const row of batch.reactionsCleared) clearReactions.run(row)
    for (const row of batch.reactionsAdded) addReaction.run(row)
  })
  writeBatch = (batch) => {
    transaction.immediate(batch)
    // The erased text's old pages are still in the write-ahead log: copy the log into the
    // file (where secure_delete zeroed the text) and empty it.
    if (batch.erased) opened.run('PRAGMA wal_checkpoint(TRUNCATE)')
  }
  db = opened
}

/** A write that changes nothing (the user version, set to itself) but must reach the disk like any other. */
function probe(): void {
  if (!db) throw new Error('The database is not open')
  const row = db.query<{ user_version: number }, []>('PRAGMA user_version').get()
  db.run(`PRAGMA user_version = ${Math.trunc(Number(row?.user_version ?? 0))}`)
}

function handle(request: WriterRequest): void {
  switch (request.kind) {
    case 'open':
      return open(request.file)
    case 'write':
      if (!writeBatch) throw new Error('The database is not open')
      return writeBatch(request.batch)
    case 'probe':
      return probe()
    case 'close':
      db?.close()
      db = undefined
      writeBatch = undefined
  }
}

self.onmessage = (event: MessageEvent<WriterRequest>) => {
  const request = event.data
  let reply: WriterReply
  try {
    handle(request)
    reply = { id: request.id, ok: true }
  } catch (error) {
    reply = { id: request.id, ok: false, error: error instanceof Error ? error.message : String(error) }
  }
  self.postMessage(reply)
}
