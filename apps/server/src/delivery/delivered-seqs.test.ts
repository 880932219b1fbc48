import { expect, test } from 'bun:test'
import { DeliveredSeqs } from './delivered-seqs.ts'

test('counts from the floor, across gaps, and knows exactly what it delivered', () => {
  const seqs = new DeliveredSeqs()
  seqs.delivered('r', 12) // before the floor is known
  seqs.start('r', 10)
  expect(seqs.through('r')).toBe(10)
  seqs.delivered('r', 11)
  expect(seqs.through('r')).toBe(12)
  seqs.delivered('r', 15)
  expect(seqs.through('r')).toBe(12)
  expect(seqs.has('r', 15)).toBe(true)
  expect(seqs.has('r', 14)).toBe(false)
  // Older than the floor: not known to have been delivered here.
  expect(seqs.has('r', 9)).toBe(false)
  seqs.delivered('r', 13)
  seqs.delivered('r', 14)
  expect(seqs.through('r')).toBe(15)
  seqs.forget('r')
  expect(seqs.through('r')).toBeUndefined()
})
