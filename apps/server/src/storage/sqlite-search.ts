import type { Database } from 'bun:sqlite'
import { z } from 'zod'
import { decodeCursor, encodeCursor } from '../search/search-cursor.ts'
import type { SearchQuery } from '../search/search-query.ts'
import type { SearchHit, SearchPage, SearchRequest } from './message-store.ts'

/** The FTS5 query for the terms: each one quoted (they hold only letters and digits), the prefix ones starred. */
export function ftsMatch(query: SearchQuery): string {
  return query.terms.map((term) => `"${term.words.join(' ')}"${term.prefix ? '*' : ''}`).join(' ')
}

type Filters = {
  match: string
  room: string | null
  user_key: string | null
  before: number | null
  after: number | null
  /** The rooms left out, as a JSON array. */
  hidden: string
  limit: number
}

const FILTERS = `message_search MATCH $match
  AND ($room IS NULL OR r.room = $room) AND ($user_key IS NULL OR r.user_key = $user_key)
  AND ($before IS NULL OR r.created_at < $before) AND ($after IS NULL OR r.created_at >= $after)
  AND r.room NOT IN (SELECT value FROM json_each($hidden))`

const newestCursor = z.object({ below: z.number().int() })
const relevanceCursor = z.object({ skip: z.number().int().min(0) })

type Found = { id: number; room: string; seq: number }

/**
 * Search on the FTS5 index the writer thread keeps: newest first by the index's rowid
 * (the order messages were indexed), or best first by bm25. The hits are read from
 * `messages` as they stand; one deleted since it was indexed is left out.
 */
export function sqliteSearch(db: Database): (request: SearchRequest) => Promise<SearchPage> {
  const newest = db.query<Found, Filters & { below: number }>(
    `SELECT r.id, r.room, r.seq FROM message_search s JOIN search_rows r ON r.id = s.rowid
     WHERE ${FILTERS} AND s.rowid < $below ORDER BY s.rowid DESC LIMIT $limit`,
  )
  const best = db.query<Found, Filters & { skip: number }>(
    `SELECT r.id, r.room, r.seq FROM message_search s JOIN search_rows r ON r.id = s.rowid
     WHERE ${FILTERS} ORDER BY s.rank LIMIT $limit OFFSET $skip`,
  )
  const message = db.query<
    { username: string; body: string; created_at: number; deleted_at: number | null },
    { room: string; seq: number }
  >('SELECT username, body, created_at, deleted_at FROM messages WHERE room = $room AND seq = $seq')

  return async ({ query, order, cursor, limit, hiddenRooms = [] }) => {
    const filters: Filters = {
      hidden: JSON.stringify(hiddenRooms),
      match: ftsMatch(query),
      room: query.room ?? null,
      user_key: query.from ?? null,
      before: query.before ?? null,
      after: query.after ?? null,
      // One more than asked, to know whether another page follows.
      limit: limit + 1,
    }
    let found: Found[]
    let next: () => string
    if (order === 'newest') {
      const below = cursor ? decodeCursor(cursor, newestCursor).below : Number.MAX_SAFE_INTEGER
      found = newest.all({ ...filters, below })
      next = () => encodeCursor({ below: found[limit - 1]?.id ?? 0 })
    } else {
      const skip = cursor ? decodeCursor(cursor, relevanceCursor).skip : 0
      found = best.all({ ...filters, skip })
      next = () => encodeCursor({ skip: skip + limit })
    }
    const hits = found.slice(0, limit).flatMap((row): SearchHit[] => {
      const now = message.get({ room: row.room, seq: row.seq })
      if (!now || now.deleted_at !== null) return []
      return [{ room: row.room, seq: row.seq, username: now.username, body: now.body, timestamp: now.created_at }]
    })
    return found.length > limit ? { hits, nextCursor: next() } : { hits }
  }
}
