/** The order names are listed in: the same as `a.localeCompare(b)`, with one collator made once. */
export const compareNames: (a: string, b: string) => number = new Intl.Collator().compare

/**
 * A room's names in order, kept sorted as they come and go: a join or leave costs a
 * binary search and one move of the array, not a sort of every name.
 */
export class SortedNames {
  readonly #names: string[] = []

  get size(): number {
    return this.#names.length
  }

  /** Adds a name not already listed. */
  add(name: string): void {
    this.#names.splice(this.#lowerBound(name), 0, name)
  }

  /** Removes a name; false when it was not listed. */
  delete(name: string): boolean {
    // Names the collator finds equal (other spellings of one word) sit side by side.
    for (let i = this.#lowerBound(name); i < this.#names.length; i++) {
      const here = this.#names[i] as string
      if (here === name) {
        this.#names.splice(i, 1)
        return true
      }
      if (compareNames(here, name) !== 0) break
    }
    return false
  }

  /** Every name, sorted, in a copy of the caller's own. */
  list(): string[] {
    return this.#names.slice()
  }

  /** The first index whose name does not sort before `name`. */
  #lowerBound(name: string): number {
    let low = 0
    let high = this.#names.length
    while (low < high) {
      const middle = (low + high) >>> 1
      if (compareNames(this.#names[middle] as string, name) < 0) low = middle + 1
      else high = middle
    }
    return low
  }
}
