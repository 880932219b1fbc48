import { temporaryPostgresSchema } from './postgres-schema.ts'
import { startRedis } from './redis-process.ts'
import { spawnServer } from './spawn-server.ts'
import { temporaryDataDir } from './start-parley.ts'

/** Two instances on one PostgreSQL schema and one private Redis; `await using` takes it all down. */
export async function startCluster() {
  const stack = new AsyncDisposableStack()
  const schema = stack.use(await temporaryPostgresSchema())
  const redis = stack.use(await startRedis())
  const env = { DATABASE_URL: schema.url, REDIS_URL: redis.url, MESSAGE_RATE_LIMIT: '0' }
  // Each instance has a data folder of its own, for uploads while they arrive.
  const folders = [temporaryDataDir(), temporaryDataDir()]
  stack.defer(() => {
    for (const folder of folders) folder.remove()
  })
  const [one, two] = await Promise.all(
    folders.map(({ dataDir }) => spawnServer({ env: { ...env, DATA_DIR: dataDir } })),
  )
  if (!one || !two) throw new Error('two instances expected')
  return {
    env,
    redis,
    one: stack.use(one),
    two: stack.use(two),
    [Symbol.asyncDispose]: () => stack.disposeAsync(),
  }
}
