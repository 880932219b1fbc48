/**
 * The rooms one connection has joined, oldest first: the last is where a room-less
 * message goes. An array, not a Set: a connection is in one room or a few (50 at most),
 * and a Set holding one room costs about 250 bytes of heap, an array about 60.
 */
export class JoinedRooms implements Iterable<string> {
  readonly #rooms: string[] = []

  get size(): number {
    return this.#rooms.length
  }

  has(room: string): boolean {
    return this.#rooms.includes(room)
  }

  /** Adds a room at the end, unless it is already here (where it stays). */
  add(room: string): void {
    if (!this.has(room)) this.#rooms.push(room)
  }

  /** Takes a room out; false when it was not here. */
  delete(room: string): boolean {
    const at = this.#rooms.indexOf(room)
    if (at < 0) return false
    this.#rooms.splice(at, 1)
    return true
  }

  [Symbol.iterator](): Iterator<string> {
    return this.#rooms[Symbol.iterator]()
  }
}
