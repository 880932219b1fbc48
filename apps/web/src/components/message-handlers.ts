import type { MessageLine } from '../chat/model/timeline-items.ts'

/** What a message's controls do; the pane makes one set, stable for its room. */
export interface MessageHandlers {
  /** Sends our failed message again. */
  retry(clientId: string): void
  reply(seq: number): void
  edit(seq: number): void
  /** Asks whether to delete the message, once. */
  askDelete(seq: number): void
  toggleReaction(seq: number, emoji: string): void
  /** Opens the emoji picker beside `anchor`. */
  openPicker(seq: number, anchor: HTMLElement): void
  /** Brings the message at `seq` into view (loading it if need be) and marks it for a moment. */
  jump(seq: number): void
  /** Shows or hides the actions of the message tapped. */
  select(seq: number): void
  retryChange(clientId: string): void
  dismissChange(clientId: string): void
}

function sameList<T>(a: readonly T[], b: readonly T[], same: (x: T, y: T) => boolean): boolean {
  return a === b || (a.length === b.length && a.every((x, index) => same(x, b[index] as T)))
}

/** Whether two lines of the same message draw the same. */
export function sameLine(a: MessageLine, b: MessageLine): boolean {
  return (
    a.status === b.status &&
    a.error === b.error &&
    a.message === b.message &&
    a.username === b.username &&
    a.timestamp === b.timestamp &&
    a.seq === b.seq &&
    a.editedAt === b.editedAt &&
    a.deleted === b.deleted &&
    a.replyTo?.seq === b.replyTo?.seq &&
    a.replyTo?.excerpt === b.replyTo?.excerpt &&
    a.replyTo?.username === b.replyTo?.username &&
    a.replyTo?.deleted === b.replyTo?.deleted &&
    sameList(
      a.reactions,
      b.reactions,
      (x, y) => x.emoji === y.emoji && x.mine === y.mine && sameList(x.users, y.users, Object.is),
    ) &&
    sameList(
      a.changes,
      b.changes,
      (x, y) => x.clientId === y.clientId && x.status === y.status && x.error === y.error,
    ) &&
    sameList(a.files, b.files, (x, y) => x.id === y.id)
  )
}
