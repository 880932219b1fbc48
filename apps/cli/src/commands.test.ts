import { describe, expect, test } from 'bun:test'
import { parseCommand } from './commands.ts'

describe('parseCommand', () => {
  test('a line not starting with / is a message, as the seed sends it', () => {
    expect(parseCommand('hello there')).toEqual({ kind: 'say', text: 'hello there' })
    expect(parseCommand('see #12 /edit')).toEqual({ kind: 'say', text: 'see #12 /edit' })
  })

  test('// at the start sends a line starting with a literal /', () => {
    expect(parseCommand('//edit is a command')).toEqual({ kind: 'say', text: '/edit is a command' })
    expect(parseCommand('//')).toEqual({ kind: 'say', text: '/' })
  })

  test('/edit takes the last message or one named by #N', () => {
    expect(parseCommand('/edit fixed text')).toEqual({ kind: 'edit', text: 'fixed text' })
    expect(parseCommand('/edit #12 fixed  text')).toEqual({ kind: 'edit', seq: 12, text: 'fixed  text' })
    expect(parseCommand('/EDIT #3 x')).toEqual({ kind: 'edit', seq: 3, text: 'x' })
  })

  test('/edit needs new text', () => {
    expect(parseCommand('/edit')).toMatchObject({ kind: 'unknown', problem: expect.stringContaining('/edit') })
    expect(parseCommand('/edit #12')).toMatchObject({ kind: 'unknown' })
  })

  test('a number without # is text, not a seq', () => {
    expect(parseCommand('/edit 42 is the answer')).toEqual({ kind: 'edit', text: '42 is the answer' })
    expect(parseCommand('/delete 12')).toMatchObject({ kind: 'unknown', problem: expect.stringContaining('#N') })
  })

  test('/delete takes the last message or #N, nothing else', () => {
    expect(parseCommand('/delete')).toEqual({ kind: 'delete' })
    expect(parseCommand('/delete #7')).toEqual({ kind: 'delete', seq: 7 })
    expect(parseCommand('/delete #7 now')).toMatchObject({ kind: 'unknown' })
  })

  test('/reply needs #N and text', () => {
    expect(parseCommand('/reply #4 yes, agreed')).toEqual({ kind: 'reply', seq: 4, text: 'yes, agreed' })
    expect(parseCommand('/reply yes')).toMatchObject({ kind: 'unknown', problem: expect.stringContaining('/reply') })
    expect(parseCommand('/reply #4')).toMatchObject({ kind: 'unknown' })
  })

  test('/react needs #N and exactly one emoji', () => {
    expect(parseCommand('/react #12 👍')).toEqual({ kind: 'react', seq: 12, emoji: '👍' })
    expect(parseCommand('/react #12 👩‍👩‍👧')).toEqual({ kind: 'react', seq: 12, emoji: '👩‍👩‍👧' })
    expect(parseCommand('/react #12 👍👍')).toMatchObject({
      kind: 'unknown',
      problem: expect.stringContaining('emoji'),
    })
    expect(parseCommand('/react #12 ok')).toMatchObject({ kind: 'unknown', problem: expect.stringContaining('emoji') })
    expect(parseCommand('/react 👍')).toMatchObject({ kind: 'unknown' })
  })

  test('/operator takes one token', () => {
    expect(parseCommand('/operator operator-token-0123456789')).toEqual({
      kind: 'operator',
      token: 'operator-token-0123456789',
    })
    expect(parseCommand('/operator')).toMatchObject({ kind: 'unknown', problem: 'Usage: /operator <token>' })
    expect(parseCommand('/operator two words')).toMatchObject({ kind: 'unknown', problem: 'Usage: /operator <token>' })
  })

  test('/continue takes nothing', () => {
    expect(parseCommand('/continue')).toEqual({ kind: 'continue' })
    expect(parseCommand('/continue now')).toMatchObject({ kind: 'unknown', problem: 'Usage: /continue' })
  })

  test('#0 and absurd numbers are not seqs', () => {
    expect(parseCommand('/delete #0')).toMatchObject({ kind: 'unknown' })
    expect(parseCommand('/reply #99999999999999999999 hi')).toMatchObject({ kind: 'unknown' })
  })

  test('/help, and an unknown command says how to send it as text', () => {
    expect(parseCommand('/help')).toEqual({ kind: 'help' })
    expect(parseCommand('/shrug')).toMatchObject({ kind: 'unknown', problem: expect.stringContaining('//') })
  })
})
