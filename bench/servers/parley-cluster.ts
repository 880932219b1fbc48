// Parley as deployed with several instances: processes sharing one PostgreSQL schema of their
// own and one Redis, all pinned to the server CPU (so two instances share it).

import { temporaryPostgresSchema } from '../../apps/server/test/postgres-schema.ts'
import { config } from '../config.ts'
import { type BenchServer, startParleyWith } from './start-servers.ts'

interface ParleyCluster {
  /** For the logs, e.g. "parley (postgres+redis) ×2". */
  readonly name: string
  readonly servers: readonly BenchServer[]
  /** Stops every instance, then drops the schema. */
  stop(): Promise<void>
}

/** Starts `count` instances, one after another, on a fresh schema in config.postgresUrl and on config.redisUrl. */
export async function startParleyCluster(count: number): Promise<ParleyCluster> {
  const kind = 'parley (postgres+redis)'
  const name = count > 1 ? `${kind} ×${count}` : kind
  const schema = await temporaryPostgresSchema(config.postgresUrl, 'parley_bench')
  const env = { DATABASE_URL: schema.url, REDIS_URL: config.redisUrl }
  const servers: BenchServer[] = []
  const stop = async () => {
    try {
      await Promise.all(servers.map((server) => server.stop()))
    } finally {
      await schema.remove()
    }
  }
  try {
    for (let i = 0; i < count; i++) {
      const instance = count > 1 ? ` ${String.fromCharCode(65 + i)}` : ''
      servers.push(await startParleyWith(`${kind}${instance}`, env))
    }
  } catch (error) {
    await stop()
    throw error
  }
  return { name, servers, stop }
}
