import type { SQL } from 'bun'
import { z } from 'zod'
import { decodeCursor, encodeCursor } from '../search/search-cursor.ts'
import type { SearchHit, SearchPage, SearchRequest } from './message-store.ts'

const newestCursor = z.object({ t: z.number(), r: z.string(), s: z.number().int() })
const relevanceCursor = z.object({ skip: z.number().int().min(0) })

const rowSchema = z.object({
  room: z.string(),
  seq: z.coerce.number(),
  username: z.string(),
  body: z.string(),
  created_at: z.coerce.number(),
})

/**
 * Search on the `search` column (a tsvector of the text without accents, 'simple'
 * configuration: no stemming, so any language's words match as written) and its GIN
 * index: newest first, or best first by ts_rank. Every value is a parameter; the terms
 * hold only letters and digits, so `word:*` is safe tsquery syntax.
 */
export function postgresSearch(sql: SQL): (request: SearchRequest) => Promise<SearchPage> {
  return async ({ query, order, cursor, limit, hiddenRooms = [] }) => {
    const params: unknown[] = []
    const param = (value: unknown) => {
      params.push(value)
      return `$${params.length}`
    }
    const tsquery = query.terms
      .map((term) => {
        if (term.words.length > 1) return `phraseto_tsquery('simple', ${param(term.words.join(' '))})`
        if (term.prefix) return `to_tsquery('simple', ${param(`${term.words[0]}:*`)})`
        return `plainto_tsquery('simple', ${param(term.words[0])})`
      })
      .join(' && ')
    const where = ['m.search @@ q.query', 'm.deleted_at IS NULL']
    if (query.from !== undefined) where.push(`lower(m.username) = ${param(query.from)}`)
    if (query.room !== undefined) where.push(`m.room = ${param(query.room)}`)
    if (hiddenRooms.length > 0) {
      where.push(`m.room NOT IN (SELECT jsonb_array_elements_text(${param(JSON.stringify(hiddenRooms))}::text::jsonb))`)
    }
    if (query.before !== undefined) where.push(`m.created_at < ${param(query.before)}`)
    if (query.after !== undefined) where.push(`m.created_at >= ${param(query.after)}`)
    let orderBy: string
    let skip = 0
    if (order === 'newest') {
      if (cursor) {
        const { t, r, s } = decodeCursor(cursor, newestCursor)
        where.push(`(m.created_at, m.room, m.seq) < (${param(t)}, ${param(r)}, ${param(s)})`)
      }
      orderBy = 'm.created_at DESC, m.room DESC, m.seq DESC'
    } else {
      skip = cursor ? decodeCursor(cursor, relevanceCursor).skip : 0
      orderBy = 'ts_rank(m.search, q.query) DESC, m.created_at DESC'
    }
    const rows = await sql.unsafe(
      `WITH q AS (SELECT (${tsquery}) AS query)
       SELECT m.room, m.seq, m.username, m.body, m.created_at FROM messages m, q
       WHERE ${where.join(' AND ')} ORDER BY ${orderBy} LIMIT ${param(limit + 1)} OFFSET ${param(skip)}`,
      params,
    )
    const hits = (rows as unknown[]).slice(0, limit).map((row): SearchHit => {
      const r = rowSchema.parse(row)
      return { room: r.room, seq: r.seq, username: r.username, body: r.body, timestamp: r.created_at }
    })
    if (rows.length <= limit) return { hits }
    const last = hits.at(-1)
    const nextCursor =
      order === 'newest' && last
        ? encodeCursor({ t: last.timestamp, r: last.room, s: last.seq })
        : encodeCursor({ skip: skip + limit })
    return { hits, nextCursor }
  }
}
