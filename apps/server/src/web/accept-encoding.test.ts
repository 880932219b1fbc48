import { expect, test } from 'bun:test'
import { type Coding, chooseCoding } from './accept-encoding.ts'

const BOTH = ['br', 'gzip'] as const

const ANSWERED: [string, Coding][] = [
  ['br, gzip', 'br'],
  ['gzip, deflate, br, zstd', 'br'],
  ['gzip', 'gzip'],
  ['x-gzip', 'gzip'],
  ['GZip, BR', 'br'],
  ['gzip;q=1, br;q=0.5', 'gzip'],
  ['br;q=0.8, gzip;q=0.8', 'br'],
  ['*', 'br'],
  ['gzip, *;q=0', 'gzip'],
  ['deflate, *;q=0.1', 'br'],
]

test.each(ANSWERED)('"%s" is answered in %s', (header, coding) => {
  expect(chooseCoding(header, BOTH)).toBe(coding)
})

test.each([
  ['no header', null],
  ['an empty header', ''],
  ['identity', 'identity'],
  ['deflate only', 'deflate'],
  ['zstd only', 'zstd'],
  ['both refused with q=0', 'br;q=0, gzip;q=0'],
  ['both refused as q=0.000', 'br;q=0.000, gzip;Q=0.0'],
  ['everything refused', '*;q=0'],
  ['identity weighed higher', 'gzip;q=0.5, br;q=0.4, identity'],
  ['unreadable weights', 'br;q=high, gzip;q=2'],
])('%s gets identity', (_, header) => {
  expect(chooseCoding(header, BOTH)).toBeNull()
})

test('q=0 on brotli falls back to gzip', () => {
  expect(chooseCoding('br;q=0, gzip', BOTH)).toBe('gzip')
  expect(chooseCoding('br; q=0 , gzip', BOTH)).toBe('gzip')
})

test('only what the file has a variant in is chosen', () => {
  expect(chooseCoding('br, gzip', ['gzip'])).toBe('gzip')
  expect(chooseCoding('br', ['gzip'])).toBeNull()
  expect(chooseCoding('br, gzip', [])).toBeNull()
})
