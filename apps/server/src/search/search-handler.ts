import type { ChatConnection, ChatServer } from '../connections/connection-data.ts'
import type { Logger } from '../ops/logger.ts'
import type { MessageStore } from '../storage/message-store.ts'
import { SearchCursorError } from './search-cursor.ts'
import { parseSearch } from './search-query.ts'
import { snippetOf } from './snippet.ts'

interface SearchDependencies {
  server: ChatServer
  store: MessageStore
  log: Logger
}

/** Refuses a search over the connection's search rate, saying when to retry. */
function checkSearchRate(conn: ChatConnection): void {
  if (conn.data.searches.take()) return
  const seconds = (conn.data.searches.waitMs / 1000).toFixed(1)
  throw new Error(`You are searching too fast: slow down and retry in ${seconds} s`)
}

/**
 * `search`: every room's messages, for anyone chatting under a name (a private room's
 * only for those in it). The words are read
 * here (`parseSearch`), the store finds the messages, and each result's snippet is cut
 * from the message as it stands. Whatever goes wrong below is said in words, never in SQL.
 */
export function registerSearch({ server, store, log }: SearchDependencies): void {
  server.onRequest('search', async ({ query, order, cursor, limit }, conn) => {
    if (!conn.data.username) throw new Error('Join a room before searching')
    checkSearchRate(conn)
    if (!store.search) throw new Error('Search is turned off on this server')
    const parsed = parseSearch(query)
    if (!parsed.ok) throw new Error(parsed.problem)
    // Private rooms are searched only by those in them now.
    const hiddenRooms = (await store.privateRooms()).filter((room) => !conn.data.rooms.has(room))
    const request = { query: parsed.query, order, limit, hiddenRooms, ...(cursor === undefined ? {} : { cursor }) }
    let page: Awaited<ReturnType<NonNullable<MessageStore['search']>>>
    try {
      page = await store.search(request)
    } catch (error) {
      if (error instanceof SearchCursorError) throw error
      log.error('search-failed', { error: error instanceof Error ? error.message : String(error) })
      throw new Error('Search is not available right now: try again in a moment')
    }
    const results = page.hits.map((hit) => ({
      room: hit.room,
      seq: hit.seq,
      username: hit.username,
      timestamp: hit.timestamp,
      snippet: snippetOf(hit.body, parsed.query.terms),
    }))
    return page.nextCursor === undefined ? { results } : { results, nextCursor: page.nextCursor }
  })
}
