import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { staticPlugin } from '@elysiajs/static'
import { Elysia } from 'elysia'

const ONE_YEAR_S = 31_536_000

/**
 * Serves the built single-page app: hashed assets cached for a year, every other
 * path answered with index.html (never cached) so client-side routes work.
 */
export async function webApp(dist: string) {
  const indexHtml = join(dist, 'index.html')
  if (!existsSync(indexHtml)) throw new Error(`No built web app at ${dist}: run "npm run build" first`)
  const html = Bun.file(indexHtml)
  return new Elysia({ name: 'web-app' })
    .use(
      await staticPlugin({
        assets: join(dist, 'assets'),
        prefix: '/assets',
        maxAge: ONE_YEAR_S,
        directive: 'public',
        indexHTML: false,
        silent: true,
      }),
    )
    .get('/*', ({ set }) => {
      set.headers['cache-control'] = 'no-cache'
      return html
    })
}
