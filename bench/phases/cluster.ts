// Parley on PostgreSQL and Redis, one instance and then two sharing both, ramped on the same
// rooms: the price of the Redis hop. With two, members alternate between the instances (see
// openRooms): the sender is on the first and the timed member on the second, so every timed
// delivery crosses Redis.
import { config, type RoomShape } from '../config.ts'
import { type DeliveryFigure, rampShape } from '../load/ramp-shape.ts'
import { roomNames } from '../load/rooms.ts'
import { startParleyCluster } from '../servers/parley-cluster.ts'
import { forgetRooms } from '../servers/redis-rooms.ts'
import type { RunLog } from './run-log.ts'

export interface ClusterFigure {
  shape: RoomShape
  /** One instance on PostgreSQL and Redis. */
  one: DeliveryFigure | undefined
  /** Two instances sharing them. */
  two: DeliveryFigure | undefined
}

/**
 * Both setups, each on servers of its own (the load phase's must be stopped: two instances
 * share the server CPU); undefined when config.clusterShape is off.
 */
export async function clusterPhase(run: RunLog): Promise<ClusterFigure | undefined> {
  const shape = config.clusterShape
  if (!shape) return undefined
  // Names of this run's own: Redis is shared, and its channels are the same in every database.
  const runId = crypto.randomUUID().slice(0, 8)
  const measure = (instances: number) =>
    run.attempt(
      `deliveries, rooms of ${shape.members}, ${instances} instance${instances > 1 ? 's' : ''} on Redis`,
      () => measureOnCluster(instances, shape, `cluster${instances}-${runId}`, run.say),
    )
  const one = await measure(1)
  const two = await measure(2)
  return { shape, one, two }
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
    return (await rampShape(cluster.servers, shape, say, { tag })).figure
  } finally {
    await cluster.stop()
    // Best effort: Redis may be what failed.
    await forgetRooms(config.redisUrl, roomNames(tag, shape.rooms)).catch(() => undefined)
  }
}
