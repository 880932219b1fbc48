import { expect, test } from 'bun:test'
import * as events from '@parley/events'
import * as limits from './limits.ts'

test('the copied limits agree with @parley/events', () => {
  expect(limits.DEFAULT_ROOM).toBe(events.DEFAULT_ROOM)
  expect(limits.MESSAGE_MAX_LENGTH).toBe(events.MESSAGE_MAX_LENGTH)
  expect(limits.HISTORY_PAGE_SIZE).toBe(events.HISTORY_PAGE_SIZE)
  expect(limits.HISTORY_MAX_PAGE).toBe(events.HISTORY_MAX_PAGE)
})
