import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { createApp } from './app.ts'
import { readEnv } from './env.ts'

const env = readEnv()
const builtWeb = fileURLToPath(new URL('../../web/dist', import.meta.url))
const webDist = env.WEB_DIST ?? (existsSync(join(builtWeb, 'index.html')) ? builtWeb : undefined)
const app = await createApp({ webDist, debug: env.WSX_DEBUG })
app.listen({ port: env.PORT, hostname: env.HOST })
console.log(`Parley is listening on http://localhost:${app.server?.port}`)
if (!webDist) console.log('No web build found: serving /api and /ws only (run the web app with "npm run dev").')
