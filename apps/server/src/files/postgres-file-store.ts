import { open } from 'node:fs/promises'
import { imageSizeSchema } from '@parley/events'
import type { SQL } from 'bun'
import { checkClaim } from './claim-rules.ts'
import { fileRecordSchema, isFileId } from './file-record.ts'
import type { FileBytes, FileClaim, FilePart, FileRecord, FileStore, NewFile } from './file-store.ts'
import { removeQuietly } from './local-files.ts'

/** The bytes in one `file_chunks` row: big enough for few round trips, small enough to hold one per download. */
const CHUNK_BYTES = 256 * 1024

/** How long after a removal the chunks' table is vacuumed (removals close together share one). */
const VACUUM_AFTER_MS = 10_000

/** A `files` row as Bun's client returns it (BIGINT columns come back as strings). */
interface FileRow {
  id: string
  room: string
  author: string
  username: string
  name: string
  type: string
  size: string | number
  image: string | null
  thumbnail_size: string | number | null
  claim: string | null
  created_at: string | number
}

/**
 * Files in PostgreSQL, shared by every instance: a `files` row each, the bytes in
 * `file_chunks` rows of 256 KiB. `put` streams the parts in from local files and commits
 * the chunks with the row, so a file exists whole or not at all; `read` streams it out one
 * chunk per pull. Claims lock the files' rows, so two instances never give one file to
 * two messages. `put` takes over its parts: afterwards, kept or refused, they are gone.
 * The store owns `sql` (give it a client of its own, so downloads never wait behind
 * message writes) and closes it.
 */
export class PostgresFileStore implements FileStore {
  readonly #sql: SQL
  #vacuum: ReturnType<typeof setTimeout> | undefined

  constructor(sql: SQL) {
    this.#sql = sql
  }

  async put({ record, parts }: NewFile): Promise<void> {
    try {
      const checked = fileRecordSchema.parse(record)
      await this.#sql.begin(async (tx) => {
        await tx`INSERT INTO files ${tx({
          id: checked.id,
          room: checked.room,
          author: checked.author,
          username: checked.username,
          name: checked.name,
          type: checked.type,
          size: checked.size,
          image: checked.image ? JSON.stringify(checked.image) : null,
          thumbnail_size: null,
          claim: null,
          created_at: checked.createdAt,
        })}`
        const size = await insertChunks(tx, checked.id, 'original', parts.original)
        if (size !== checked.size)
          throw new Error(`File ${checked.id} has ${size} bytes, its record says ${checked.size}`)
        if (parts.thumbnail) {
          const thumbnailSize = await insertChunks(tx, checked.id, 'thumbnail', parts.thumbnail)
          await tx`UPDATE files SET thumbnail_size = ${thumbnailSize} WHERE id = ${checked.id}`
        }
      })
    } finally {
      await removeQuietly([parts.original, parts.thumbnail])
    }
  }

  async get(id: string): Promise<FileRecord | undefined> {
    if (!isFileId(id)) return undefined
    const [row] = await this.#sql<FileRow[]>`SELECT * FROM files WHERE id = ${id}`
    return row ? toRecord(row) : undefined
  }

  async read(id: string, part: FilePart): Promise<FileBytes | undefined> {
    if (!isFileId(id)) return undefined
    const [row] = await this.#sql<Pick<FileRow, 'size' | 'thumbnail_size'>[]>`
      SELECT size, thumbnail_size FROM files WHERE id = ${id}`
    const stored = part === 'original' ? row?.size : row?.thumbnail_size
    if (stored === undefined || stored === null) return undefined
    const size = Number(stored)
    return { body: this.#chunks(id, part, size), size }
  }

  async claim(ids: readonly string[], claim: FileClaim): Promise<FileRecord[] | string> {
    const asked = ids.filter(isFileId)
    if (ids.length === 0) return []
    return this.#sql.begin(async (tx) => {
      const rows = asked.length
        ? await tx<FileRow[]>`SELECT * FROM files WHERE id IN ${tx(asked)} ORDER BY id FOR UPDATE`
        : []
      const found = new Map(rows.map((row) => [row.id, toRecord(row)]))
      const checked = checkClaim(ids, found, claim)
      if (typeof checked === 'string') return checked
      const taken = await tx`
        UPDATE files SET claim = ${claim.key}
        WHERE id IN ${tx(asked)} AND room = ${claim.room} AND author = ${claim.author}
          AND (claim IS NULL OR claim = ${claim.key})
        RETURNING id`
      if (taken.length !== checked.length) throw new Error('Files changed while they were being claimed')
      return checked
    })
  }

  async release(ids: readonly string[], key: string): Promise<void> {
    const asked = ids.filter(isFileId)
    if (asked.length) await this.#sql`UPDATE files SET claim = NULL WHERE id IN ${this.#sql(asked)} AND claim = ${key}`
  }

  async remove(ids: readonly string[]): Promise<void> {
    const asked = ids.filter(isFileId)
    if (asked.length === 0) return
    await this.#sql`DELETE FROM files WHERE id IN ${this.#sql(asked)}`
    this.#vacuumSoon()
  }

  /** Deleted chunks stay on disk as dead rows until VACUUM makes them unreadable: soon after a removal. */
  #vacuumSoon(): void {
    this.#vacuum ??= setTimeout(() => void this.#vacuumNow(), VACUUM_AFTER_MS)
  }

  async #vacuumNow(): Promise<void> {
    clearTimeout(this.#vacuum)
    this.#vacuum = undefined
    await this.#sql.unsafe('VACUUM file_chunks').catch(() => undefined)
  }

  async sweep(before: number): Promise<number> {
    const swept = await this.#sql`DELETE FROM files WHERE claim IS NULL AND created_at < ${before} RETURNING id`
    return swept.length
  }

  async usedBytes(): Promise<number> {
    const [row] = await this.#sql<{ used: string | null }[]>`
      SELECT SUM(size + COALESCE(thumbnail_size, 0))::text AS used FROM files`
    return Number(row?.used ?? 0)
  }

  async close(): Promise<void> {
    if (this.#vacuum) await this.#vacuumNow()
    await this.#sql.close()
  }

  /** A part's bytes, fetched one chunk per pull; fails if the file is removed half-way. */
  #chunks(id: string, part: FilePart, size: number): ReadableStream<Uint8Array> {
    const sql = this.#sql
    let n = 0
    let sent = 0
    return new ReadableStream<Uint8Array>(
      {
        async pull(controller) {
          if (sent >= size) return controller.close()
          const [row] = await sql<{ data: Uint8Array }[]>`
            SELECT data FROM file_chunks WHERE file_id = ${id} AND part = ${part} AND n = ${n}`
          if (!row) return controller.error(new Error(`File ${id} was removed while it was being read`))
          n += 1
          sent += row.data.byteLength
          controller.enqueue(row.data)
          if (sent >= size) controller.close()
        },
      },
      { highWaterMark: 0 },
    )
  }
}

/** Streams the local file at `path` into `file_chunks` as part `part` of file `id`; how many bytes it had. */
async function insertChunks(tx: SQL, id: string, part: FilePart, path: string): Promise<number> {
  const handle = await open(path, 'r')
  try {
    let total = 0
    // One buffer for every chunk: each INSERT has sent its bytes before the next read fills it.
    const chunk = new Uint8Array(CHUNK_BYTES)
    for (let n = 0; ; n += 1) {
      let filled = 0
      while (filled < CHUNK_BYTES) {
        const { bytesRead } = await handle.read(chunk, filled, CHUNK_BYTES - filled, total + filled)
        if (bytesRead === 0) break
        filled += bytesRead
      }
      if (filled > 0) {
        await tx`INSERT INTO file_chunks (file_id, part, n, data) VALUES (${id}, ${part}, ${n}, ${chunk.subarray(0, filled)})`
        total += filled
      }
      if (filled < CHUNK_BYTES) return total
    }
  } finally {
    await handle.close()
  }
}

/** A `files` row as a record, checked. */
function toRecord(row: FileRow): FileRecord {
  const image = row.image === null ? undefined : imageSizeSchema.parse(JSON.parse(row.image))
  return fileRecordSchema.parse({
    id: row.id,
    room: row.room,
    author: row.author,
    username: row.username,
    name: row.name,
    type: row.type,
    size: Number(row.size),
    ...(image ? { image } : {}),
    createdAt: Number(row.created_at),
    ...(row.claim === null ? {} : { claim: row.claim }),
  })
}
