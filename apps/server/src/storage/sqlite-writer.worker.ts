// Parley's SQLite writer thread. It commits batches of new messages (each commit synced
// to disk) so that the server's event loop never waits for the disk. The production build
// copies this file beside server.js as it is: it may import nothing but Bun's built-ins.
import { Database } from 'bun:sqlite'

/** One row of `messages` (a type, not an interface, so that it binds as SQL parameters). */
export type MessageRow = {
  room: string
  seq: number
  message_id: string
  client_id: string | null
  username: string
  body: string
  created_at: number
}

/** A room whose `last_seq` moves from `from` to `to` in this batch. */
export type SeqAdvance = {
  room: string
  from: number
  to: number
}

export type WriterRequest =
  | { kind: 'open'; id: number; file: string }
  | { kind: 'write'; id: number; rows: MessageRow[]; advances: SeqAdvance[] }
  | { kind: 'probe'; id: number }
  | { kind: 'close'; id: number }

export type WriterReply = { id: number; ok: true } | { id: number; ok: false; error: string }

declare const self: Worker

let db: Database | undefined
let writeBatch: ((rows: MessageRow[], advances: SeqAdvance[]) => void) | undefined

function open(file: string): void {
  const opened = new Database(file, { strict: true })
  opened.run('PRAGMA busy_timeout = 5000')
  opened.run('PRAGMA journal_mode = WAL')
  // FULL syncs each commit: a message is acknowledged only once it is on disk.
  opened.run('PRAGMA synchronous = FULL')
  const insert = opened.query<never, MessageRow>(
    `INSERT INTO messages (room, seq, message_id, client_id, username, body, created_at)
     VALUES ($room, $seq, $message_id, $client_id, $username, $body, $created_at)`,
  )
  const advance = opened.query<never, SeqAdvance>(
    `INSERT INTO rooms (name, last_seq) VALUES ($room, $to)
     ON CONFLICT (name) DO UPDATE SET last_seq = excluded.last_seq WHERE rooms.last_seq = $from`,
  )
  const transaction = opened.transaction((rows: MessageRow[], advances: SeqAdvance[]) => {
    for (const seqs of advances) {
      // The seqs were handed out from `from`: if the room moved meanwhile, someone else writes this file.
      if (advance.run(seqs).changes !== 1) {
        throw new Error(`Room "${seqs.room}" changed under this writer: is another process using the file?`)
      }
    }
    for (const row of rows) insert.run(row)
  })
  writeBatch = (rows, advances) => transaction.immediate(rows, advances)
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
      return writeBatch(request.rows, request.advances)
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
