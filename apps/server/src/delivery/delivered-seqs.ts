/**
 * Which messages of each room this instance has delivered to its members, so that a
 * catch-up after a fan-out outage sends exactly the ones that were missed, and a
 * message never reaches a member twice.
 */
export class DeliveredSeqs {
  /** The room's last seq when this instance began to listen: older ones are the joiners' history. */
  readonly #floor = new Map<string, number>()
  /** Every seq from the floor up to this one was delivered. */
  readonly #through = new Map<string, number>()
  /** Delivered seqs past a gap (or before the floor was known). */
  readonly #ahead = new Map<string, Set<number>>()

  /** Starts counting a room from `floor`, its last seq when this instance began to listen. */
  start(room: string, floor: number): void {
    if (this.#floor.has(room)) return
    this.#floor.set(room, floor)
    this.#through.set(room, floor)
    this.#advance(room)
  }

  delivered(room: string, seq: number): void {
    const through = this.#through.get(room)
    if (through !== undefined && seq <= through) return
    const ahead = this.#ahead.get(room) ?? new Set<number>()
    ahead.add(seq)
    this.#ahead.set(room, ahead)
    this.#advance(room)
  }

  /** Whether this very message was delivered here (messages older than the floor count as not). */
  has(room: string, seq: number): boolean {
    const floor = this.#floor.get(room)
    const through = this.#through.get(room)
    const inRun = floor !== undefined && through !== undefined && seq > floor && seq <= through
    return inRun || (this.#ahead.get(room)?.has(seq) ?? false)
  }

  /** Where a catch-up of `room` starts; undefined until counting started. */
  through(room: string): number | undefined {
    return this.#through.get(room)
  }

  forget(room: string): void {
    this.#floor.delete(room)
    this.#through.delete(room)
    this.#ahead.delete(room)
  }

  #advance(room: string): void {
    const ahead = this.#ahead.get(room)
    let through = this.#through.get(room)
    if (!ahead || through === undefined) return
    for (const seq of ahead) if (seq <= through) ahead.delete(seq)
    while (ahead.delete(through + 1)) through += 1
    this.#through.set(room, through)
    if (ahead.size === 0) this.#ahead.delete(room)
  }
}
