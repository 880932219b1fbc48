import type { ChatEvents, ChatMessage, JoinRequest, JoinResponse, RoomSettings } from '@parley/events'
import { foldRoomName, HISTORY_MAX_PAGE, sameName } from '@parley/events/rules'
import type { WsxClient } from '@parley/wsx/client'
import { WsxError } from '@parley/wsx/shared'
import { entriesAfter, type LogEntry, partedAt } from './catch-up.ts'
import { changeLine, messageLine, reasonOf, type TimeFormat } from './lines.ts'
import { roomChangeLine, settingsLines } from './room-lines.ts'
import { RoomLog } from './room-log.ts'

/** Where the terminal writes: ordinary lines, and problems (the seed writes those to stderr). */
export interface Output {
  line(text: string): void
  problem(text: string): void
}

/** How a room is joined the first time: with a private room's invite, or creating it as private. */
export interface Entry {
  invite?: string
  private?: true
}

/** How often one request is tried again after its connection dropped before the answer. */
const RETRIES_AFTER_DROP = 3

/**
 * One terminal's membership of one room over a reconnecting client: it joins on every
 * open (with the session token after the first, so the name and the right to edit its
 * messages stay with this terminal), prints what it missed while away, prints pushes
 * once each, and runs requests only while joined, again after a reconnect if the
 * connection dropped before their answer (with the same client id, so they count once).
 * `moveTo` takes it to another room; being removed or banned leaves it outside its room,
 * where it stays (no rejoin on reconnect) until it is told to join again.
 */
export class RoomSession {
  #log = new RoomLog()
  #room: string
  #settings: RoomSettings | undefined
  /** How the next join of this room enters it; used once. */
  #entry: Entry
  /** Taken out of the room by a moderator: not rejoined until `moveTo`. */
  #outside = false
  /** The room `moveTo` is joining, and its pushes that came before the answer. */
  #arriving: { room: string; pushes: LogEntry[] } | undefined
  #token: string | undefined
  #joined = false
  #waiting: Array<() => void> = []
  #pending: LogEntry[] = []
  /** The operator's token, once accepted: each new connection presents it again. */
  #operatorToken: string | undefined

  constructor(
    readonly client: WsxClient<ChatEvents>,
    readonly username: string,
    room: string,
    readonly out: Output,
    readonly time: TimeFormat,
    /** The server's web address, for the links to files (`webOrigin` of the socket's). */
    readonly origin = '',
    entry: Entry = {},
  ) {
    this.#room = foldRoomName(room)
    this.#entry = entry
    client.on('message', (message) => this.#push({ kind: 'message', seq: message.seq, message }))
    client.on('messageChanged', (change) => this.#push({ kind: 'change', seq: change.seq, change }))
    client.on('roomChanged', (change) => this.#push({ kind: 'room', seq: change.seq, change }))
    client.on('userJoined', (data) => {
      if (data.room === this.#room) out.line(`>>> ${data.username} joined the room`)
    })
    client.on('userLeft', (data) => {
      if (data.room === this.#room) out.line(`<<< ${data.username} left the room`)
    })
    client.onStatus((status) => {
      if (status !== 'open') this.#joined = false
    })
  }

  /** The room's name as the server keeps it (once joined). */
  get room(): string {
    return this.#room
  }

  /** What the terminal knows of its room's log. */
  get log(): RoomLog {
    return this.#log
  }

  /** The room's topic, privacy, slow mode, owner and moderators as last heard (once joined). */
  get settings(): RoomSettings | undefined {
    return this.#settings
  }

  #joinRequest(room: string, entry: Entry): JoinRequest {
    return { username: this.username, room, ...(this.#token ? { token: this.#token } : {}), ...entry }
  }

  /**
   * Joins (or joins again, after a reconnect): the first time prints the welcome, who is
   * here and the room's topic and rules; later times print what was missed. Outside the
   * room (removed from it), it stays out, and requests go on to be answered (refused).
   */
  async join(): Promise<void> {
    // Before the join: the operator may join any room, private ones included.
    if (this.#operatorToken !== undefined) await this.#presentOperatorToken(this.#operatorToken)
    if (this.#outside) return this.#ready()
    const rejoin = this.#token !== undefined
    const answer = await this.client.request('join', this.#joinRequest(this.#room, this.#entry))
    // An invite admits this session for good; a room made private stays so.
    this.#entry = {}
    this.#token = answer.token
    this.#room = answer.room
    this.#settings = answer.settings
    const partsAt = rejoin ? this.log.partsAt(answer) : undefined
    if (partsAt !== undefined) this.#lost(partsAt)
    // What this terminal held before the answer: the catch-up checks the server still has it.
    const mine = this.log.messagesThrough()
    for (const message of answer.messages) this.log.hold(message)
    if (!rejoin) this.#welcome(answer)
    else if (this.log.held < answer.lastSeq) await this.#catchUp(mine)
    this.#ready()
  }

  /** Joined: prints the pushes that came meanwhile, and runs the requests that waited. */
  #ready(): void {
    this.#joined = true
    for (const push of this.#pending.splice(0)) this.#show(push, true)
    for (const wake of this.#waiting.splice(0)) wake()
  }

  /** A room entered afresh: the welcome and who is here, as the seed prints them, then its topic and rules. */
  #welcome(answer: JoinResponse): void {
    this.out.line(answer.message)
    this.out.line(`Users in room: ${answer.users.join(', ')}`)
    for (const line of settingsLines(answer.settings, this.username)) this.out.line(line)
    this.log.heldThrough(answer.lastSeq)
  }

  /**
   * Goes to `room` (with an invite, or creating it private), and leaves the room it was in;
   * throws the refusal, and then stays where it was.
   */
  async moveTo(room: string, entry: Entry = {}): Promise<void> {
    const arriving = { room: foldRoomName(room), pushes: [] as LogEntry[] }
    this.#arriving = arriving
    try {
      const answer = await this.whileJoined(() => this.client.request('join', this.#joinRequest(arriving.room, entry)))
      const was = this.#room
      this.#token = answer.token
      this.#room = answer.room
      this.#settings = answer.settings
      this.#log = new RoomLog()
      this.#outside = false
      this.#welcome(answer)
      // Arrived: from here on the room's pushes print as they come, also while leaving the last one.
      this.#arriving = undefined
      for (const push of arriving.pushes) if (roomOf(push) === answer.room) this.#show(push, true)
      if (was !== answer.room) await this.client.request('leave', { room: was }).catch(() => undefined)
    } finally {
      if (this.#arriving === arriving) this.#arriving = undefined
    }
  }

  /** Acts as the server's operator on this connection, and on every one after it; throws the refusal. */
  async becomeOperator(token: string): Promise<void> {
    await this.whileJoined(() => this.client.request('operator', { token }))
    this.#operatorToken = token
  }

  async #presentOperatorToken(token: string): Promise<void> {
    try {
      await this.client.request('operator', { token })
    } catch (error) {
      this.#operatorToken = undefined
      this.out.problem(`No longer the operator: ${reasonOf(error)}`)
    }
  }

  /**
   * Runs `call` once joined; if the connection drops before its answer, runs it again
   * after the next join, a few times at most.
   */
  async whileJoined<T>(call: () => Promise<T>): Promise<T> {
    for (let attempt = 0; ; attempt++) {
      if (!this.#joined) await new Promise<void>((wake) => this.#waiting.push(wake))
      try {
        return await call()
      } catch (error) {
        const dropped = error instanceof WsxError && error.code === 'closed' && this.client.status !== 'closed'
        if (!dropped || attempt >= RETRIES_AFTER_DROP) throw error
        this.#joined = false
      }
    }
  }

  /** The server no longer has the entries printed here after `seq`; new ones take their seqs. */
  #lost(seq: number): void {
    this.out.problem(
      `The server lost the messages after #${seq} (#${seq + 1} to #${this.log.held} above); new messages take their numbers`,
    )
    this.log.rewind(seq)
  }

  async #catchUp(mine: ChatMessage[]): Promise<void> {
    const pageAfter = (after: number) =>
      this.client.request('history', { room: this.#room, after, limit: HISTORY_MAX_PAGE })
    try {
      const parted = await partedAt(mine, pageAfter)
      if (parted !== undefined) this.#lost(parted)
      const missed = await entriesAfter(this.log.held, pageAfter)
      for (const entry of missed) this.#show(entry)
    } catch (error) {
      this.out.problem(`Could not catch up on what was missed: ${reasonOf(error)}`)
    }
  }

  #push(push: LogEntry): void {
    const room = roomOf(push)
    if (room === this.#arriving?.room) this.#arriving.pushes.push(push)
    else if (room !== this.#room) return
    else if (this.#joined) this.#show(push, true)
    else this.#pending.push(push)
  }

  /**
   * Prints a log entry the first time it is seen, and takes it into the log. A change to
   * the room brings its settings; one that takes this name out, pushed (`live`), leaves it outside.
   */
  #show(push: LogEntry, live = false): void {
    if (push.kind === 'message') {
      if (this.log.addMessage(push.message)) this.out.line(messageLine(push.message, this.time, this.origin))
    } else if (push.kind === 'change') {
      if (this.log.applyChange(push.change)) this.out.line(changeLine(push.change, this.time))
    } else if (this.log.applyRoomChange(push.change)) {
      const { change } = push
      this.#settings = change.settings
      this.out.line(roomChangeLine(change, this.username, this.time))
      const out = change.change === 'removed' || change.change === 'banned'
      if (live && out && change.target !== undefined && sameName(change.target, this.username)) this.#outside = true
    }
  }
}

/** The room a log entry belongs to. */
const roomOf = (entry: LogEntry) => (entry.kind === 'message' ? entry.message.room : entry.change.room)
