// Bad input under load: the same step at the best rate, without and then with a second
// process sending invalid frames on its own connections; then the server's health.
import { fileURLToPath } from 'node:url'
import type { Room } from '../load/rooms.ts'
import { runStep, type StepResult } from '../load/step.ts'
import { LOAD_CPU, pinTo } from '../machine/pinning.ts'
import { healthStatus } from '../servers/probes.ts'
import type { BenchServer } from '../servers/start-servers.ts'

const clientEntry = fileURLToPath(new URL('../load/bad-input-client.ts', import.meta.url))

export interface BadInputFigure {
  framesPerSecond: number
  connections: number
  without: StepResult
  with: StepResult
  /** 1 − delivered/s with bad input ÷ without. */
  drop: number
  /** /api/health status after the bad input. */
  health: number
  /** What the bad client sent and saw (frames per kind, closes per code). */
  client: unknown
}

export async function measureBadInput(
  server: BenchServer,
  rooms: readonly Room[],
  ratePerRoom: number,
  stepSeconds: number,
  framesPerSecond: number,
  connections: number,
): Promise<BadInputFigure> {
  const without = await runStep(rooms, ratePerRoom, stepSeconds, [server])
  const bad = Bun.spawn(
    [
      ...pinTo(LOAD_CPU),
      process.execPath,
      clientEntry,
      server.url,
      String(stepSeconds + 1.5),
      String(framesPerSecond),
      String(connections),
    ],
    { stdout: 'pipe', stderr: 'inherit' },
  )
  const killer = setTimeout(() => bad.kill('SIGKILL'), (stepSeconds + 20) * 1000)
  try {
    const lines = readLines(bad.stdout)
    const first = await lines.next()
    if (first.value !== 'ready') throw new Error(`the bad-input client did not start: ${first.value ?? 'no output'}`)
    const withBad = await runStep(rooms, ratePerRoom, stepSeconds, [server])
    let summary: unknown = 'no summary'
    for await (const line of lines) summary = parseSummary(line)
    await bad.exited
    return {
      framesPerSecond,
      connections,
      without,
      with: withBad,
      drop: 1 - withBad.deliveriesPerSecond / without.deliveriesPerSecond,
      health: await healthStatus(server.http),
      client: summary,
    }
  } finally {
    clearTimeout(killer)
    bad.kill('SIGKILL')
  }
}

function parseSummary(line: string): unknown {
  try {
    return JSON.parse(line)
  } catch {
    return line
  }
}

async function* readLines(stream: ReadableStream<Uint8Array>): AsyncGenerator<string> {
  const decoder = new TextDecoder()
  let buffered = ''
  for await (const chunk of stream) {
    buffered += decoder.decode(chunk, { stream: true })
    let end = buffered.indexOf('\n')
    while (end !== -1) {
      yield buffered.slice(0, end)
      buffered = buffered.slice(end + 1)
      end = buffered.indexOf('\n')
    }
  }
  if (buffered) yield buffered
}
