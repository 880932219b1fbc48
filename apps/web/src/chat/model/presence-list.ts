// A room's people as the sidebar lists them: sorted once when a full list arrives, then kept
// sorted as people join and leave, so a room of thousands costs a binary search per change
// rather than a sort of everyone on every push.

const byLetters = new Intl.Collator(undefined, { sensitivity: 'base' }).compare
const byCaseAndAccents = new Intl.Collator().compare

/**
 * The sidebar's order: by letters first ("alice" and "Alice" sit together), then by case and
 * accents, then by code point, so every name has one place whatever order people came in.
 */
export function comparePeople(a: string, b: string): number {
  return byLetters(a, b) || byCaseAndAccents(a, b) || (a < b ? -1 : a > b ? 1 : 0)
}

/** A full list (a join answer, a presence answer) in the sidebar's order, each name once. */
export function sortedPeople(users: readonly string[]): string[] {
  return [...new Set(users)].sort(comparePeople)
}

/** The first place in `people` whose name does not sort before `name`. */
function placeOf(people: readonly string[], name: string): number {
  let low = 0
  let high = people.length
  while (low < high) {
    const middle = (low + high) >>> 1
    if (comparePeople(people[middle] as string, name) < 0) low = middle + 1
    else high = middle
  }
  return low
}

/** `people` with `name` in its place; the same array when the name is there already. */
export function withPerson(people: string[], name: string): string[] {
  const at = placeOf(people, name)
  if (people[at] === name) return people
  return [...people.slice(0, at), name, ...people.slice(at)]
}

/** `people` without `name`; the same array when the name was not there. */
export function withoutPerson(people: string[], name: string): string[] {
  const at = placeOf(people, name)
  return people[at] === name ? [...people.slice(0, at), ...people.slice(at + 1)] : people
}
