import type { ChatMessage, Reaction } from '@parley/events'
import { foldName } from './mentions.ts'

/** What one of our changes to a message asks for. */
export type ChangeRequest =
  | { kind: 'edit'; text: string }
  | { kind: 'delete' }
  | { kind: 'react'; emoji: string; add: boolean }

/**
 * One of our changes to a stored message that the server has not confirmed yet. It shows
 * at once (the new text, the deletion, the reaction), and its `clientId` stays the same
 * across retries, so a change sent twice changes the message once.
 */
export type PendingChange = ChangeRequest & {
  clientId: string
  room: string
  /** The message changed. */
  seq: number
  /** Who asked for it (us). */
  username: string
  /** When it was asked for (this tab's clock): an edit shows it until the server's time replaces it. */
  createdAt: number
  status: 'pending' | 'failed'
  /** Why it failed, in words; `null` while pending. */
  error: string | null
}

/** Adds a change, unless one with its clientId is already there. */
export function withChange(changes: readonly PendingChange[], change: PendingChange): PendingChange[] {
  if (changes.some((held) => held.clientId === change.clientId)) return changes as PendingChange[]
  return [...changes, change]
}

/** Forgets the changes whose clientId is in `clientIds` (confirmed, or given up on). */
export function withoutChanges(changes: readonly PendingChange[], clientIds: ReadonlySet<string>): PendingChange[] {
  if (clientIds.size === 0 || !changes.some((change) => clientIds.has(change.clientId))) {
    return changes as PendingChange[]
  }
  return changes.filter((change) => !clientIds.has(change.clientId))
}

/** Marks a change failed (with the reason) or pending again (on Retry). */
export function withChangeStatus(
  changes: readonly PendingChange[],
  clientId: string,
  status: PendingChange['status'],
  error: string | null = null,
): PendingChange[] {
  if (!changes.some((change) => change.clientId === clientId)) return changes as PendingChange[]
  return changes.map((change) => (change.clientId === clientId ? { ...change, status, error } : change))
}

/** One emoji on a message as shown: who reacted (earliest first), and whether we are among them. */
export interface ReactionView {
  emoji: string
  users: string[]
  mine: boolean
}

/** A stored message with our unconfirmed changes shown on it. */
export interface MessageView {
  text: string
  deleted: boolean
  editedAt: number | null
  reactions: ReactionView[]
}

function addUser(reactions: Reaction[], emoji: string, username: string): Reaction[] {
  const key = foldName(username)
  const held = reactions.find((reaction) => reaction.emoji === emoji)
  if (!held) return [...reactions, { emoji, users: [username] }]
  if (held.users.some((user) => foldName(user) === key)) return reactions
  return reactions.map((reaction) => (reaction === held ? { emoji, users: [...held.users, username] } : reaction))
}

function removeUser(reactions: Reaction[], emoji: string, username: string): Reaction[] {
  const key = foldName(username)
  return reactions
    .map((reaction) =>
      reaction.emoji === emoji ? { emoji, users: reaction.users.filter((user) => foldName(user) !== key) } : reaction,
    )
    .filter((reaction) => reaction.users.length > 0)
}

/**
 * How `message` looks with our changes to it applied in the order they were made: a pending
 * or failed edit shows its text (a failed one says so beside it), a pending deletion shows
 * the message deleted, and a pending reaction counts. A failed deletion or reaction does not
 * show: the message stays as the server has it.
 */
export function viewOf(message: ChatMessage, changes: readonly PendingChange[], me: string | null): MessageView {
  let text = message.message
  let deleted = message.deleted === true
  let editedAt = message.editedAt ?? null
  let reactions: Reaction[] = message.reactions ?? []
  for (const change of changes) {
    if (change.seq !== message.seq || deleted) continue
    if (change.kind === 'edit') {
      text = change.text
      editedAt = change.createdAt
    } else if (change.status === 'failed') {
    } else if (change.kind === 'delete') {
      deleted = true
      text = ''
      reactions = []
    } else if (change.add) {
      reactions = addUser(reactions, change.emoji, change.username)
    } else {
      reactions = removeUser(reactions, change.emoji, change.username)
    }
  }
  const key = me === null ? null : foldName(me)
  return {
    text,
    deleted,
    editedAt,
    reactions: reactions.map(({ emoji, users }) => ({
      emoji,
      users,
      mine: key !== null && users.some((user) => foldName(user) === key),
    })),
  }
}
