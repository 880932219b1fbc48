import { expect, test } from 'bun:test'
import { formatFileSize } from './file-size.ts'

test('sizes read in bytes, then KB, MB, GB and TB in powers of 1000', () => {
  expect(formatFileSize(0)).toBe('0 bytes')
  expect(formatFileSize(1)).toBe('1 byte')
  expect(formatFileSize(999)).toBe('999 bytes')
  expect(formatFileSize(1000)).toBe('1 KB')
  expect(formatFileSize(1234)).toBe('1.2 KB')
  expect(formatFileSize(12_345)).toBe('12 KB')
  expect(formatFileSize(1_200_000)).toBe('1.2 MB')
  expect(formatFileSize(25_000_000)).toBe('25 MB')
  expect(formatFileSize(3_400_000_000)).toBe('3.4 GB')
  expect(formatFileSize(5e15)).toBe('5000 TB')
})

test('a size that rounds up to the next unit says so, and nonsense reads as unknown', () => {
  expect(formatFileSize(999_960)).toBe('1 MB')
  expect(formatFileSize(999_499)).toBe('999 KB')
  expect(formatFileSize(9_960)).toBe('10 KB')
  expect(formatFileSize(-1)).toBe('?')
  expect(formatFileSize(Number.NaN)).toBe('?')
})
