import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { staticPlugin } from '@elysiajs/static'
import { Elysia } from 'elysia'

const ONE_YEAR_S = 31_536_000

/**
 * No inline or injected script can run: scripts only from this origin, no eval
 * (cbor-x notices and decodes without it), no plugins, no framing, no foreign base.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ')

const PAGE_HEADERS = {
  'cache-control': 'no-cache',
  'content-security-policy': CONTENT_SECURITY_POLICY,
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
}

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
        headers: { 'x-content-type-options': 'nosniff' },
      }),
    )
    .get('/*', ({ set }) => {
      Object.assign(set.headers, PAGE_HEADERS)
      return html
    })
}
