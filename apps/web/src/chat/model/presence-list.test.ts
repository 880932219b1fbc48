import { expect, test } from 'bun:test'
import { sortedPeople, withoutPerson, withPerson } from './presence-list.ts'

/** Letters first, then case and accents, then code points: one place per name. */
const sidebarOrder = (names: Iterable<string>) =>
  [...new Set(names)].sort(
    (a, b) =>
      a.localeCompare(b, undefined, { sensitivity: 'base' }) || a.localeCompare(b) || (a < b ? -1 : a > b ? 1 : 0),
  )

test('a full list is sorted as the sidebar lists people, each name once, whatever order it came in', () => {
  expect(sortedPeople(['BOB', 'bob', 'Bob'])).toEqual(sortedPeople(['bob', 'Bob', 'BOB']))
  expect(sortedPeople(['zoë', 'Bob', 'alice', 'bob', 'Émile', 'alice'])).toEqual(
    sidebarOrder(['zoë', 'Bob', 'alice', 'bob', 'Émile']),
  )
})

test('joins and leaves in any order keep the list in that order, and a repeat changes nothing', () => {
  const pool = ['Zoë', 'zed', 'Émile', 'emma', 'Ärger', 'arno', '李', 'Bob', 'bob', 'BOB', 'x10', 'x9']
  let people: string[] = []
  const present = new Set<string>()
  let state = 11
  for (let step = 0; step < 1_000; step++) {
    state = (state * 1_103_515_245 + 12_345) % 2 ** 31
    const name = pool[state % pool.length] as string
    if (present.has(name)) {
      people = withoutPerson(people, name)
      present.delete(name)
    } else {
      people = withPerson(people, name)
      present.add(name)
    }
    expect(people).toEqual(sidebarOrder(present))
  }
})

test('a join of someone listed, or a leave of someone not, hands back the same list', () => {
  const people = sortedPeople(['alice', 'bob'])
  expect(withPerson(people, 'bob')).toBe(people)
  expect(withoutPerson(people, 'Bob')).toBe(people)
  expect(withoutPerson(people, 'carol')).toBe(people)
})
