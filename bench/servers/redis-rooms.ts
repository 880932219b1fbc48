// What Parley leaves in Redis after its rooms are gone. Its keys have no prefix to set, and
// pub/sub channels ignore the database number, so the cluster figure isolates its runs by
// room and user names unique to the run (in a database of the bench's own, config.redisUrl);
// each instance drops its names and presence entries when it stops, and this removes the
// rest: the rooms from Parley's list of rooms.
import { redisKeys } from '@parley/events/rules'
import { RedisClient } from 'bun'

/** Removes `rooms` from Parley's list of rooms in the Redis at `url`. */
export async function forgetRooms(url: string, rooms: readonly string[]): Promise<void> {
  if (rooms.length === 0) return
  const redis = new RedisClient(url)
  try {
    await redis.connect()
    await redis.send('ZREM', [redisKeys.rooms, ...rooms])
  } finally {
    redis.close()
  }
}
