import { expect, test } from 'bun:test'
import { type ChatAction, type ChatState, chatReducer, initialChatState, NOTED_PRESENCE_UP_TO } from './state.ts'

const run = (state: ChatState, ...actions: ChatAction[]) => actions.reduce(chatReducer, state)

const joinedRoom: ChatAction = {
  type: 'joined',
  username: 'me',
  answer: { room: 'crowd', users: ['me'], lastSeq: 0, messages: [] },
  select: true,
}

const notes = (state: ChatState) => state.timelines.crowd?.notes.length

test('joins and leaves are noted while the room is small, and past that only the list follows them', () => {
  const names = Array.from({ length: NOTED_PRESENCE_UP_TO + 20 }, (_, i) => `p${String(i).padStart(3, '0')}`)
  let state = run(initialChatState(null), joinedRoom)
  for (const username of names.toReversed()) state = run(state, { type: 'userJoined', room: 'crowd', username })
  expect(state.presence.crowd).toEqual(['me', ...names])
  expect(notes(state)).toBe(NOTED_PRESENCE_UP_TO - 1)

  state = run(state, { type: 'userLeft', room: 'crowd', username: 'p000' })
  expect(state.presence.crowd?.[1]).toBe('p001')
  expect(notes(state)).toBe(NOTED_PRESENCE_UP_TO - 1)
})
