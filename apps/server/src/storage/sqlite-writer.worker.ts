// Parley's SQLite writer thread. It commits batches of the room logs' writes (each commit
// synced to disk, or handed to the OS, as SQLITE_SYNC says) so that the server's event loop
// never waits for the disk, and, between batches, keeps the search index up with the logs in
// short turns, so that no send waits long for indexing.
// The production build copies this file beside server.js as it is: it may import nothing
// but Bun's built-ins (type imports vanish when it is compiled).
import { Database, type Statement } from 'bun:sqlite'
import type { ReadMarkWrite } from './read-marks.ts'
import type { RulesRow } from './room-rows.ts'
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
  /** The rules of the rooms whose rules changed (a room made now gets its row). */
  rules: RulesRow[]
  /** Messages edited in this batch, with their new text: indexed ones are indexed again at once. */
  edited: { room: string; seq: number; body: string }[]
  /** Messages deleted in this batch: their words leave the search index at once. */
  deleted: { room: string; seq: number }[]
  /** Text was erased: after the commit, the write-ahead log is checkpointed and emptied. */
  erased: boolean
}

/**
 * When a commit counts as stored: `full` syncs the write-ahead log at every commit;
 * `normal` leaves a commit in the OS's page cache (it survives the process, not the power)
 * and syncs at checkpoints.
 */
export type SqliteSync = 'full' | 'normal'

export type WriterRequest =
  | { kind: 'open'; id: number; file: string; search: boolean; sync: SqliteSync }
  | { kind: 'write'; id: number; batch: WriterBatch }
  | { kind: 'marks'; id: number; marks: ReadMarkWrite[] }
  | { kind: 'probe'; id: number }
  | { kind: 'close'; id: number }

export type WriterReply = { id: number; ok: true } | { id: number; ok: false; error: string }

declare const self: Worker

let db: Database | undefined
let writeBatch: ((batch: WriterBatch) => void) | undefined
let writeMarks: ((marks: ReadMarkWrite[]) => void) | undefined
/**
 * Indexes the logs for at most `budgetMs`, or merges the index after words were removed;
 * true while more is left.
 */
let indexSome: ((budgetMs: number) => boolean) | undefined
/**
 * Words were removed from the index. FTS5 drops a removed message's entries at once, but
 * keeps the words themselves in its term lists until their segments are merged: the
 * indexer merges the whole index, a step at a time, when it has nothing else to do.
 */
let wordsRemoved = false

/** Entries of one room's log read per stretch. */
const INDEX_CHUNK = 500
/** Rooms taken per turn of the indexer. */
const INDEX_ROOMS = 8
/** Index ids per millisecond of message time: ids follow time, and 1,024 messages of one ms fit. */
const ID_SLOTS_PER_MS = 1_024
/** Index pages one merge step may write: a few milliseconds of work between batches. */
const MERGE_PAGES = 64
/** Without a batch for this long, the thread counts as quiet. */
const INDEX_QUIET_MS = 50
/**
 * While batches come, the indexer waits until this many messages wait for it, or the
 * first of them has waited INDEX_MOST_WAIT_MS, so that each turn's commit (and the index
 * segment it writes) is worth making; search then lags a busy server by seconds at most.
 */
const INDEX_BUSY_BACKLOG = 512
const INDEX_MOST_WAIT_MS = 2_000
/**
 * How long one turn of the indexer may hold the thread while batches come: a batch that
 * arrives during a turn waits at most this long. Turns then come at most every
 * INDEX_BUSY_GAP_MS, so indexing takes at most a fifth of the thread, and catches up once quiet.
 * Longer turns cost less per message (FTS5 writes a segment per commit: 12 µs a message in
 * commits of 512, 17 µs in commits of 128, 27 µs in commits of 32, on the test machine).
 */
const INDEX_BUSY_TURN_MS = 5
const INDEX_BUSY_GAP_MS = 25
/** A quiet thread indexes in longer turns (fewer, larger commits), still yielding between them. */
const INDEX_QUIET_TURN_MS = 25
/** After a failed turn, the indexer tries again this much later. */
const INDEX_RETRY_MS = 1_000

function open(file: string, search: boolean, sync: SqliteSync): void {
  const opened = new Database(file, { strict: true })
  opened.run('PRAGMA busy_timeout = 5000')
  opened.run('PRAGMA journal_mode = WAL')
  // A message is acknowledged once committed: with FULL, once on disk; with NORMAL, once the
  // OS holds it (a crash of the process loses nothing, a power loss the last commits).
  const messagesSync = sync === 'full' ? 'PRAGMA synchronous = FULL' : 'PRAGMA synchronous = NORMAL'
  opened.run(messagesSync)
  // Freed space (a deleted message's text) is overwritten with zeros, not left in free pages.
  opened.run('PRAGMA secure_delete = ON')
  const insert = opened.query<never, MessageRow>(
    `INSERT INTO messages (room, seq, message_id, client_id, username, body, created_at, reply_to, author, files)
     VALUES ($room, $seq, $message_id, $client_id, $username, $body, $created_at, $reply_to, $author, $files)`,
  )
  const update = opened.query<never, MessageUpdateRow>(
    `UPDATE messages SET body = $body, edited_at = $edited_at, deleted_at = $deleted_at, rev = $rev, files = $files
     WHERE room = $room AND seq = $seq`,
  )
  const insertChange = opened.query<never, ChangeRow>(
    `INSERT INTO changes (room, seq, message_seq, kind, username, client_id, emoji, created_at, detail)
     VALUES ($room, $seq, $message_seq, $kind, $username, $client_id, $emoji, $created_at, $detail)`,
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
  const searchRow = opened.query<{ id: number }, { room: string; seq: number }>(
    'SELECT id FROM search_rows WHERE room = $room AND seq = $seq',
  )
  const dropSearchRow = opened.query<never, { id: number }>('DELETE FROM search_rows WHERE id = $id')
  const dropWords = opened.query<never, { id: number }>('DELETE FROM message_search WHERE rowid = $id')
  const addWords = opened.query<never, { id: number; body: string }>(
    'INSERT INTO message_search (rowid, body) VALUES ($id, $body)',
  )
  const advance = opened.query<never, SeqAdvance>(
    `INSERT INTO rooms (name, last_seq) VALUES ($room, $to)
     ON CONFLICT (name) DO UPDATE SET last_seq = excluded.last_seq WHERE rooms.last_seq = $from`,
  )
  const writeRules = opened.query<never, RulesRow>(
    `INSERT INTO rooms (name, last_seq, rules) VALUES ($name, 0, $rules)
     ON CONFLICT (name) DO UPDATE SET rules = excluded.rules`,
  )
  const transaction = opened.transaction((batch: WriterBatch) => {
    if (batch.edited.length > 0 || batch.deleted.length > 0) wordsRemoved = true
    for (const seqs of batch.advances) {
      // The seqs were handed out from `from`: if the room moved meanwhile, someone else writes this file.
      if (advance.run(seqs).changes !== 1) {
        throw new Error(`Room "${seqs.room}" changed under this writer: is another process using the file?`)
      }
    }
    for (const row of batch.rules) writeRules.run(row)
    for (const row of batch.messages) insert.run(row)
    for (const row of batch.updates) update.run(row)
    for (const row of batch.changes) insertChange.run(row)
    for (const { room, message_seq, emoji, user_key } of batch.reactionsRemoved) {
      removeReaction.run({ room, message_seq, emoji, user_key })
    }
    for (const row of batch.reactionsCleared) clearReactions.run(row)
    for (const row of batch.reactionsAdded) addReaction.run(row)
    // Messages already indexed change in the index with the same commit; the others are
    // indexed later as they stand (see searchIndexer), so no search finds what was taken back.
    for (const { room, seq, body } of batch.edited) {
      const row = searchRow.get({ room, seq })
      if (!row) continue
      dropWords.run(row)
      addWords.run({ id: row.id, body })
    }
    for (const message of batch.deleted) {
      const row = searchRow.get(message)
      if (!row) continue
      dropWords.run(row)
      dropSearchRow.run(row)
    }
  })
  writeBatch = (batch) => {
    transaction.immediate(batch)
    // The erased text's old pages are still in the write-ahead log: copy the log into the
    // file (where secure_delete zeroed the text) and empty it.
    if (batch.erased) opened.run('PRAGMA wal_checkpoint(TRUNCATE)')
  }
  writeMarks = readMarksWriter(opened)
  indexSome = search ? searchIndexer(opened, addWords, messagesSync) : undefined
  db = opened
}

/** Commits sessions' read marks in one transaction: a position only moves forward. */
function readMarksWriter(db: Database): (marks: ReadMarkWrite[]) => void {
  const markSeq = db.query<never, { author: string; room: string; seq: number }>(
    `INSERT INTO read_marks (author, room, seq) VALUES ($author, $room, $seq)
     ON CONFLICT (author, room) DO UPDATE SET seq = excluded.seq WHERE excluded.seq > read_marks.seq`,
  )
  const markNotify = db.query<never, { author: string; room: string; notify: string }>(
    `INSERT INTO read_marks (author, room, notify) VALUES ($author, $room, $notify)
     ON CONFLICT (author, room) DO UPDATE SET notify = excluded.notify`,
  )
  return db.transaction((marks: ReadMarkWrite[]) => {
    for (const mark of marks) {
      if ('seq' in mark) markSeq.run({ author: mark.author, room: mark.room, seq: mark.seq })
      else markNotify.run({ author: mark.author, room: mark.room, notify: mark.notify })
    }
  })
}

type Stretch = { room: string; from: number; to: number }

/**
 * Keeps `message_search` up with the logs: each room's new messages after its
 * `indexed_seq`, a chunk at a time, as they stand (edits and deletions of messages
 * already indexed are made in the index by the batch that makes them).
 */
function searchIndexer(
  db: Database,
  addWords: Statement<never, [{ id: number; body: string }]>,
  messagesSync: string,
): (budgetMs: number) => boolean {
  const behind = db.query<{ name: string; indexed_seq: number; last_seq: number }, { rooms: number }>(
    'SELECT name, indexed_seq, last_seq FROM rooms WHERE indexed_seq < last_seq LIMIT $rooms',
  )
  const messages = db.query<
    { seq: number; username: string; body: string; created_at: number; deleted_at: number | null },
    Stretch
  >(
    'SELECT seq, username, body, created_at, deleted_at FROM messages WHERE room = $room AND seq > $from AND seq <= $to',
  )
  const lastInSlot = db.query<{ id: number | null }, { from: number; to: number }>(
    'SELECT max(id) AS id FROM search_rows WHERE id >= $from AND id < $to',
  )
  const addRow = db.query<never, { id: number; room: string; seq: number; user_key: string; created_at: number }>(
    'INSERT OR IGNORE INTO search_rows (id, room, seq, user_key, created_at) VALUES ($id, $room, $seq, $user_key, $created_at)',
  )
  const advance = db.query<never, { room: string; to: number }>('UPDATE rooms SET indexed_seq = $to WHERE name = $room')
  const merge = db.query<never, { pages: number }>(
    "INSERT INTO message_search (message_search, rank) VALUES ('merge', -$pages)",
  )
  const totalChanges = db.query<{ changes: number }, []>('SELECT total_changes() AS changes')

  /** One step of merging every segment into one; false once there is nothing left to merge. */
  function mergeStep(): boolean {
    const before = totalChanges.get()?.changes ?? 0
    merge.run({ pages: MERGE_PAGES })
    // The command counts as one change itself: more means it merged something (FTS5's documented test).
    if ((totalChanges.get()?.changes ?? 0) - before >= 2) return true
    wordsRemoved = false
    // The merged-away segments' pages are still in the write-ahead log.
    db.run('PRAGMA wal_checkpoint(TRUNCATE)')
    return false
  }

  /**
   * Adds a message's row under an id that follows its time (ms × 1,024, then the next
   * free one), so that the index's rowid order is newest first whatever order rooms
   * are indexed in.
   */
  function addRowFor(row: { room: string; seq: number; user_key: string; created_at: number }): number {
    const from = row.created_at * ID_SLOTS_PER_MS
    let id = (lastInSlot.get({ from, to: from + ID_SLOTS_PER_MS })?.id ?? from - 1) + 1
    while (addRow.run({ ...row, id }).changes === 0) id += 1
    return id
  }

  /**
   * Indexes a stretch of a room's log, its messages as they stand now (deleted ones not at
   * all), until `deadline`; false when the deadline stopped it.
   */
  function indexStretch(stretch: Stretch, deadline: number): boolean {
    let done = stretch.from
    for (const message of messages.all(stretch)) {
      if (performance.now() > deadline) {
        if (done > stretch.from) advance.run({ room: stretch.room, to: done })
        return false
      }
      done = message.seq
      if (message.deleted_at !== null) continue
      // Names are NFKC-normalised and trimmed when they join: lower case is their key (usernameKey).
      const user_key = message.username.toLowerCase()
      const id = addRowFor({ room: stretch.room, seq: message.seq, user_key, created_at: message.created_at })
      addWords.run({ id, body: message.body })
    }
    // Read to its end: the seqs after its last message, if any, are changes, which have no words.
    advance.run({ room: stretch.room, to: stretch.to })
    return true
  }

  /** Stretches of the rooms behind, in one transaction, until `deadline`; true when there was any. */
  const indexTurn = db.transaction((deadline: number): boolean => {
    const rooms = behind.all({ rooms: INDEX_ROOMS })
    for (const room of rooms) {
      const to = Math.min(room.last_seq, room.indexed_seq + INDEX_CHUNK)
      if (!indexStretch({ room: room.name, from: room.indexed_seq, to }, deadline)) break
    }
    return rooms.length > 0
  })

  return (budgetMs) => {
    // The index is derived from the messages, and each room's indexed_seq commits with it:
    // its commits need not wait for the disk (a crash loses the newest ones, which are redone).
    db.run('PRAGMA synchronous = NORMAL')
    try {
      if (indexTurn.immediate(performance.now() + budgetMs)) return true
      return wordsRemoved && mergeStep()
    } finally {
      // Messages are committed as SQLITE_SYNC says.
      db.run(messagesSync)
    }
  }
}

let indexing = false
/** When the last batch of messages came, and when the indexer's last turn ended. */
let lastWriteAt = Number.NEGATIVE_INFINITY
let lastTurnAt = Number.NEGATIVE_INFINITY
/** Messages written since the indexer last caught up, and when the first of them came. */
let unindexed = 0
let unindexedSince = Number.POSITIVE_INFINITY
/** The last turn left more to do: the indexer goes on until it has caught up. */
let catchingUp = false

/**
 * Runs the indexer in turns, yielding to batches between them, again and again until it
 * has caught up: while batches keep coming, once enough waits, in short turns now and
 * then, so that a batch never waits long behind one; once quiet, longer turns back to back.
 */
function scheduleIndexing(delay = 0): void {
  if (!indexSome || indexing) return
  indexing = true
  setTimeout(() => {
    indexing = false
    const now = performance.now()
    const busy = now - lastWriteAt < INDEX_QUIET_MS
    if (busy && !catchingUp && unindexed < INDEX_BUSY_BACKLOG && now - unindexedSince < INDEX_MOST_WAIT_MS) {
      return scheduleIndexing(INDEX_QUIET_MS)
    }
    if (busy && now - lastTurnAt < INDEX_BUSY_GAP_MS) return scheduleIndexing(INDEX_BUSY_GAP_MS - (now - lastTurnAt))
    try {
      catchingUp = indexSome?.(busy ? INDEX_BUSY_TURN_MS : INDEX_QUIET_TURN_MS) ?? false
      lastTurnAt = performance.now()
      if (catchingUp) return scheduleIndexing()
      unindexed = 0
      unindexedSince = Number.POSITIVE_INFINITY
    } catch {
      // Busy or failing disk: the indexed_seq marks where to go on from, later.
      scheduleIndexing(INDEX_RETRY_MS)
    }
  }, delay)
}

/** Counts a batch's new messages for the indexer, and lets it run once it is due. */
function wrote(batch: WriterBatch): void {
  lastWriteAt = performance.now()
  unindexed += batch.messages.length
  if (batch.messages.length > 0) unindexedSince = Math.min(unindexedSince, lastWriteAt)
  scheduleIndexing()
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
      return open(request.file, request.search, request.sync)
    case 'write':
      if (!writeBatch) throw new Error('The database is not open')
      return writeBatch(request.batch)
    case 'marks':
      if (!writeMarks) throw new Error('The database is not open')
      return writeMarks(request.marks)
    case 'probe':
      return probe()
    case 'close':
      db?.close()
      db = undefined
      writeBatch = undefined
      writeMarks = undefined
      indexSome = undefined
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
  if (request.kind === 'write') wrote(request.batch)
  if (request.kind === 'open') scheduleIndexing()
}
