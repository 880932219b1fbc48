import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs'
import { writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { SQL } from 'bun'
import { DiskFileStore } from '../src/files/disk-file-store.ts'
import type { FileRecord, FileStore, NewFile } from '../src/files/file-store.ts'
import { PostgresFileStore } from '../src/files/postgres-file-store.ts'
import { migrate } from '../src/storage/migrations.ts'
import { temporaryPostgresSchema } from './postgres-schema.ts'

/** A file store under test, with what a conformance test needs to look behind it; `await using` removes it all. */
export interface FileStoreSubject extends AsyncDisposable {
  store: FileStore
  /** Another instance's view of the same storage (the same store on disk, where there is one instance). */
  rival(): Promise<FileStore>
  /** The store as it opens again after a restart. */
  reopen(): Promise<FileStore>
  /** Whether any bytes of file `id` are still kept. */
  bytesKept(id: string): Promise<boolean>
  /** A local path for a part to put (not created). */
  partPath(): string
  /** Where the disk store keeps its files (disk only). */
  dir?: string
}

/** A DiskFileStore in a fresh directory. */
export async function diskSubject(): Promise<FileStoreSubject> {
  const root = mkdtempSync(join(tmpdir(), 'parley-files-'))
  const dir = join(root, 'files')
  const parts = join(root, 'uploads')
  let store = await DiskFileStore.open(dir)
  const subject: FileStoreSubject = {
    store,
    dir,
    rival: async () => subject.store,
    reopen: async () => {
      await store.close()
      store = await DiskFileStore.open(dir)
      subject.store = store
      return store
    },
    bytesKept: async (id) => existsSync(join(dir, id)),
    partPath: partPaths(parts),
    async [Symbol.asyncDispose]() {
      await store.close()
      rmSync(root, { recursive: true, force: true })
    },
  }
  return subject
}

/** A PostgresFileStore in a schema of its own, dropped at the end. */
export async function postgresSubject(): Promise<FileStoreSubject> {
  const schema = await temporaryPostgresSchema()
  const root = mkdtempSync(join(tmpdir(), 'parley-files-'))
  const look = new SQL(schema.url)
  await migrate(look, 'postgres')
  const stores: FileStore[] = []
  const open = () => {
    const store = new PostgresFileStore(new SQL(schema.url))
    stores.push(store)
    return store
  }
  return {
    store: open(),
    rival: async () => open(),
    reopen: async () => open(),
    bytesKept: async (id) => {
      const [row] = await look<
        { chunks: number }[]
      >`SELECT count(*)::int AS chunks FROM file_chunks WHERE file_id = ${id}`
      return (row?.chunks ?? 0) > 0
    },
    partPath: partPaths(root),
    async [Symbol.asyncDispose]() {
      await Promise.all(stores.map((store) => store.close()))
      await look.close()
      await schema.remove()
      rmSync(root, { recursive: true, force: true })
    },
  }
}

/** Fresh paths in `dir`, made now, for the parts of uploads. */
function partPaths(dir: string): () => string {
  mkdirSync(dir, { recursive: true })
  return () => join(dir, crypto.randomUUID())
}

/** A fresh file id: 22 characters of 128 random bits, as uploads get. */
export function fileId(): string {
  return Buffer.from(crypto.getRandomValues(new Uint8Array(16))).toString('base64url')
}

/** `n` random bytes (getRandomValues gives at most 64 KiB at a time). */
export function randomBytes(n: number): Uint8Array {
  const bytes = new Uint8Array(n)
  for (let at = 0; at < n; at += 65_536) crypto.getRandomValues(bytes.subarray(at, Math.min(n, at + 65_536)))
  return bytes
}

export interface Upload {
  record: Omit<FileRecord, 'claim'>
  original: Uint8Array
  thumbnail?: Uint8Array
}

/** Writes an upload's parts to local files and puts it into the subject's store. */
export async function putUpload(
  subject: FileStoreSubject,
  options: { bytes?: number; thumbnail?: number; record?: Partial<FileRecord> } = {},
): Promise<Upload> {
  const original = randomBytes(options.bytes ?? 1_000)
  const thumbnail = options.thumbnail ? randomBytes(options.thumbnail) : undefined
  const record = {
    id: fileId(),
    name: 'notes.txt',
    type: 'text/plain',
    size: original.byteLength,
    room: 'general',
    author: 'alice-session',
    username: 'alice',
    createdAt: Date.now(),
    ...options.record,
  }
  const file: NewFile = { record, parts: { original: subject.partPath() } }
  await writeFile(file.parts.original, original)
  if (thumbnail) {
    file.parts.thumbnail = subject.partPath()
    await writeFile(file.parts.thumbnail, thumbnail)
  }
  await subject.store.put(file)
  return { record, original, ...(thumbnail ? { thumbnail } : {}) }
}

/** All of a part's bytes, however the store hands them out. */
export async function bytesOf(body: Blob | ReadableStream<Uint8Array>): Promise<Uint8Array> {
  return new Uint8Array(await new Response(body).arrayBuffer())
}
