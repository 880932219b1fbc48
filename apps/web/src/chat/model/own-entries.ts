import type { ChatMessage, SendMessageResponse } from '@parley/events'
import { type PendingChange, withChange, withChangeStatus, withoutChanges } from './pending-changes.ts'
import { quoteOf } from './quote.ts'
import {
  applyChanges,
  type MergeResult,
  mergeMessages,
  messageAt,
  type OutgoingMessage,
  type RoomTimeline,
} from './timeline.ts'

/*
 * Our own messages and changes in a room's timeline: shown at once, pending; confirmed by
 * the server's answer (or by its push or a catch-up page, whichever comes first), or
 * failed with the reason until Retry sends them again under the same clientId.
 */

/** Shows one of our messages at once, pending. */
export function addOutgoing(timeline: RoomTimeline, outgoing: OutgoingMessage): RoomTimeline {
  if (timeline.outbox.some((item) => item.clientId === outgoing.clientId)) return timeline
  return { ...timeline, outbox: [...timeline.outbox, outgoing] }
}

/** The server stored one of our messages: it becomes a stored message at its seq. */
export function confirmOutgoing(timeline: RoomTimeline, clientId: string, answer: SendMessageResponse): MergeResult {
  const outgoing = timeline.outbox.find((item) => item.clientId === clientId)
  if (!outgoing) return { timeline, added: [] }
  const stored: ChatMessage = {
    messageId: answer.messageId,
    username: outgoing.username,
    message: outgoing.message,
    timestamp: answer.timestamp,
    room: answer.room,
    seq: answer.seq,
    clientId,
  }
  const target = outgoing.replyTo === undefined ? undefined : messageAt(timeline, outgoing.replyTo)
  if (target) stored.replyTo = quoteOf(target)
  if (outgoing.files?.length) stored.files = outgoing.files
  const merged = mergeMessages(timeline, [stored])
  // Already held under that seq (the push came first without its clientId): still confirmed.
  const outbox = merged.timeline.outbox.filter((item) => item.clientId !== clientId)
  return { timeline: { ...merged.timeline, outbox }, added: merged.added }
}

/** Marks an unconfirmed message failed (with the reason) or pending again (on Retry). */
export function setOutgoingStatus(
  timeline: RoomTimeline,
  clientId: string,
  status: OutgoingMessage['status'],
  error: string | null = null,
): RoomTimeline {
  if (!timeline.outbox.some((item) => item.clientId === clientId)) return timeline
  return {
    ...timeline,
    outbox: timeline.outbox.map((item) => (item.clientId === clientId ? { ...item, status, error } : item)),
  }
}

/** Shows one of our changes to a message at once, pending. */
export function addChange(timeline: RoomTimeline, change: PendingChange): RoomTimeline {
  const changes = withChange(timeline.changes, change)
  return changes === timeline.changes ? timeline : { ...timeline, changes }
}

/**
 * The server answered one of our changes: its message as it now stands replaces the copy
 * held if newer, the change's place in the log (when it changed something) counts as seen,
 * and the change is no longer ours to show.
 */
export function settleChange(
  timeline: RoomTimeline,
  clientId: string,
  answer: { seq?: number | undefined; message: ChatMessage },
): RoomTimeline {
  const changes = withoutChanges(timeline.changes, new Set([clientId]))
  const dropped = changes === timeline.changes ? timeline : { ...timeline, changes }
  if (answer.seq !== undefined) return applyChanges(dropped, [{ seq: answer.seq, message: answer.message, clientId }])
  return mergeMessages(dropped, messageAt(timeline, answer.message.seq) ? [answer.message] : []).timeline
}

/** Marks one of our changes failed (with the reason) or pending again (on Retry). */
export function setChangeStatus(
  timeline: RoomTimeline,
  clientId: string,
  status: PendingChange['status'],
  error: string | null = null,
): RoomTimeline {
  const changes = withChangeStatus(timeline.changes, clientId, status, error)
  return changes === timeline.changes ? timeline : { ...timeline, changes }
}

/** Forgets one of our failed changes: the message shows as the server has it. */
export function dropChange(timeline: RoomTimeline, clientId: string): RoomTimeline {
  const changes = withoutChanges(timeline.changes, new Set([clientId]))
  return changes === timeline.changes ? timeline : { ...timeline, changes }
}
