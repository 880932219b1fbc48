// The knee (the most deliveries/s at p99 ≤ config.kneeP99Ms) on long-running servers: for each
// room size the baseline, Parley and the Socket.IO peer take turns (so all see much the same
// background load), and Parley with `memory:` storage follows on the sizes it is ramped for.
// On Parley's rooms of 32, bad input at the knee, while the rooms are still joined.
import { config } from '../config.ts'
import { type DeliveryFigure, rampShape } from '../load/ramp-shape.ts'
import { compared, type ServerKind, type ServersByKind } from '../servers/start-servers.ts'
import { type BadInputFigure, measureBadInput } from './bad-input.ts'
import type { RunLog } from './run-log.ts'

export interface DeliveriesFigures {
  deliveries: Record<ServerKind, DeliveryFigure[]>
  badInput: BadInputFigure | undefined
}

/** Ramps every shape on every server that is ramped for it; a shape that fails on one server is left out of its list. */
export async function deliveriesPhase(servers: ServersByKind, run: RunLog): Promise<DeliveriesFigures> {
  const figures: DeliveriesFigures = {
    deliveries: { baseline: [], parley: [], parleyMemory: [], socketio: [] },
    badInput: undefined,
  }
  for (const shape of config.shapes) {
    const kinds: ServerKind[] = [...compared]
    if (config.memoryVariantMembers.includes(shape.members)) kinds.push('parleyMemory')
    for (const kind of kinds) {
      const server = servers[kind]
      if (!server) continue
      run.say(`${server.name}: ${shape.rooms} rooms of ${shape.members}`)
      const withBadInput = kind === 'parley' && shape.members === config.badInputMembers
      const measured = await run.attempt(`${kind} deliveries, rooms of ${shape.members}`, () =>
        rampShape([server], shape, run.say, {
          whileOpen: withBadInput
            ? (rooms, step) => {
                run.say(`${server.name}: bad input (${config.badFramesPerSecond} frames/s) at that rate`)
                const { stepSeconds, badFramesPerSecond, badConnections } = config
                return run.attempt('bad input', () =>
                  measureBadInput(server, rooms, step.ratePerRoom, stepSeconds, badFramesPerSecond, badConnections),
                )
              }
            : undefined,
        }),
      )
      if (!measured) continue
      figures.deliveries[kind].push(measured.figure)
      if (measured.whileOpen) figures.badInput = measured.whileOpen
    }
  }
  return figures
}
