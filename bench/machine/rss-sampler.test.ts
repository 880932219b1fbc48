import { expect, test } from 'bun:test'
import { sampleRss } from './rss-sampler.ts'

test('the peak counts memory the process took while sampled', () => {
  const sampler = sampleRss(process.pid, 50)
  const held = new Uint8Array(64 * 1024 * 1024).fill(1)
  const seen = sampler.stop()
  expect(held[held.length - 1]).toBe(1)
  expect(seen.peakBytes - seen.beforeBytes).toBeGreaterThanOrEqual(48 * 1024 * 1024)
  expect(seen.samples).toBeGreaterThanOrEqual(2)
})

test('a process that ends while sampled leaves the peak seen so far', async () => {
  const child = Bun.spawn([process.execPath, '-e', 'setInterval(() => {}, 1000)'])
  const sampler = sampleRss(child.pid, 50)
  child.kill()
  await child.exited
  const seen = sampler.stop()
  expect(seen.peakBytes).toBeGreaterThan(0)
  expect(seen.peakBytes).toBeGreaterThanOrEqual(seen.beforeBytes)
})
