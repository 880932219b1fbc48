import { z } from 'zod'
import { decodeCursor, encodeCursor } from '../search/search-cursor.ts'
import { type SearchTerm, wordsOf } from '../search/search-query.ts'
import type { MessageRecord, SearchPage, SearchRequest } from './message-store.ts'

const cursorSchema = z.object({ skip: z.number().int().min(0) })

/** Whether the words of a text hold every term (a phrase's words side by side). */
function holds(words: readonly string[], term: SearchTerm): boolean {
  const last = term.words.length - 1
  return words.some((_, start) =>
    term.words.every((wanted, i) => {
      const word = words[start + i]
      return word !== undefined && (term.prefix && i === last ? word.startsWith(wanted) : word === wanted)
    }),
  )
}

/** Search by reading every message: for the memory store, which serves benchmarks and demos. */
export function memorySearch(
  rooms: ReadonlyMap<string, { messages: readonly MessageRecord[] }>,
): (request: SearchRequest) => Promise<SearchPage> {
  return async ({ query, order, cursor, limit, hiddenRooms = [] }) => {
    const found: { message: MessageRecord; score: number }[] = []
    const hidden = new Set(hiddenRooms)
    for (const [name, room] of rooms) {
      if ((query.room !== undefined && name !== query.room) || hidden.has(name)) continue
      for (const message of room.messages) {
        if (message.deletedAt !== undefined) continue
        if (query.from !== undefined && message.username.toLowerCase() !== query.from) continue
        if (query.before !== undefined && message.timestamp >= query.before) continue
        if (query.after !== undefined && message.timestamp < query.after) continue
        const words = wordsOf(message.body)
        if (!query.terms.every((term) => holds(words, term))) continue
        const score =
          words.filter((word) => query.terms.some((term) => term.words.includes(word))).length / words.length
        found.push({ message, score })
      }
    }
    found.sort((a, b) =>
      order === 'relevance' && a.score !== b.score ? b.score - a.score : b.message.timestamp - a.message.timestamp,
    )
    const skip = cursor ? decodeCursor(cursor, cursorSchema).skip : 0
    const hits = found.slice(skip, skip + limit).map(({ message }) => ({
      room: message.room,
      seq: message.seq,
      username: message.username,
      body: message.body,
      timestamp: message.timestamp,
    }))
    return skip + limit < found.length ? { hits, nextCursor: encodeCursor({ skip: skip + limit }) } : { hits }
  }
}
