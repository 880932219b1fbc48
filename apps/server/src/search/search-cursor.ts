import type { z } from 'zod'

/** A cursor a store gave out that it cannot read back: a search to start again. */
export class SearchCursorError extends Error {
  constructor() {
    super('Those results are out of date: search again')
  }
}

/** A store's place in its results, as the opaque text clients pass back. */
export function encodeCursor(place: unknown): string {
  return Buffer.from(JSON.stringify(place)).toString('base64url')
}

/** Reads a cursor back with the store's own schema; throws `SearchCursorError` when it is not one. */
export function decodeCursor<T>(cursor: string, schema: z.ZodType<T>): T {
  try {
    return schema.parse(JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')))
  } catch {
    throw new SearchCursorError()
  }
}
