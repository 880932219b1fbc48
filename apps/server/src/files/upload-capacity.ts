import { statfs } from 'node:fs/promises'
import { formatFileSize } from '@parley/events/rules'
import type { FileLimits } from './file-limits.ts'
import type { FileStore } from './file-store.ts'
import { UploadRefusal } from './receive-upload.ts'

/**
 * Room for uploads: the store's total (`maxTotalBytes`) and the free disk under the
 * upload folder (`minFreeBytes`), counting the uploads still arriving, so that many at
 * once cannot together pass either limit.
 */
export class UploadCapacity {
  #reserved = 0
  readonly #store: FileStore
  readonly #limits: FileLimits
  readonly #workDir: string

  constructor(store: FileStore, limits: FileLimits, workDir: string) {
    this.#store = store
    this.#limits = limits
    this.#workDir = workDir
  }

  /** Holds `bytes` for one upload, or refuses with 507 in words; call the answer to let go. */
  async reserve(bytes: number): Promise<() => void> {
    const [used, disk] = await Promise.all([this.#store.usedBytes(), statfs(this.#workDir)])
    const free = disk.bavail * disk.bsize
    const { maxTotalBytes, minFreeBytes } = this.#limits
    // No await from here on: the check and the reservation happen together.
    if (maxTotalBytes > 0 && used + this.#reserved + bytes > maxTotalBytes) {
      throw new UploadRefusal(507, `The server's file storage is full (${formatFileSize(maxTotalBytes)})`)
    }
    // Twice the bytes: an image is kept re-encoded beside the upload until it is stored.
    if (free - this.#reserved - 2 * bytes < minFreeBytes) {
      throw new UploadRefusal(507, 'The server is nearly out of disk space; it takes no files for now')
    }
    this.#reserved += bytes
    let held = true
    return () => {
      if (held) this.#reserved -= bytes
      held = false
    }
  }
}
