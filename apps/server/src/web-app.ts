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
 * What a missing asset gets: a short 404 that no cache keeps. A tab opened before a deploy
 * asks for the old build's chunks; answering those with index.html would hand it a page
 * where it expects JavaScript, and a year-long cache could keep the miss after the file exists.
 */
const MISSING_ASSET_HEADERS = {
  'content-type': 'text/plain; charset=utf-8',
  'cache-control': 'no-store',
  'x-content-type-options': 'nosniff',
}

/**
 * Serves the built single-page app: the files under assets/ (hashed names) cached for a
 * year, any other path under /assets/ a plain 404, and every other path answered with
 * index.html (never cached) so client-side routes work.
 */
export async function webApp(dist: string) {
  const indexHtml = join(dist, 'index.html')
  if (!existsSync(indexHtml)) throw new Error(`No built web app at ${dist}: run "npm run build" first`)
  const html = Bun.file(indexHtml)
  // A route per file, listed once at start (a build never changes under a running server)
  // whatever NODE_ENV says, and however many there are, so every file is served.
  const assets = await staticPlugin({
    assets: join(dist, 'assets'),
    prefix: '/assets',
    alwaysStatic: true,
    staticLimit: Number.POSITIVE_INFINITY,
    maxAge: ONE_YEAR_S,
    directive: 'public',
    indexHTML: false,
    silent: true,
    headers: { 'x-content-type-options': 'nosniff' },
  })
  return new Elysia({ name: 'web-app' })
    .use(assets)
    .get('/assets/*', () => new Response('Not found', { status: 404, headers: MISSING_ASSET_HEADERS }))
    .get('/*', ({ set }) => {
      Object.assign(set.headers, PAGE_HEADERS)
      return html
    })
}
