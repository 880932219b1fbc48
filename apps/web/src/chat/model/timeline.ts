import type { ChatMessage, JoinResponse, SendMessageResponse } from '@parley/events'

/** One of our own messages the server has not confirmed yet. */
export interface OutgoingMessage {
  clientId: string
  room: string
  username: string
  message: string
  /** When it was written, for display until the server's timestamp replaces it. */
  createdAt: number
  status: 'pending' | 'failed'
  /** Why it failed, in words; `null` while pending. */
  error: string | null
}

/** A quiet line about someone joining or leaving, shown after the message that was newest then. */
interface Note {
  id: string
  text: string
  timestamp: number
  afterSeq: number
}

/**
 * A room's messages as this tab knows them. `messages` are stored messages, ordered by
 * `seq` and never twice; `outbox` holds our own messages not yet confirmed.
 */
export interface RoomTimeline {
  messages: ChatMessage[]
  /**
   * Every seq from the oldest held through this one is held: the point to catch up
   * from after a reconnection. `null` until the room's first join answer.
   */
  syncedThrough: number | null
  outbox: OutgoingMessage[]
  notes: Note[]
  loadingOlder: boolean
  /** Why older messages could not be loaded, in words. */
  olderError: string | null
}

/** What a timeline shows, in order: stored messages and notes by seq, then our unconfirmed messages. */
export type TimelineItem =
  | {
      kind: 'message'
      key: string
      username: string
      message: string
      timestamp: number
      seq: number | null
      status: 'sent' | 'pending' | 'failed'
      error: string | null
      clientId: string | null
    }
  | { kind: 'system'; key: string; text: string; timestamp: number }

export function emptyTimeline(): RoomTimeline {
  return { messages: [], syncedThrough: null, outbox: [], notes: [], loadingOlder: false, olderError: null }
}

export function oldestSeq(timeline: RoomTimeline): number | null {
  return timeline.messages[0]?.seq ?? null
}

function newestSeq(timeline: RoomTimeline): number | null {
  return timeline.messages.at(-1)?.seq ?? null
}

/** Older messages exist on the server that this timeline does not hold. */
export function hasOlder(timeline: RoomTimeline): boolean {
  const oldest = oldestSeq(timeline)
  return oldest !== null && oldest > 1
}

/** The timeline reaches back to the room's first message (or the room has none). */
export function atStart(timeline: RoomTimeline): boolean {
  if (timeline.syncedThrough === null) return false
  const oldest = oldestSeq(timeline)
  return oldest === null ? timeline.syncedThrough === 0 : oldest === 1
}

function advance(messages: ChatMessage[], syncedThrough: number | null): number | null {
  if (syncedThrough === null) return null
  let through = syncedThrough
  for (const message of messages) {
    if (message.seq <= through) continue
    if (message.seq !== through + 1) break
    through = message.seq
  }
  return through
}

export interface MergeResult {
  timeline: RoomTimeline
  /** The messages that were not held before, by seq. */
  added: ChatMessage[]
}

/**
 * Adds stored messages in any order: held once by seq, kept ordered by seq. Our own
 * unconfirmed messages with the same `clientId` are confirmed by them.
 */
export function mergeMessages(timeline: RoomTimeline, incoming: readonly ChatMessage[]): MergeResult {
  const held = new Set(timeline.messages.map((message) => message.seq))
  const fresh = new Map<number, ChatMessage>()
  for (const message of incoming) {
    if (!held.has(message.seq) && !fresh.has(message.seq)) fresh.set(message.seq, message)
  }
  if (fresh.size === 0) return { timeline, added: [] }
  const added = [...fresh.values()].sort((a, b) => a.seq - b.seq)
  const messages = mergeSorted(timeline.messages, added)
  const confirmed = new Set(added.flatMap((message) => (message.clientId ? [message.clientId] : [])))
  const outbox = confirmed.size ? timeline.outbox.filter((item) => !confirmed.has(item.clientId)) : timeline.outbox
  return {
    timeline: { ...timeline, messages, outbox, syncedThrough: advance(messages, timeline.syncedThrough) },
    added,
  }
}

function mergeSorted(a: ChatMessage[], b: ChatMessage[]): ChatMessage[] {
  const lastA = a.at(-1)
  const firstB = b[0]
  if (!lastA || !firstB) return a.length ? a : b
  if (lastA.seq < firstB.seq) return [...a, ...b]
  const out: ChatMessage[] = []
  let i = 0
  let j = 0
  while (i < a.length || j < b.length) {
    const left = a[i]
    const right = b[j]
    if (right === undefined || (left !== undefined && left.seq < right.seq)) {
      out.push(left as ChatMessage)
      i++
    } else {
      out.push(right)
      j++
    }
  }
  return out
}

/** What to do after a join answer: nothing more, or fetch `history {after}` from a seq. */
interface JoinOutcome extends MergeResult {
  catchUpAfter: number | null
  /** The server no longer has what we held (it lost its storage): the timeline was replaced. */
  reset: boolean
}

type JoinAnswer = Pick<JoinResponse, 'lastSeq' | 'messages'>

/**
 * Takes a join answer. The first join of a room takes its messages as the timeline; a
 * rejoin merges them and says where to catch up from if messages were missed.
 */
export function applyJoin(timeline: RoomTimeline, answer: JoinAnswer): JoinOutcome {
  if (timeline.syncedThrough === null) {
    // Pushes that came before the answer are kept; anything older than its window is not trusted to be contiguous.
    const windowStart = answer.messages[0]?.seq ?? answer.lastSeq + 1
    const early = timeline.messages.filter((message) => message.seq >= windowStart)
    const merged = mergeMessages({ ...timeline, messages: early }, answer.messages).timeline
    const syncedThrough = advance(merged.messages, answer.lastSeq)
    return { timeline: { ...merged, syncedThrough }, added: [], catchUpAfter: null, reset: false }
  }
  if (answer.lastSeq < timeline.syncedThrough) return { ...resetTimeline(timeline, answer), catchUpAfter: null }
  const merged = mergeMessages(timeline, answer.messages)
  const through = merged.timeline.syncedThrough ?? answer.lastSeq
  return { ...merged, catchUpAfter: through < answer.lastSeq ? through : null, reset: false }
}

/** Drops what this tab held and takes the join answer as the truth; our unconfirmed messages stay. */
export function resetTimeline(timeline: RoomTimeline, answer: JoinAnswer): MergeResult & { reset: true } {
  const base: RoomTimeline = { ...timeline, messages: [], notes: [], syncedThrough: answer.lastSeq, olderError: null }
  return { ...mergeMessages(base, answer.messages), added: [], reset: true }
}

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

export function addNote(timeline: RoomTimeline, note: Omit<Note, 'afterSeq'>): RoomTimeline {
  return { ...timeline, notes: [...timeline.notes, { ...note, afterSeq: newestSeq(timeline) ?? 0 }] }
}

/** The lines to show, in order. */
export function timelineItems(timeline: RoomTimeline): TimelineItem[] {
  const items: TimelineItem[] = []
  let n = 0
  for (const message of timeline.messages) {
    while (n < timeline.notes.length && (timeline.notes[n]?.afterSeq ?? 0) < message.seq) pushNote(items, timeline, n++)
    items.push({
      kind: 'message',
      key: `seq-${message.seq}`,
      username: message.username,
      message: message.message,
      timestamp: message.timestamp,
      seq: message.seq,
      status: 'sent',
      error: null,
      clientId: message.clientId ?? null,
    })
  }
  while (n < timeline.notes.length) pushNote(items, timeline, n++)
  for (const outgoing of timeline.outbox) {
    items.push({
      kind: 'message',
      key: `client-${outgoing.clientId}`,
      username: outgoing.username,
      message: outgoing.message,
      timestamp: outgoing.createdAt,
      seq: null,
      status: outgoing.status,
      error: outgoing.error,
      clientId: outgoing.clientId,
    })
  }
  return items
}

function pushNote(items: TimelineItem[], timeline: RoomTimeline, index: number): void {
  const note = timeline.notes[index]
  if (note) items.push({ kind: 'system', key: note.id, text: note.text, timestamp: note.timestamp })
}

const CLIENT_ID_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-'

/** A fresh id for a message we send, so a resend is stored once (8–64 of [A-Za-z0-9_-]). */
export function newClientId(): string {
  // randomUUID exists only in secure contexts (https, localhost); a page served over plain http elsewhere has none.
  return globalThis.crypto?.randomUUID?.() ?? randomClientId()
}

/** 22 characters of the client-id alphabet (132 random bits), from `crypto.getRandomValues` when there is one. */
export function randomClientId(
  fill: (bytes: Uint8Array) => Uint8Array = (bytes) =>
    globalThis.crypto?.getRandomValues
      ? globalThis.crypto.getRandomValues(bytes)
      : bytes.map(() => Math.random() * 256),
): string {
  let id = ''
  for (const byte of fill(new Uint8Array(22))) id += CLIENT_ID_ALPHABET[byte % CLIENT_ID_ALPHABET.length]
  return id
}
