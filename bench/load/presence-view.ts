// One member's view of who is in a room, kept as a client keeps it: the join answer's list,
// then `userJoined` and `userLeft` pushes. Lean enough for thousands of members in one load
// process: names are known in advance and each is one byte in a table.
import { type Frame, presencePush } from './wire.ts'

export class PresenceView {
  readonly #present: Uint8Array
  readonly #seat: (username: string) => number
  #count = 0
  #answered = false
  /** Names the view was told of that are not among the expected ones. */
  strays = 0
  /** When the view first held everyone (performance.now()), once it has. */
  completeAt: number | undefined

  /** `seat` maps a name to its index below `size`, or −1 for a name not expected. */
  constructor(size: number, seat: (username: string) => number) {
    this.#present = new Uint8Array(size)
    this.#seat = seat
  }

  /** The join answer's list (pushes that came before it are already in it). */
  answer(users: readonly string[]): void {
    for (const username of users) this.#set(username, true)
    this.#answered = true
    this.#check()
  }

  /** Applies a presence push; false for any other frame. */
  push(frame: Frame): boolean {
    const change = presencePush(frame)
    if (!change) return false
    this.#set(change.username, change.joined)
    this.#check()
    return true
  }

  /** Whether the view has its answer and holds exactly everyone expected. */
  get complete(): boolean {
    return this.#answered && this.#count === this.#present.length && this.strays === 0
  }

  get count(): number {
    return this.#count
  }

  #set(username: string, present: boolean): void {
    const seat = this.#seat(username)
    if (seat < 0 || seat >= this.#present.length) {
      if (present) this.strays++
      return
    }
    const was = this.#present[seat] === 1
    if (was === present) return
    this.#present[seat] = present ? 1 : 0
    this.#count += present ? 1 : -1
  }

  #check(): void {
    if (this.completeAt === undefined && this.complete) this.completeAt = performance.now()
  }
}
