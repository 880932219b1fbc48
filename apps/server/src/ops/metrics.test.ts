import { expect, test } from 'bun:test'
import { Metrics } from './metrics.ts'

test('the storage histogram renders cumulative buckets, each bound inclusive', () => {
  const metrics = new Metrics({ connections: () => 0, rooms: () => 0 })
  for (const seconds of [0.0005, 0.001, 0.003, 0.02, 3]) metrics.storageWrites.observe(seconds)
  const bucket = (le: string) =>
    metrics.render().match(new RegExp(`parley_storage_write_seconds_bucket\\{le="${le}"\\} (\\d+)`))?.[1]
  expect(bucket('0.001')).toBe('2')
  expect(bucket('0.0025')).toBe('2')
  expect(bucket('0.005')).toBe('3')
  expect(bucket('0.025')).toBe('4')
  expect(bucket('2.5')).toBe('4')
  expect(bucket('\\+Inf')).toBe('5')
})
