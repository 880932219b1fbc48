import { temporaryPostgresSchema } from '../../apps/server/test/postgres-schema.ts'
import { config } from '../config.ts'
import { type BenchServer, startParleyWith } from './start-servers.ts'

/**
 * Starts Parley named `name` on a fresh schema of config.postgresUrl, with `env` on top; the
 * schema is dropped when the server stops, or at once if it fails to start.
 */
export async function startParleyOnPostgres(name: string, env: Record<string, string> = {}): Promise<BenchServer> {
  const schema = await temporaryPostgresSchema(config.postgresUrl, 'parley_bench')
  try {
    const server = await startParleyWith(name, { ...env, DATABASE_URL: schema.url })
    return {
      ...server,
      async stop(signal) {
        try {
          return await server.stop(signal)
        } finally {
          await schema.remove()
        }
      },
    }
  } catch (error) {
    await schema.remove()
    throw error
  }
}
