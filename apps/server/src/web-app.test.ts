import { afterEach, expect, test } from 'bun:test'
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { brotliCompressSync, brotliDecompressSync, gunzipSync, gzipSync } from 'node:zlib'
import { startParley } from '../test/start-parley.ts'
import { CONTENT_SECURITY_POLICY } from './web-app.ts'

const cleanup: (() => unknown)[] = []
afterEach(async () => {
  for (const step of cleanup.splice(0).reverse()) await step()
})

const ENTRY = `console.log("entry");\n${'export const room = "general";\n'.repeat(50)}`
const PAGE = `<!doctype html><title>Parley</title>${'<meta name="x" content="y">'.repeat(20)}`
const FONT = 'not really a font'
const ARCHIVE = gzipSync('an archive the build ships as it is')

/**
 * A build laid out as Vite lays it out: index.html and hashed files under assets/ (one in a
 * folder), with brotli and gzip variants beside the text files as the build writes them.
 */
function fakeWebBuild(): string {
  const dist = mkdtempSync(join(tmpdir(), 'parley-web-'))
  mkdirSync(join(dist, 'assets', 'fonts'), { recursive: true })
  const withVariants = (path: string, text: string) => {
    writeFileSync(path, text)
    writeFileSync(`${path}.br`, brotliCompressSync(text))
    writeFileSync(`${path}.gz`, gzipSync(text, { level: 9 }))
  }
  withVariants(join(dist, 'index.html'), PAGE)
  withVariants(join(dist, 'assets', 'index-abc123.js'), ENTRY)
  writeFileSync(join(dist, 'assets', 'fonts', 'inter-def456.woff2'), FONT)
  writeFileSync(join(dist, 'assets', 'data-ghi789.tar.gz'), ARCHIVE)
  cleanup.push(() => rmSync(dist, { recursive: true, force: true }))
  return dist
}

/**
 * Parley on a fake build, started under `nodeEnv` (the static files were served one way in
 * production and another elsewhere; both must answer the same).
 */
async function serve(nodeEnv = process.env.NODE_ENV) {
  const before = process.env.NODE_ENV
  process.env.NODE_ENV = nodeEnv
  try {
    const parley = await startParley({ webDist: fakeWebBuild() })
    cleanup.push(() => parley.stop())
    return parley
  } finally {
    process.env.NODE_ENV = before
  }
}

/** Fetches `path` sending exactly `acceptEncoding` (none when null), without decoding the body. */
async function raw(base: string, path: string, acceptEncoding: string | null, init: RequestInit = {}) {
  const headers = new Headers(init.headers)
  // Bun's fetch asks for every coding it knows unless told otherwise; identity asks for none.
  headers.set('accept-encoding', acceptEncoding ?? 'identity')
  if (acceptEncoding === null) headers.delete('accept-encoding')
  const response = await fetch(`${base}${path}`, { ...init, headers, decompress: false })
  return { response, bytes: Buffer.from(await response.arrayBuffer()) }
}

const decoders: Record<string, (bytes: Buffer) => Buffer> = {
  br: brotliDecompressSync,
  gzip: gunzipSync,
  none: (bytes) => bytes,
}

/** What each Accept-Encoding gets: the coding sent ("none" for identity). */
const NEGOTIATIONS: [string | null, string][] = [
  ['br, gzip', 'br'],
  ['gzip, deflate, br, zstd', 'br'],
  ['gzip', 'gzip'],
  ['br;q=0, gzip', 'gzip'],
  ['gzip;q=1, br;q=0.5', 'gzip'],
  ['br;q=0, gzip;q=0', 'none'],
  ['*;q=0', 'none'],
  ['identity', 'none'],
  ['deflate', 'none'],
  [null, 'none'],
]

/** What a tab opened before a deploy asks for, other paths under /assets/ that are no file, and variants as URLs of their own. */
const MISSING_ASSETS = [
  '/assets/index-OLDHASH.js',
  '/assets/ChatLayout-OLDHASH.js',
  '/assets/index-OLDHASH.css',
  '/assets/fonts/inter-OLDHASH.woff2',
  '/assets/fonts',
  '/assets/',
  '/assets/index-abc123.js.br',
  '/assets/index-abc123.js.gz',
  '/assets/%E0%A4%A',
]

for (const nodeEnv of ['production', 'development']) {
  test(`with NODE_ENV=${nodeEnv}, a path under /assets/ that is no file is a short plain 404 that no cache keeps`, async () => {
    const { http } = await serve(nodeEnv)
    for (const path of MISSING_ASSETS) {
      const response = await fetch(`${http}${path}`)
      const body = await response.text()
      expect({ path, status: response.status }).toEqual({ path, status: 404 })
      expect(response.headers.get('content-type')).toStartWith('text/plain')
      expect(response.headers.get('cache-control')).toBe('no-store')
      expect(response.headers.get('x-content-type-options')).toBe('nosniff')
      expect(body).toBe('Not found')
    }
  })

  test(`with NODE_ENV=${nodeEnv}, the build's files are cached for a year as immutable`, async () => {
    const { http } = await serve(nodeEnv)
    const entry = await fetch(`${http}/assets/index-abc123.js`)
    expect(entry.status).toBe(200)
    expect(entry.headers.get('content-type')).toContain('javascript')
    expect(entry.headers.get('cache-control')).toBe('public, max-age=31536000, immutable')
    expect(entry.headers.get('x-content-type-options')).toBe('nosniff')
    expect(await entry.text()).toBe(ENTRY)
    const font = await fetch(`${http}/assets/fonts/inter-def456.woff2`)
    expect(font.status).toBe(200)
    expect(font.headers.get('cache-control')).toBe('public, max-age=31536000, immutable')
    expect(await font.text()).toBe(FONT)
  })
}

test('each Accept-Encoding gets the coding it prefers of those built, under the original type, decoding to the original', async () => {
  const { http } = await serve()
  for (const [acceptEncoding, coding] of NEGOTIATIONS) {
    for (const [path, original, type] of [
      ['/assets/index-abc123.js', ENTRY, 'text/javascript;charset=utf-8'],
      ['/', PAGE, 'text/html;charset=utf-8'],
    ] as const) {
      const { response, bytes } = await raw(http, path, acceptEncoding)
      const seen = { acceptEncoding, path, status: response.status, coding: response.headers.get('content-encoding') }
      expect(seen).toEqual({ acceptEncoding, path, status: 200, coding: coding === 'none' ? null : coding })
      expect(response.headers.get('vary')).toBe('Accept-Encoding')
      expect(response.headers.get('content-type')).toBe(type)
      expect(Number(response.headers.get('content-length'))).toBe(bytes.length)
      expect(decoders[coding]?.(bytes).toString()).toBe(original)
      if (coding !== 'none') expect(bytes.length).toBeLessThan(Buffer.byteLength(original))
    }
  }
})

test('a file the build wrote no variant of goes out as it is, without Vary', async () => {
  const { http } = await serve()
  const font = await raw(http, '/assets/fonts/inter-def456.woff2', 'br, gzip')
  expect(font.response.headers.get('content-encoding')).toBeNull()
  expect(font.response.headers.get('vary')).toBeNull()
  expect(font.bytes.toString()).toBe(FONT)
  // A compressed file of its own (no original beside it) is a file like any other, not a variant.
  const archive = await raw(http, '/assets/data-ghi789.tar.gz', 'br, gzip')
  expect(archive.response.status).toBe(200)
  expect(archive.response.headers.get('content-encoding')).toBeNull()
  expect(archive.bytes.equals(ARCHIVE)).toBe(true)
})

test('HEAD answers with the headers GET would send, and no body', async () => {
  const { http } = await serve()
  for (const path of ['/assets/index-abc123.js', '/r/general']) {
    const get = await raw(http, path, 'gzip')
    const head = await raw(http, path, 'gzip', { method: 'HEAD' })
    expect(head.response.status).toBe(200)
    expect(head.bytes.length).toBe(0)
    for (const name of ['content-encoding', 'content-type', 'content-length', 'vary', 'etag', 'cache-control']) {
      expect({ path, name, value: head.response.headers.get(name) }).toEqual({
        path,
        name,
        value: get.response.headers.get(name),
      })
    }
  }
  const missing = await raw(http, '/assets/index-OLDHASH.js', null, { method: 'HEAD' })
  expect(missing.response.status).toBe(404)
})

test('a copy already held is confirmed with a 304, per coding', async () => {
  const { http } = await serve()
  const path = '/assets/index-abc123.js'
  const br = (await raw(http, path, 'br')).response.headers.get('etag')
  const gzip = (await raw(http, path, 'gzip')).response.headers.get('etag')
  const identity = (await raw(http, path, null)).response.headers.get('etag')
  expect(new Set([br, gzip, identity]).size).toBe(3)

  const again = await raw(http, path, 'br', { headers: { 'if-none-match': `"other", ${br}` } })
  expect(again.response.status).toBe(304)
  expect(again.bytes.length).toBe(0)
  expect(again.response.headers.get('vary')).toBe('Accept-Encoding')
  expect(again.response.headers.get('cache-control')).toBe('public, max-age=31536000, immutable')
  // The brotli copy is no copy of the gzip one.
  expect((await raw(http, path, 'gzip', { headers: { 'if-none-match': `${br}` } })).response.status).toBe(200)

  const page = (await raw(http, '/', 'br')).response.headers.get('etag') ?? ''
  const revalidated = await raw(http, '/r/general', 'br', { headers: { 'if-none-match': page } })
  expect(revalidated.response.status).toBe(304)
  expect(revalidated.response.headers.get('cache-control')).toBe('no-cache')
})

test('client routes get index.html, never cached and under the page policy', async () => {
  const { http } = await serve()
  for (const path of ['/', '/r/general', '/r/design%20review', '/assets', '/index.html.br']) {
    const page = await fetch(`${http}${path}`)
    expect({ path, status: page.status }).toEqual({ path, status: 200 })
    expect(page.headers.get('content-type')).toStartWith('text/html')
    expect(page.headers.get('cache-control')).toBe('no-cache')
    expect(page.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY)
    expect(page.headers.get('x-content-type-options')).toBe('nosniff')
    expect(page.headers.get('referrer-policy')).toBe('no-referrer')
    expect(page.headers.get('vary')).toBe('Accept-Encoding')
    expect(await page.text()).toBe(PAGE)
  }
})

test('refuses to start without a built web app where one is expected', async () => {
  await expect(startParley({ webDist: join(tmpdir(), 'parley-no-such-build') })).rejects.toThrow(/npm run build/)
})
