import { temporaryPostgresSchema } from './postgres-schema.ts'
import { startRedis } from './redis-process.ts'
import { spawnServer } from './spawn-server.ts'

/** Two instances on one PostgreSQL schema and one private Redis (with `extraEnv` too); `await using` takes it all down. */
export async function startCluster(extraEnv: Record<string, string> = {}) {
  const stack = new AsyncDisposableStack()
  const schema = stack.use(await temporaryPostgresSchema())
  const redis = stack.use(await startRedis())
  const env = { DATABASE_URL: schema.url, REDIS_URL: redis.url, MESSAGE_RATE_LIMIT: '0', ...extraEnv }
  const [one, two] = await Promise.all([spawnServer({ env }), spawnServer({ env })])
  if (!one || !two) throw new Error('two instances expected')
  return {
    env,
    redis,
    one: stack.use(one),
    two: stack.use(two),
    [Symbol.asyncDispose]: () => stack.disposeAsync(),
  }
}
