import type { Attachment } from '@parley/events'
import type { Logger } from '../ops/logger.ts'
import type { FileClaim, FileStore } from './file-store.ts'

/** The attachment a message shows, without what only the store keeps. */
function toAttachment({ id, name, type, size, image }: Attachment): Attachment {
  return image ? { id, name, type, size, image } : { id, name, type, size }
}

/**
 * Files as messages use them: a message takes its files before it is stored (so it is
 * posted only with all of them), gives back the ones it newly took when it cannot be
 * stored, and a deleted message's files are removed, bytes and all.
 */
export class MessageFiles {
  readonly #store: FileStore
  readonly #maxPerMessage: number
  readonly #log: Logger

  constructor(store: FileStore, maxPerMessage: number, log: Logger) {
    this.#store = store
    this.#maxPerMessage = maxPerMessage
    this.#log = log
  }

  /**
   * Takes `ids` for one message; throws the reason in words when it may not. Answers the
   * attachments in order, and a function that gives back those this call took.
   */
  async take(ids: readonly string[], claim: FileClaim): Promise<{ files: Attachment[]; giveBack(): Promise<void> }> {
    if (ids.length > this.#maxPerMessage) throw new Error(`A message can carry at most ${this.#maxPerMessage} files`)
    if (new Set(ids).size !== ids.length) throw new Error('The same file is named twice')
    const taken = await this.#store.claim(ids, claim)
    if (typeof taken === 'string') throw new Error(taken)
    // A resend of the same message finds its files taken already: those are not given back.
    const newlyTaken = taken.filter((record) => record.claim === undefined).map((record) => record.id)
    return {
      files: taken.map(toAttachment),
      giveBack: () => this.#store.release(newlyTaken, claim.key),
    }
  }

  /** Removes a deleted message's files; a failure is logged and left for an operator. */
  erase(ids: readonly string[]): void {
    this.#store.remove(ids).catch((error: unknown) => {
      this.#log.error('file-removal-failed', {
        files: ids.length,
        error: error instanceof Error ? error.message : String(error),
      })
    })
  }
}
