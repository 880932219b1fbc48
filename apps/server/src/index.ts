import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { createApp } from './app.ts'
import { readEnv } from './env.ts'
import { describeStorage } from './storage/open-store.ts'

const env = readEnv()
// The web build sits in public/ beside the bundled server (the image), or in apps/web/dist (the repo).
const builtWeb = ['./public', '../../web/dist'].map((path) => fileURLToPath(new URL(path, import.meta.url)))
const webDist = env.WEB_DIST ?? builtWeb.find((dir) => existsSync(join(dir, 'index.html')))
const storage = { dataDir: env.DATA_DIR, databaseUrl: env.DATABASE_URL }
const app = await createApp({ storage, webDist, debug: env.WSX_DEBUG })
app.listen({ port: env.PORT, hostname: env.HOST })
console.log(`Parley is listening on http://localhost:${app.server?.port}, history in ${describeStorage(storage)}`)
if (!webDist) console.log('No web build found: serving /api and /ws only (run the web app with "npm run dev").')

// Finish the writes in flight before exiting.
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, async () => {
    await app.shutdown()
    process.exit(0)
  })
}
