import { expect, test } from 'bun:test'
import { reconnectDelay } from './backoff.ts'

test('the first retry comes within the first delay', () => {
  expect(reconnectDelay(0, 500, 10_000, () => 0.999)).toBeLessThan(500)
})

test('later retries grow exponentially with full jitter, capped', () => {
  expect(reconnectDelay(3, 500, 10_000, () => 0.999)).toBe(3_996)
  expect(reconnectDelay(3, 500, 10_000, () => 0)).toBe(0)
  expect(reconnectDelay(20, 500, 10_000, () => 0.999)).toBe(9_990)
})
