import { expect, test } from 'bun:test'
import serverPackage from '../../package.json' with { type: 'json' }
import { version } from './build-info.ts'
import { Metrics } from './metrics.ts'
import { parsePrometheusText } from './prometheus-text.ts'

test('the storage histogram renders cumulative buckets, each bound inclusive', () => {
  const metrics = new Metrics({ connections: () => 0, sendBufferBytes: () => 0, rooms: () => 0 })
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

test('every family has HELP and TYPE, counters end in _total, and the process families are there', () => {
  const metrics = new Metrics({ connections: () => 3, sendBufferBytes: () => 2048, rooms: () => 1 })
  metrics.messagesStored = 2
  metrics.delivered('message', 5)
  metrics.delivered('userJoined', 5)
  metrics.countError('flood')
  const families = parsePrometheusText(metrics.render())
  for (const [name, family] of families) {
    expect(family.help.length).toBeGreaterThan(0)
    expect(family.type === 'counter').toBe(name.endsWith('_total'))
  }
  const only = (name: string) => {
    const samples = families.get(name)?.samples ?? []
    expect(samples).toHaveLength(1)
    return samples[0]
  }
  expect(only('parley_send_buffer_bytes')?.value).toBe(2048)
  expect(only('parley_messages_stored_total')?.value).toBe(2)
  expect(only('parley_messages_delivered_total')?.value).toBe(5)
  expect(only('parley_errors_total')?.labels).toEqual({ kind: 'flood' })
  expect(families.get('process_start_time_seconds')?.type).toBe('gauge')
  const startedAt = only('process_start_time_seconds')?.value ?? 0
  expect(startedAt).toBeLessThanOrEqual(Date.now() / 1000)
  expect(startedAt).toBeGreaterThan(Date.now() / 1000 - process.uptime() - 5)
  expect(only('process_cpu_seconds_total')?.value).toBeGreaterThan(0)
  expect(only('process_resident_memory_bytes')?.value).toBeGreaterThan(1_000_000)
  expect(only('parley_build_info')).toEqual({ name: 'parley_build_info', labels: { version }, value: 1 })
  expect(version).toBe(serverPackage.version)
})

test('the parser refuses samples without HELP and TYPE, and names out of their family', () => {
  expect(() => parsePrometheusText('parley_x 1\n')).toThrow('no HELP and TYPE')
  expect(() => parsePrometheusText('# HELP a_total A.\n# TYPE a_total counter\nb_total 1\n')).toThrow('sits under')
  expect(() => parsePrometheusText('# HELP a A.\n# TYPE a gauge\na one\n')).toThrow('no numeric value')
})
