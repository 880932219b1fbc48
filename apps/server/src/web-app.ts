import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { Elysia } from 'elysia'
import { readBuiltWebApp } from './web/built-files.ts'
import { fileResponse } from './web/file-response.ts'

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

/** The build's files have content-hashed names: a changed file is a new URL, so a copy never goes stale. */
const ASSET_HEADERS = {
  'cache-control': `public, max-age=${ONE_YEAR_S}, immutable`,
  'x-content-type-options': 'nosniff',
}

/** The path of a request, decoded as the build's file names are written; `null` if it cannot be. */
function pathOf(request: Request): string | null {
  try {
    return decodeURIComponent(new URL(request.url).pathname)
  } catch {
    return null
  }
}

/**
 * Serves the built single-page app from a table of its files made at start: the files
 * under assets/ (hashed names) cached for a year as immutable, any other path under
 * /assets/ a plain 404, and every other path answered with index.html (never cached) so
 * client-side routes work. Each file goes out brotli- or gzip-compressed when the build
 * wrote that variant and the request accepts it (see `fileResponse`); GET and HEAD alike.
 */
export async function webApp(dist: string) {
  if (!existsSync(join(dist, 'index.html'))) throw new Error(`No built web app at ${dist}: run "npm run build" first`)
  const { page, assets } = await readBuiltWebApp(dist)
  return new Elysia({ name: 'web-app' })
    .get('/assets/*', ({ request }) => {
      const path = pathOf(request)
      const file = path === null ? undefined : assets.get(path)
      if (!file) return new Response('Not found', { status: 404, headers: MISSING_ASSET_HEADERS })
      return fileResponse(file, request, ASSET_HEADERS)
    })
    .get('/*', ({ request }) => fileResponse(page, request, PAGE_HEADERS))
}
