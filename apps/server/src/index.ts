import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { createApp } from './app.ts'
import { fileLimitsFrom, limitsFrom, readEnv } from './env.ts'
import { readEventsSchema } from './ops/events-schema-file.ts'
import { createLogger } from './ops/logger.ts'
import { describeStorage } from './storage/open-store.ts'

const env = readEnv()
// The web build sits in public/ beside the bundled server (the image), or in apps/web/dist (the repo).
const builtWeb = ['./public', '../../web/dist'].map((path) => fileURLToPath(new URL(path, import.meta.url)))
const webDist = env.WEB_DIST ?? builtWeb.find((dir) => existsSync(join(dir, 'index.html')))
const storage = {
  dataDir: env.DATA_DIR,
  databaseUrl: env.DATABASE_URL,
  search: env.SEARCH,
  sqliteSync: env.SQLITE_SYNC,
}
const logger = createLogger({ level: env.LOG_LEVEL, format: env.NODE_ENV === 'production' ? 'json' : 'pretty' })
const app = await createApp({
  storage,
  webDist,
  logger,
  redisUrl: env.REDIS_URL,
  limits: limitsFrom(env),
  fileLimits: fileLimitsFrom(env),
  debug: env.WSX_DEBUG,
  // Answers are checked in development and tests; production spends that time on chat.
  checkResponses: env.NODE_ENV !== 'production',
  metricsToken: env.METRICS_TOKEN,
  adminToken: env.ADMIN_TOKEN,
  eventsSchema: await readEventsSchema(new URL('./events.schema.json', import.meta.url)),
})
app.listen({ port: env.PORT, hostname: env.HOST })
// A parent that started this process with an IPC channel (tests, the bench) learns the port here.
process.send?.({ listening: app.server?.port })
logger.info('listening', { url: `http://localhost:${app.server?.port}`, storage: describeStorage(storage) })
if (!webDist) logger.warn('no-web-build', { serving: '/api and /ws only', hint: 'npm run dev serves the web app' })

// Finish the writes in flight before exiting.
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, async () => {
    logger.info('stopping', { signal })
    await app.shutdown()
    process.exit(0)
  })
}
