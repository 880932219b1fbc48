import type { ChatMessage, MessageChange } from '@parley/events'

/** How many messages the terminal keeps, to know reactions and its own messages; older ones are forgotten. */
const KEEP_MESSAGES = 500

/** Which of two copies of one message is newer: the one reflecting the later change. */
const revOf = (message: ChatMessage) => message.rev ?? message.seq

/**
 * What the terminal knows of its room's log: the messages it holds (each as it last
 * stood), the seqs of the messages this terminal sent, and `held`, the seq up to which
 * every entry of the log has been seen (so a rejoin knows where to catch up from).
 */
export class RoomLog {
  #messages = new Map<number, ChatMessage>()
  #sent: number[] = []
  #held = 0

  /** The highest seq through which every message and change has been seen. */
  get held(): number {
    return this.#held
  }

  /** Everything up to `seq` has been seen (the join answer's `lastSeq`, say). */
  heldThrough(seq: number): void {
    if (seq > this.#held) this.#held = seq
  }

  /**
   * Where the server's log, as a join answer shows it, parts from what this terminal saw, if
   * it does: it ends before `held`, or its window of latest messages (every message from its
   * first seq on) has another message, or none, where the newest one held is. Then the seq
   * up to which both agree; `undefined` when nothing says they differ.
   */
  partsAt(answer: { lastSeq: number; messages: readonly ChatMessage[] }): number | undefined {
    const theirs = new Map(answer.messages.map((message) => [message.seq, message.messageId]))
    const first = answer.messages[0]?.seq ?? Number.POSITIVE_INFINITY
    const mine = [...this.#messages.values()].filter((m) => m.seq <= this.#held && m.seq >= first)
    const newest = mine.reduce<ChatMessage | undefined>((a, m) => (a && a.seq > m.seq ? a : m), undefined)
    if (answer.lastSeq >= this.#held && (!newest || theirs.get(newest.seq) === newest.messageId)) return undefined
    // The newest message both hold: everything up to it is the log both saw.
    const agreed = mine.filter((m) => theirs.get(m.seq) === m.messageId).map((m) => m.seq)
    const through = agreed.length > 0 ? Math.max(...agreed) : Math.min(first - 1, answer.lastSeq)
    return Math.min(through, answer.lastSeq)
  }

  /**
   * The server's log parts from what this terminal saw after `seq` (it lost the entries after
   * it, say in a power loss): forgets them, so that the new entries that take their seqs are shown.
   */
  rewind(seq: number): void {
    for (const held of this.#messages.keys()) if (held > seq) this.#messages.delete(held)
    this.#sent = this.#sent.filter((sent) => sent <= seq)
    this.#held = seq
  }

  /** Keeps `message` unless a copy at least as new is held; says whether it was kept. */
  hold(message: ChatMessage): boolean {
    const current = this.#messages.get(message.seq)
    if (current && revOf(current) >= revOf(message)) return false
    this.#messages.set(message.seq, message)
    if (this.#messages.size > KEEP_MESSAGES) this.#forgetOldest()
    return true
  }

  /** A new message: held, and its seq seen. Says whether it is new here (not seen before). */
  addMessage(message: ChatMessage): boolean {
    const fresh = message.seq > this.#held
    this.hold(message)
    this.heldThrough(message.seq)
    return fresh
  }

  /**
   * A change: the message it carries replaces the held copy if newer (a message not
   * held is not taken up), and the change's seq is seen. Says whether it is new here.
   */
  applyChange(change: MessageChange): boolean {
    const fresh = change.seq > this.#held
    if (this.#messages.has(change.message.seq)) this.hold(change.message)
    this.heldThrough(change.seq)
    return fresh
  }

  /** A change to the room itself (topic, rules, moderation): its seq is seen. Says whether it is new here. */
  applyRoomChange(change: { seq: number }): boolean {
    const fresh = change.seq > this.#held
    this.heldThrough(change.seq)
    return fresh
  }

  /** The messages held up to `held`, by ascending seq. */
  messagesThrough(): ChatMessage[] {
    return [...this.#messages.values()].filter((m) => m.seq <= this.#held).sort((a, b) => a.seq - b.seq)
  }

  /** The held copy of message `seq`, if any. */
  message(seq: number): ChatMessage | undefined {
    return this.#messages.get(seq)
  }

  /** This terminal sent message `seq`. */
  sent(seq: number): void {
    if (!this.#sent.includes(seq)) this.#sent.push(seq)
  }

  /** The latest message this terminal sent that is not deleted, as far as it knows. */
  lastSent(): number | undefined {
    for (let i = this.#sent.length - 1; i >= 0; i--) {
      const seq = this.#sent[i]
      if (seq !== undefined && !this.#messages.get(seq)?.deleted) return seq
    }
    return undefined
  }

  #forgetOldest(): void {
    const oldest = Math.min(...this.#messages.keys())
    this.#messages.delete(oldest)
  }
}
