import type { Attachment, ChatMessage, JoinResponse, MessageChange } from '@parley/events'
import { type PendingChange, withoutChanges } from './pending-changes.ts'
import { quoteOf } from './quote.ts'

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
  /** The seq of the message this one answers. */
  replyTo?: number
  /** The files it carries, uploaded already (the server holds them until this message names them). */
  files?: Attachment[]
}

/**
 * A quiet line about someone joining or leaving, shown after the message that was newest
 * then; or a change to the room (its topic, a moderation action) at its own seq.
 */
export interface Note {
  id: string
  text: string
  timestamp: number
  /** Shown after the messages up to this seq, before the later ones. */
  afterSeq: number
}

/**
 * A room's messages as this tab knows them. `messages` are stored messages, ordered by
 * `seq`, never twice, each the newest copy seen (by `rev ?? seq`); `outbox` holds our own
 * messages not yet confirmed, `changes` our own changes to messages not yet confirmed.
 */
export interface RoomTimeline {
  messages: ChatMessage[]
  /**
   * Every entry of the room's log (message or change) from the oldest message held through
   * this seq has been seen: the point to catch up from after a reconnection. `null` until
   * the room's first join answer.
   */
  syncedThrough: number | null
  /** Seqs beyond `syncedThrough` seen as changes, ascending: they count once the gap before them is filled. */
  changesAhead: number[]
  outbox: OutgoingMessage[]
  changes: PendingChange[]
  notes: Note[]
  /**
   * Held messages may be two runs: an older window (opened to show a message far back) and
   * the run up to the newest. The seqs strictly between `after` (the window's newest) and
   * `before` (the newer run's oldest) are not held. `null`: one unbroken run.
   */
  gap: Gap | null
  loadingOlder: boolean
  /** Why older messages could not be loaded, in words. */
  olderError: string | null
}

/** The seqs between a timeline's two runs of held messages, neither end included. */
export interface Gap {
  after: number
  before: number
}

export function emptyTimeline(): RoomTimeline {
  return {
    messages: [],
    syncedThrough: null,
    changesAhead: [],
    outbox: [],
    changes: [],
    notes: [],
    gap: null,
    loadingOlder: false,
    olderError: null,
  }
}

export function oldestSeq(timeline: RoomTimeline): number | null {
  return timeline.messages[0]?.seq ?? null
}

function newestSeq(timeline: RoomTimeline): number | null {
  return timeline.messages.at(-1)?.seq ?? null
}

/** Older messages exist on the server that this timeline does not hold (a room's log starts with a message). */
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

/** Where the message with `seq` is held, or where it would go (binary search). */
function placeOf(messages: readonly ChatMessage[], seq: number): number {
  let low = 0
  let high = messages.length
  while (low < high) {
    const middle = (low + high) >>> 1
    if ((messages[middle]?.seq ?? 0) < seq) low = middle + 1
    else high = middle
  }
  return low
}

/** The message held at `seq`, if any. */
export function messageAt(timeline: RoomTimeline, seq: number): ChatMessage | undefined {
  const message = timeline.messages[placeOf(timeline.messages, seq)]
  return message?.seq === seq ? message : undefined
}

/** How new a copy of a message is: the latest change it shows, or its own seq if it never changed. */
function revisionOf(message: ChatMessage): number {
  return message.rev ?? message.seq
}

/** Moves `syncedThrough` past every seq seen next to it, messages and changes alike. */
export function advance(timeline: RoomTimeline): RoomTimeline {
  const { messages, syncedThrough, changesAhead } = timeline
  if (syncedThrough === null) return timeline
  let through = syncedThrough
  let next = placeOf(messages, through + 1)
  let change = 0
  for (;;) {
    while ((changesAhead[change] ?? Number.POSITIVE_INFINITY) <= through) change++
    if (messages[next]?.seq === through + 1) next++
    else if (changesAhead[change] === through + 1) change++
    else break
    through += 1
  }
  if (through === syncedThrough && (changesAhead[0] ?? Number.POSITIVE_INFINITY) > through) return timeline
  return { ...timeline, syncedThrough: through, changesAhead: changesAhead.filter((seq) => seq > through) }
}

export interface MergeResult {
  timeline: RoomTimeline
  /** The messages that were not held before, by seq. */
  added: ChatMessage[]
}

/**
 * Adds stored messages in any order: held once by seq, kept ordered by seq; a copy newer
 * than the one held (by `rev ?? seq`) replaces it. Our own unconfirmed messages with the
 * same `clientId` are confirmed by them.
 */
export function mergeMessages(timeline: RoomTimeline, incoming: readonly ChatMessage[]): MergeResult {
  const fresh = new Map<number, ChatMessage>()
  let messages = timeline.messages
  for (const message of incoming) {
    const at = placeOf(messages, message.seq)
    const held = messages[at]
    if (held?.seq === message.seq) {
      if (revisionOf(message) <= revisionOf(held)) continue
      if (messages === timeline.messages) messages = [...messages]
      messages[at] = message
      continue
    }
    const earlier = fresh.get(message.seq)
    if (!earlier || revisionOf(message) > revisionOf(earlier)) fresh.set(message.seq, message)
  }
  if (fresh.size === 0 && messages === timeline.messages) return { timeline, added: [] }
  const added = [...fresh.values()].sort((a, b) => a.seq - b.seq)
  messages = mergeSorted(messages, added)
  const confirmed = new Set(added.flatMap((message) => (message.clientId ? [message.clientId] : [])))
  const outbox = confirmed.size ? timeline.outbox.filter((item) => !confirmed.has(item.clientId)) : timeline.outbox
  return { timeline: advance({ ...timeline, messages, outbox }), added }
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

/**
 * Our held replies to messages we do not hold quote them as they stood when the reply was
 * read: a change to one of those messages brings its quote up to date.
 */
function requote(timeline: RoomTimeline, changed: readonly ChatMessage[]): RoomTimeline {
  if (changed.length === 0) return timeline
  const latest = new Map<number, ChatMessage>()
  for (const message of changed) {
    const earlier = latest.get(message.seq)
    if (!earlier || revisionOf(message) > revisionOf(earlier)) latest.set(message.seq, message)
  }
  let messages = timeline.messages
  messages.forEach((message, index) => {
    const target = message.replyTo && latest.get(message.replyTo.seq)
    if (!target || !message.replyTo) return
    const quote = quoteOf(target)
    const { excerpt, deleted } = message.replyTo
    if (quote.excerpt === excerpt && (quote.deleted ?? false) === (deleted ?? false)) return
    if (messages === timeline.messages) messages = [...messages]
    messages[index] = { ...message, replyTo: quote }
  })
  return messages === timeline.messages ? timeline : { ...timeline, messages }
}

/** What a change entry of the log brings: its own seq, the message as it now stands, and whose change it was. */
type ChangeEntry = Pick<MessageChange, 'seq' | 'message' | 'clientId'>

/**
 * Takes changes from the log (pushed live or from a catch-up page), in any order and any
 * number of times: each change's seq counts as seen, its message replaces the copy held if
 * it is newer (a message not held is not added: its place is not known to be contiguous,
 * but held replies quoting it are brought up to date), and our own change with its
 * clientId is confirmed.
 */
export function applyChanges(timeline: RoomTimeline, entries: readonly ChangeEntry[]): RoomTimeline {
  if (entries.length === 0) return timeline
  const through = timeline.syncedThrough ?? 0
  const seen = entries.map((entry) => entry.seq).filter((seq) => seq > through && !timeline.changesAhead.includes(seq))
  const changesAhead = seen.length
    ? [...new Set([...timeline.changesAhead, ...seen])].sort((a, b) => a - b)
    : timeline.changesAhead
  const held = entries.flatMap((entry) => (messageAt(timeline, entry.message.seq) ? [entry.message] : []))
  const unheld = entries.filter((entry) => !messageAt(timeline, entry.message.seq)).map((entry) => entry.message)
  const merged = mergeMessages(requote(timeline, unheld), held).timeline
  const confirmed = new Set(entries.flatMap((entry) => (entry.clientId ? [entry.clientId] : [])))
  const changes = withoutChanges(merged.changes, confirmed)
  if (merged === timeline && changesAhead === timeline.changesAhead && changes === timeline.changes) return timeline
  return advance({ ...merged, changesAhead, changes })
}

/** What to do after a join answer: nothing more, or fetch `history {after}` from a seq. */
interface JoinOutcome extends MergeResult {
  catchUpAfter: number | null
  /** The server no longer has what we held (it lost its storage): the timeline was replaced. */
  reset: boolean
}

type JoinAnswer = Pick<JoinResponse, 'lastSeq' | 'messages'>

/**
 * The newest message held through `syncedThrough`: a catch-up checks that the server
 * still holds it at its seq before taking what follows.
 */
export function anchorOf(timeline: RoomTimeline): ChatMessage | undefined {
  if (timeline.syncedThrough === null) return undefined
  return timeline.messages[placeOf(timeline.messages, timeline.syncedThrough + 1) - 1]
}

/**
 * Whether the answer's log is another than the one held: the newest message held through
 * `syncedThrough`, if the answer's window (every message from its first seq on) reaches it,
 * is another message there or none. The server lost its last entries (a power loss) and
 * stored new ones under their seqs.
 */
function rewritten(timeline: RoomTimeline, answer: JoinAnswer): boolean {
  const first = answer.messages[0]?.seq
  const held = anchorOf(timeline)
  if (first === undefined || !held || held.seq < first) return false
  const theirs = answer.messages[placeOf(answer.messages, held.seq)]
  return theirs?.seq !== held.seq || theirs.messageId !== held.messageId
}

/**
 * Takes a join answer. The first join of a room takes its messages as the timeline; a
 * rejoin merges them and says where to catch up from: from `syncedThrough` whenever it is
 * short of the answer's `lastSeq`. A server whose log no longer holds what this tab
 * does (shorter than it, or other messages where this tab's are) replaces the timeline. The answer's messages carry `syncedThrough` forward only
 * over seqs that are messages, so a change made meanwhile, to a message old or new, is
 * always fetched by the catch-up.
 */
export function applyJoin(timeline: RoomTimeline, answer: JoinAnswer): JoinOutcome {
  if (timeline.syncedThrough === null) {
    // Pushes that came before the answer are kept; anything older than its window is not trusted to be contiguous.
    const windowStart = answer.messages[0]?.seq ?? answer.lastSeq + 1
    const early = timeline.messages.filter((message) => message.seq >= windowStart)
    const merged = mergeMessages({ ...timeline, messages: early }, answer.messages).timeline
    const changesAhead = merged.changesAhead.filter((seq) => seq > answer.lastSeq)
    const synced = advance({ ...merged, syncedThrough: answer.lastSeq, changesAhead })
    return { timeline: synced, added: [], catchUpAfter: null, reset: false }
  }
  if (answer.lastSeq < timeline.syncedThrough || rewritten(timeline, answer)) {
    return { ...resetTimeline(timeline, answer), catchUpAfter: null }
  }
  const merged = mergeMessages(timeline, answer.messages)
  const through = merged.timeline.syncedThrough ?? answer.lastSeq
  return { ...merged, catchUpAfter: through < answer.lastSeq ? through : null, reset: false }
}

/** Drops what this tab held and takes the join answer as the truth; our unconfirmed messages stay. */
export function resetTimeline(timeline: RoomTimeline, answer: JoinAnswer): MergeResult & { reset: true } {
  const base: RoomTimeline = {
    ...timeline,
    messages: [],
    notes: [],
    changesAhead: [],
    gap: null,
    syncedThrough: answer.lastSeq,
    olderError: null,
  }
  return { ...mergeMessages(base, answer.messages), added: [], reset: true }
}

/** Adds a note after the newest message held (and after the notes before it). */
export function addNote(timeline: RoomTimeline, note: Omit<Note, 'afterSeq'>): RoomTimeline {
  const afterSeq = Math.max(newestSeq(timeline) ?? 0, timeline.notes.at(-1)?.afterSeq ?? 0)
  return { ...timeline, notes: [...timeline.notes, { ...note, afterSeq }] }
}
