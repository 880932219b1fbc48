import { constants } from 'node:fs'
import { copyFile, open, rename, rm, unlink } from 'node:fs/promises'

/** Moves a file: a rename, or across filesystems a copy and then removing the source. */
export async function moveFile(from: string, to: string): Promise<void> {
  try {
    await rename(from, to)
  } catch (error) {
    if (!isCode(error, 'EXDEV')) throw error
    await copyFile(from, to, constants.COPYFILE_EXCL)
    await unlink(from)
  }
}

/** Flushes a file's bytes (or a directory's entries) to the disk, so a rename after it never exposes lost data. */
export async function syncToDisk(path: string): Promise<void> {
  const handle = await open(path, 'r')
  try {
    await handle.sync()
  } finally {
    await handle.close()
  }
}

/** Replaces `path` in one step with `text`: written to a temporary name beside it, synced, renamed over it. */
export async function replaceFile(path: string, text: string): Promise<void> {
  const temporary = `${path}.${crypto.randomUUID()}.tmp`
  try {
    const handle = await open(temporary, 'wx')
    try {
      await handle.writeFile(text)
      await handle.sync()
    } finally {
      await handle.close()
    }
    await rename(temporary, path)
  } catch (error) {
    await rm(temporary, { force: true })
    throw error
  }
}

/** Removes local files that may or may not be there. */
export async function removeQuietly(paths: readonly (string | undefined)[]): Promise<void> {
  await Promise.all(paths.map((path) => (path ? rm(path, { force: true, recursive: true }) : undefined)))
}

/** Whether `error` is a Node file-system error with this code (ENOENT, EXDEV, …). */
export function isCode(error: unknown, code: string): boolean {
  return error instanceof Error && 'code' in error && error.code === code
}
