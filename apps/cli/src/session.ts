import type { ChatEvents, ChatMessage, JoinResponse } from '@parley/events'
import { foldRoomName, HISTORY_MAX_PAGE } from '@parley/events/rules'
import type { WsxClient } from '@parley/wsx/client'
import { WsxError } from '@parley/wsx/shared'
import { entriesAfter, type LogEntry, partedAt } from './catch-up.ts'
import { changeLine, messageLine, reasonOf, type TimeFormat } from './lines.ts'
import { RoomLog } from './room-log.ts'

/** Where the terminal writes: ordinary lines, and problems (the seed writes those to stderr). */
export interface Output {
  line(text: string): void
  problem(text: string): void
}

/** How often one request is tried again after its connection dropped before the answer. */
const RETRIES_AFTER_DROP = 3

/**
 * One terminal's membership of one room over a reconnecting client: it joins on every
 * open (with the session token after the first, so the name and the right to edit its
 * messages stay with this terminal), prints what it missed while away, prints pushes
 * once each, and runs requests only while joined, again after a reconnect if the
 * connection dropped before their answer (with the same client id, so they count once).
 */
export class RoomSession {
  readonly log = new RoomLog()
  #room: string
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
  ) {
    this.#room = foldRoomName(room)
    client.on('message', (message) => this.#push({ kind: 'message', seq: message.seq, message }))
    client.on('messageChanged', (change) => this.#push({ kind: 'change', seq: change.seq, change }))
    client.on('userJoined', (data) => out.line(`>>> ${data.username} joined the room`))
    client.on('userLeft', (data) => out.line(`<<< ${data.username} left the room`))
    client.onStatus((status) => {
      if (status !== 'open') this.#joined = false
    })
  }

  /** The room's name as the server keeps it (once joined). */
  get room(): string {
    return this.#room
  }

  /**
   * Joins (or joins again, after a reconnect): the first time prints the welcome and
   * who is here, as the seed does; later times print what was missed.
   */
  async join(): Promise<JoinResponse> {
    const rejoin = this.#token !== undefined
    const answer = await this.client.request('join', {
      username: this.username,
      room: this.#room,
      ...(this.#token ? { token: this.#token } : {}),
    })
    this.#token = answer.token
    this.#room = answer.room
    const partsAt = rejoin ? this.log.partsAt(answer) : undefined
    if (partsAt !== undefined) this.#lost(partsAt)
    // What this terminal held before the answer: the catch-up checks the server still has it.
    const mine = this.log.messagesThrough()
    for (const message of answer.messages) this.log.hold(message)
    if (!rejoin) {
      this.out.line(answer.message)
      this.out.line(`Users in room: ${answer.users.join(', ')}`)
      this.log.heldThrough(answer.lastSeq)
    } else if (this.log.held < answer.lastSeq) {
      await this.#catchUp(mine)
    }
    if (this.#operatorToken !== undefined) await this.#presentOperatorToken(this.#operatorToken)
    this.#joined = true
    for (const push of this.#pending.splice(0)) this.#show(push)
    for (const wake of this.#waiting.splice(0)) wake()
    return answer
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
    const room = push.kind === 'message' ? push.message.room : push.change.room
    if (room !== this.#room) return
    if (this.#joined) this.#show(push)
    else this.#pending.push(push)
  }

  /** Prints a log entry the first time it is seen, and takes it into the log. */
  #show(push: LogEntry): void {
    if (push.kind === 'message') {
      if (this.log.addMessage(push.message)) this.out.line(messageLine(push.message, this.time, this.origin))
    } else if (this.log.applyChange(push.change)) {
      this.out.line(changeLine(push.change, this.time))
    }
  }
}
