import type { Attachment } from '@parley/events'

/** The bytes a stored file has: the file itself and, for an image, its thumbnail. */
export type FilePart = 'original' | 'thumbnail'

/** A stored file: what its message shows, and who may send it where. */
export interface FileRecord extends Attachment {
  room: string
  /** The uploading session's hash (`sessionAuthor`): only that session may send it. */
  author: string
  username: string
  createdAt: number
  /** The message that took it (its clientId, or its id without one); unset while none has. */
  claim?: string
}

/** A finished upload, checked and in local files, ready to be kept. */
export interface NewFile {
  record: Omit<FileRecord, 'claim'>
  /** Local paths of its parts; `put` takes them over (moves or copies, then removes them). */
  parts: { original: string; thumbnail?: string }
}

/** A part's bytes, to send as a response body, and how many there are. */
export interface FileBytes {
  body: Blob | ReadableStream<Uint8Array>
  size: number
}

/** Who asks to send files, and in which message. */
export interface FileClaim {
  room: string
  author: string
  /** The message's clientId, or its id: the same key claims the same files again (a resend). */
  key: string
}

/**
 * Where uploaded files live: under DATA_DIR/files on one instance, in PostgreSQL when
 * several share one database. A file exists for `get` and `read` only once `put` has
 * kept all of it, so a crash never leaves a half file that is served.
 */
export interface FileStore {
  put(file: NewFile): Promise<void>
  get(id: string): Promise<FileRecord | undefined>
  /** A part's bytes, streamed from storage; undefined when the file or part is not there. */
  read(id: string, part: FilePart): Promise<FileBytes | undefined>
  /**
   * Takes files for one message: each must be this session's, uploaded to this room, and
   * not taken by another message. All or none: the records in the order asked as they stood
   * before (a `claim` already set is this message's own, sent again), or why not in words.
   */
  claim(ids: readonly string[], claim: FileClaim): Promise<FileRecord[] | string>
  /** Gives back files a message took but could not store; they can be sent again. */
  release(ids: readonly string[], key: string): Promise<void>
  /** Removes files and their bytes (their message was deleted). */
  remove(ids: readonly string[]): Promise<void>
  /** Removes files uploaded before `before` (ms) that no message took; how many. */
  sweep(before: number): Promise<number>
  /** Bytes kept, every part of every file. */
  usedBytes(): Promise<number>
  close(): Promise<void>
}
