// Parley on PostgreSQL and Redis, one instance and then two sharing both, ramped on the same
// rooms: the price of the Redis hop. With two, members alternate between the instances (see
// openRooms): the sender is on the first and the timed member on the second, so every timed
// delivery crosses Redis.
import { config, type RoomShape } from '../config.ts'
import { type DeliveryFigure, measureDeliveries } from '../load/ramp-shape.ts'
import { roomNames } from '../load/rooms.ts'
import type { RunFigures } from '../report/figures.ts'
import { startParleyCluster } from '../servers/parley-cluster.ts'
import { forgetRooms } from '../servers/redis-rooms.ts'
import { type Attempt, rampOptions } from './deliveries.ts'

export interface ClusterFigure {
  shape: RoomShape
  /** One instance on PostgreSQL and Redis. */
  one?: DeliveryFigure
  /** Two instances sharing them. */
  two?: DeliveryFigure
}

const setups = [
  ['one', 1],
  ['two', 2],
] as const

/** Measures both setups into `figures.cluster`, unless config.clusterShape is off. */
export async function runClusterPhase(figures: RunFigures, attempt: Attempt, say: (line: string) => void) {
  const shape = config.clusterShape
  if (!shape) return
  const cluster: ClusterFigure = { shape }
  figures.cluster = cluster
  // Names of this run's own: Redis is shared, and its channels are the same in every database.
  const run = crypto.randomUUID().slice(0, 8)
  for (const [key, instances] of setups) {
    const what = `deliveries, rooms of ${shape.members}, ${instances} instance${instances > 1 ? 's' : ''} on Redis`
    const figure = await attempt(what, () => measureOnCluster(instances, shape, `cluster${instances}-${run}`, say))
    if (figure) cluster[key] = figure
  }
}

async function measureOnCluster(
  instances: number,
  shape: RoomShape,
  tag: string,
  say: (line: string) => void,
): Promise<DeliveryFigure> {
  const cluster = await startParleyCluster(instances)
  try {
    say(`${cluster.name}: ${shape.rooms} rooms of ${shape.members}`)
    return await measureDeliveries(cluster.servers, shape, { ...rampOptions, tag }, say)
  } finally {
    await cluster.stop()
    // Best effort: Redis may be what failed.
    await forgetRooms(config.redisUrl, roomNames(tag, shape.rooms)).catch(() => undefined)
  }
}
