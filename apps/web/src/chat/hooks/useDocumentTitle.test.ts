import { expect, test } from 'bun:test'
import { titleFor } from './useDocumentTitle.ts'

test('the title counts unread messages first', () => {
  expect(titleFor(0)).toBe('Parley')
  expect(titleFor(3)).toBe('(3) Parley')
  expect(titleFor(12_000)).toBe('(999+) Parley')
})
