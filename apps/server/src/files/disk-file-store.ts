import { mkdir, readdir, readFile, rename, stat } from 'node:fs/promises'
import { join } from 'node:path'
import { checkClaim } from './claim-rules.ts'
import { fileRecordSchema, isFileId } from './file-record.ts'
import type { FileBytes, FileClaim, FilePart, FileRecord, FileStore, NewFile } from './file-store.ts'
import { isCode, moveFile, removeQuietly, replaceFile, syncToDisk } from './local-files.ts'

const RECORD = 'record.json'
/** Where files are built, and removed ones wait to be deleted: inside the store's directory, so renames are atomic. */
const INCOMING = '.incoming'

/** What the store keeps in memory about each file: enough to count bytes and sweep without reading every record. */
interface Kept {
  bytes: number
  createdAt: number
  claimed: boolean
}

/**
 * Files on one instance's disk, one directory per file: `<dir>/<id>/` holds `original`,
 * `thumbnail` (for images) and `record.json`. A file is built under `<dir>/.incoming/` and
 * renamed into place whole, so `get` and `read` never see half of one. Claims, releases,
 * removals and sweeps take turns, so two messages can never take the same file.
 * `put` takes over its parts: afterwards, kept or refused, they are gone from their paths.
 */
export class DiskFileStore implements FileStore {
  readonly #dir: string
  readonly #kept: Map<string, Kept>
  #used: number
  #turn: Promise<unknown> = Promise.resolve()

  private constructor(dir: string, kept: Map<string, Kept>) {
    this.#dir = dir
    this.#kept = kept
    this.#used = [...kept.values()].reduce((sum, file) => sum + file.bytes, 0)
  }

  /** Opens the store in `dir` (DATA_DIR/files), creating it, and counts what it holds. */
  static async open(dir: string): Promise<DiskFileStore> {
    await mkdir(join(dir, INCOMING), { recursive: true })
    const kept = new Map<string, Kept>()
    for (const id of await readdir(dir)) {
      if (!isFileId(id)) continue
      const record = await readRecord(dir, id)
      if (record)
        kept.set(id, { bytes: await partBytes(join(dir, id)), createdAt: record.createdAt, claimed: !!record.claim })
    }
    return new DiskFileStore(dir, kept)
  }

  async put({ record, parts }: NewFile): Promise<void> {
    const building = join(this.#dir, INCOMING, `${record.id}.${crypto.randomUUID()}`)
    try {
      const checked = fileRecordSchema.parse(record)
      if (this.#kept.has(checked.id)) throw new Error(`File ${checked.id} is already stored`)
      await mkdir(building)
      await moveFile(parts.original, join(building, 'original'))
      if (parts.thumbnail) await moveFile(parts.thumbnail, join(building, 'thumbnail'))
      const originalSize = (await stat(join(building, 'original'))).size
      if (originalSize !== checked.size) {
        throw new Error(`File ${checked.id} has ${originalSize} bytes, its record says ${checked.size}`)
      }
      await replaceFile(join(building, RECORD), JSON.stringify(checked))
      await syncToDisk(join(building, 'original'))
      if (parts.thumbnail) await syncToDisk(join(building, 'thumbnail'))
      await syncToDisk(building)
      const bytes = await partBytes(building)
      await rename(building, this.#fileDir(checked.id))
      await syncToDisk(this.#dir)
      this.#keep(checked.id, { bytes, createdAt: checked.createdAt, claimed: false })
    } finally {
      await removeQuietly([building, parts.original, parts.thumbnail])
    }
  }

  async get(id: string): Promise<FileRecord | undefined> {
    return isFileId(id) ? readRecord(this.#dir, id) : undefined
  }

  async read(id: string, part: FilePart): Promise<FileBytes | undefined> {
    if (!isFileId(id) || !this.#kept.has(id)) return undefined
    const path = join(this.#fileDir(id), part)
    try {
      return { body: Bun.file(path), size: (await stat(path)).size }
    } catch (error) {
      if (isCode(error, 'ENOENT')) return undefined
      throw error
    }
  }

  claim(ids: readonly string[], claim: FileClaim): Promise<FileRecord[] | string> {
    return this.#inTurn(async () => {
      const found = new Map<string, FileRecord>()
      for (const id of ids) {
        const record = await this.get(id)
        if (record) found.set(id, record)
      }
      const checked = checkClaim(ids, found, claim)
      if (typeof checked === 'string') return checked
      const written: FileRecord[] = []
      try {
        for (const record of checked) {
          if (record.claim === claim.key) continue
          await this.#writeRecord({ ...record, claim: claim.key })
          written.push(record)
        }
      } catch (error) {
        for (const record of written) await this.#writeRecord(record)
        throw error
      }
      return checked
    })
  }

  release(ids: readonly string[], key: string): Promise<void> {
    return this.#inTurn(async () => {
      for (const id of ids) {
        const record = await this.get(id)
        if (record?.claim === key) await this.#writeRecord({ ...record, claim: undefined })
      }
    })
  }

  remove(ids: readonly string[]): Promise<void> {
    return this.#inTurn(async () => {
      for (const id of ids) if (isFileId(id)) await this.#removeNow(id)
    })
  }

  sweep(before: number): Promise<number> {
    return this.#inTurn(async () => {
      let swept = 0
      for (const [id, file] of [...this.#kept]) {
        if (file.claimed || file.createdAt >= before) continue
        await this.#removeNow(id)
        swept += 1
      }
      const incoming = join(this.#dir, INCOMING)
      for (const name of await readdir(incoming)) {
        const path = join(incoming, name)
        const modified = await stat(path).then(
          (found) => found.mtimeMs,
          () => Number.POSITIVE_INFINITY,
        )
        if (modified < before) await removeQuietly([path])
      }
      return swept
    })
  }

  async usedBytes(): Promise<number> {
    return this.#used
  }

  async close(): Promise<void> {
    await this.#turn
  }

  #fileDir(id: string): string {
    return join(this.#dir, id)
  }

  /** Runs `job` once every earlier claim, release, removal and sweep has finished. */
  #inTurn<T>(job: () => Promise<T>): Promise<T> {
    const result = this.#turn.then(job)
    this.#turn = result.catch(() => {})
    return result
  }

  async #writeRecord(record: FileRecord): Promise<void> {
    await replaceFile(join(this.#fileDir(record.id), RECORD), JSON.stringify(record))
    const kept = this.#kept.get(record.id)
    if (kept) kept.claimed = record.claim !== undefined
  }

  /** Takes the file's directory out of view in one rename, then deletes it. */
  async #removeNow(id: string): Promise<void> {
    const leaving = join(this.#dir, INCOMING, `${id}.removed.${crypto.randomUUID()}`)
    try {
      await rename(this.#fileDir(id), leaving)
    } catch (error) {
      if (!isCode(error, 'ENOENT')) throw error
    }
    this.#forget(id)
    await removeQuietly([leaving])
  }

  #keep(id: string, file: Kept): void {
    this.#forget(id)
    this.#kept.set(id, file)
    this.#used += file.bytes
  }

  #forget(id: string): void {
    this.#used -= this.#kept.get(id)?.bytes ?? 0
    this.#kept.delete(id)
  }
}

/** The record in file `id`'s directory, or undefined when there is none or it does not check. */
async function readRecord(dir: string, id: string): Promise<FileRecord | undefined> {
  const fileDir = join(dir, id)
  let text: string
  try {
    text = await readFile(join(fileDir, RECORD), 'utf8')
  } catch (error) {
    if (isCode(error, 'ENOENT') || isCode(error, 'ENOTDIR')) return undefined
    throw error
  }
  let json: unknown
  try {
    json = JSON.parse(text)
  } catch {
    return undefined
  }
  const parsed = fileRecordSchema.safeParse(json)
  return parsed.success && parsed.data.id === id ? parsed.data : undefined
}

/** The bytes of a file's parts, its record aside. */
async function partBytes(fileDir: string): Promise<number> {
  let bytes = 0
  for (const part of ['original', 'thumbnail'] satisfies FilePart[]) {
    bytes += await stat(join(fileDir, part)).then(
      (found) => found.size,
      () => 0,
    )
  }
  return bytes
}
