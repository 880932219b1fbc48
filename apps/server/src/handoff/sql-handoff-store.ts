import type { SQL } from 'bun'
import { z } from 'zod'
import type { HandoffGrant, HandoffStore } from './handoff-store.ts'

/** A `handoffs` row as Bun's client returns it (PostgreSQL's BIGINT comes back as a string). */
const rowSchema = z.object({
  username: z.string(),
  token: z.string(),
  rooms: z.string(),
  expires_at: z.union([z.number(), z.string()]).transform(Number),
})

const roomsSchema = z.array(z.string())

/**
 * Handoff codes in the `handoffs` table of SQLite or PostgreSQL, so that a code made on
 * one instance is redeemed on any other. Taking a code deletes its row and reads it in
 * one statement, so it is redeemed once even when two instances try at the same moment.
 * The store owns `sql` and closes it.
 */
export class SqlHandoffStore implements HandoffStore {
  readonly #sql: SQL

  constructor(sql: SQL) {
    this.#sql = sql
  }

  async put(codeHash: string, { username, token, rooms }: HandoffGrant, expiresAt: number): Promise<void> {
    await this.#sql`INSERT INTO handoffs (code_hash, username, token, rooms, expires_at)
      VALUES (${codeHash}, ${username}, ${token}, ${JSON.stringify(rooms)}, ${expiresAt})`
  }

  async take(codeHash: string, now: number): Promise<HandoffGrant | undefined> {
    const rows: unknown[] = await this.#sql`DELETE FROM handoffs WHERE code_hash = ${codeHash}
      RETURNING username, token, rooms, expires_at`
    if (rows.length === 0) return undefined
    const row = rowSchema.parse(rows[0])
    if (row.expires_at <= now) return undefined
    const rooms = roomsSchema.safeParse(JSON.parse(row.rooms))
    return { username: row.username, token: row.token, rooms: rooms.success ? rooms.data : [] }
  }

  async sweep(now: number): Promise<number> {
    const rows: unknown[] = await this.#sql`DELETE FROM handoffs WHERE expires_at <= ${now} RETURNING code_hash`
    return rows.length
  }

  async close(): Promise<void> {
    await this.#sql.close()
  }
}
