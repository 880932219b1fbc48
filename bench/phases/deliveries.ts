// The load figures on long-running servers: for each room size, the baseline and Parley take
// turns (so both see much the same background load), then join latency on each.

import { config } from '../config.ts'
import { measureDeliveries, roomTag } from '../load/ramp-shape.ts'
import { roomNames } from '../load/rooms.ts'
import type { RunFigures, ServerKind } from '../report/figures.ts'
import type { BenchServer } from '../servers/start-servers.ts'
import { type BadInputFigure, measureBadInput } from './bad-input.ts'
import { measureJoins } from './join-latency.ts'

export type Attempt = <T>(what: string, measure: () => Promise<T>) => Promise<T | undefined>

export const turns = ['baseline', 'parley'] as const

/** The same ramp for every shape and server. */
export const rampOptions = {
  startDeliveriesPerSecond: config.startDeliveriesPerSecond,
  maxRates: config.maxRates,
  maxRuns: config.maxRuns,
  stepSeconds: config.stepSeconds,
  precision: config.precision,
}

export async function runLoadPhase(
  servers: Partial<Record<ServerKind, BenchServer>>,
  figures: RunFigures,
  attempt: Attempt,
  say: (line: string) => void,
): Promise<void> {
  for (const shape of config.shapes) {
    const kinds: ServerKind[] = [...turns]
    if (config.memoryVariantMembers.includes(shape.members)) kinds.push('parleyMemory')
    for (const kind of kinds) {
      const server = servers[kind]
      if (!server) continue
      say(`${server.name}: ${shape.rooms} rooms of ${shape.members}`)
      const withBadInput = kind === 'parley' && shape.members === config.badInputMembers
      const badInput = (rooms: Parameters<typeof measureBadInput>[1], ratePerRoom: number) => {
        say(`${server.name}: bad input (${config.badFramesPerSecond} frames/s) at that rate`)
        const { stepSeconds, badFramesPerSecond, badConnections } = config
        return attempt('bad input', () =>
          measureBadInput(server, rooms, ratePerRoom, stepSeconds, badFramesPerSecond, badConnections),
        )
      }
      const figure = await attempt(`${kind} deliveries, rooms of ${shape.members}`, () =>
        measureDeliveries<BadInputFigure | undefined>([server], shape, rampOptions, say, (rooms, step) =>
          withBadInput ? badInput(rooms, step.ratePerRoom) : Promise.resolve(undefined),
        ),
      )
      if (!figure) continue
      const { extra, ...delivery } = figure
      figures.deliveries[kind].push(delivery)
      if (extra) figures.badInput = extra
    }
  }
  // Joins go to the rooms of 32, which now have history to send with each answer.
  const joinRooms = roomNames(roomTag({ members: 32, rooms: 8 }), 8)
  for (const kind of turns) {
    const server = servers[kind]
    if (!server) continue
    say(`${server.name}: joins at ${config.joinsPerSecond}/s for ${config.joinSeconds} s`)
    const joins = await attempt(`${kind} joins`, () =>
      measureJoins(server, joinRooms, config.joinsPerSecond, config.joinSeconds),
    )
    if (joins) figures.joins[kind] = joins
  }
}
