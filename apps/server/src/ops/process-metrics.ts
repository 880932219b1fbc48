import { version } from './build-info.ts'
import { family, labelValue } from './prometheus-text.ts'

/** When this process started, in seconds since the Unix epoch. */
const startedAtSeconds = performance.timeOrigin / 1000

/** The standard `process_*` families Prometheus's client libraries export, and Parley's build. */
export function processMetrics(): string[] {
  const cpu = process.cpuUsage()
  return [
    ...family('process_start_time_seconds', 'gauge', 'Start time of the process since the Unix epoch, in seconds.', [
      `process_start_time_seconds ${startedAtSeconds.toFixed(3)}`,
    ]),
    ...family('process_cpu_seconds_total', 'counter', 'User and system CPU time the process spent, in seconds.', [
      `process_cpu_seconds_total ${(cpu.user + cpu.system) / 1e6}`,
    ]),
    ...family('process_resident_memory_bytes', 'gauge', 'Resident memory of the process, in bytes.', [
      `process_resident_memory_bytes ${process.memoryUsage.rss()}`,
    ]),
    ...family('parley_build_info', 'gauge', 'Always 1; its label says which Parley version runs.', [
      `parley_build_info{version="${labelValue(version)}"} 1`,
    ]),
  ]
}
