import { describe, expect, test } from 'bun:test'
import { completeMention, mentionAt, mentionQuery, mentionSuggestions, mentionsUser } from './mentions.ts'

describe('mentions', () => {
  test('count @name in any case, as a whole name only', () => {
    expect(mentionsUser('hi @alice', 'alice')).toBe(true)
    expect(mentionsUser('@ALICE: look', 'alice')).toBe(true)
    expect(mentionsUser('(@alice)', 'Alice')).toBe(true)
    expect(mentionsUser('hi @alicea', 'alice')).toBe(false)
    expect(mentionsUser('mail alice@alice.example', 'alice')).toBe(false)
    expect(mentionsUser('hi alice', 'alice')).toBe(false)
    expect(mentionsUser('hi @alice', null)).toBe(false)
    expect(mentionsUser('@ada lovelace, hello', 'Ada Lovelace')).toBe(true)
  })

  test('find the longest known name after an @', () => {
    const names = ['ann', 'ann lee', 'bob']
    expect(mentionAt('@ann lee says', 0, names)).toBe('ann lee')
    expect(mentionAt('@Ann!', 0, names)).toBe('Ann')
    expect(mentionAt('@annie', 0, names)).toBeNull()
    expect(mentionAt('x@bob', 1, names)).toBeNull()
  })

  test('the @word being typed at the caret', () => {
    expect(mentionQuery('hi @al', 6)).toEqual({ start: 3, query: 'al' })
    expect(mentionQuery('@', 1)).toEqual({ start: 0, query: '' })
    expect(mentionQuery('mail a@b', 8)).toBeNull()
    expect(mentionQuery('@al ok', 6)).toBeNull()
    expect(mentionQuery('hi @al and more', 6)).toEqual({ start: 3, query: 'al' })
  })

  test('suggest names starting with the query first, never me', () => {
    const people = ['bob', 'Alice', 'alina', 'me', 'carl', 'Malia']
    expect(mentionSuggestions(people, 'al', 'me')).toEqual(['Alice', 'alina', 'Malia'])
    expect(mentionSuggestions(people, '', 'me', 2)).toEqual(['Alice', 'alina'])
    expect(mentionSuggestions(people, 'zz', 'me')).toEqual([])
  })

  test('completing replaces the typed @word and puts the caret after a space', () => {
    const text = 'hi @al, look'
    const query = mentionQuery(text, 6)
    if (!query) throw new Error('expected a query')
    expect(completeMention(text, query, 6, 'alice')).toEqual({ text: 'hi @alice , look', caret: 10 })
    const end = mentionQuery('hey @b', 6)
    if (!end) throw new Error('expected a query')
    expect(completeMention('hey @b', end, 6, 'bob')).toEqual({ text: 'hey @bob ', caret: 9 })
  })
})
