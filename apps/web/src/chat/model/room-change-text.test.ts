import { expect, test } from 'bun:test'
import { describeSeconds } from './room-change-text.ts'

test('slow mode reads in seconds, minutes or hours, whichever is whole', () => {
  expect(describeSeconds(30)).toBe('30 s')
  expect(describeSeconds(90)).toBe('90 s')
  expect(describeSeconds(300)).toBe('5 min')
  expect(describeSeconds(5400)).toBe('90 min')
  expect(describeSeconds(3600)).toBe('1 h')
})
