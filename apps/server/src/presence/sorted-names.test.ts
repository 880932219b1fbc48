import { expect, test } from 'bun:test'
import { compareNames, SortedNames } from './sorted-names.ts'

/** A small seeded generator, so a failure repeats. */
function seeded(seed: number) {
  let state = seed
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2 ** 31
    return state / 2 ** 31
  }
}

test('names come and go in any order and stay in the order a sort with localeCompare gives', () => {
  const random = seeded(7)
  const pool = [
    'Émile',
    'emile',
    'Zoë',
    'zoe',
    'alice',
    'Alice',
    'bob',
    'Bob-2',
    'bob_1',
    '李',
    'ärger',
    'arthur',
    'x9',
    'X10',
  ]
  const names = new SortedNames()
  const present = new Set<string>()
  for (let step = 0; step < 2_000; step++) {
    const name = pool[Math.floor(random() * pool.length)] as string
    if (present.has(name)) {
      expect(names.delete(name)).toBe(true)
      present.delete(name)
    } else {
      names.add(name)
      present.add(name)
    }
    expect(names.list()).toEqual([...present].sort((a, b) => a.localeCompare(b)))
  }
  expect(names.size).toBe(present.size)
})

test('removing a name that is not there changes nothing, even beside one the collator finds equal', () => {
  const names = new SortedNames()
  names.add('e\u0301mile')
  expect(compareNames('e\u0301mile', '\u00e9mile')).toBe(0)
  expect(names.delete('\u00e9mile')).toBe(false)
  expect(names.list()).toEqual(['e\u0301mile'])
  expect(names.delete('e\u0301mile')).toBe(true)
  expect(names.list()).toEqual([])
})

test('the list handed out is a copy: changing it leaves the names alone', () => {
  const names = new SortedNames()
  names.add('bob')
  names.add('alice')
  const list = names.list()
  list.push('mallory')
  expect(names.list()).toEqual(['alice', 'bob'])
})
