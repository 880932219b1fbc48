import { afterEach, expect, test } from 'bun:test'
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { startParley } from '../test/start-parley.ts'
import { CONTENT_SECURITY_POLICY } from './web-app.ts'

const cleanup: (() => unknown)[] = []
afterEach(async () => {
  for (const step of cleanup.splice(0).reverse()) await step()
})

const ENTRY = 'console.log("entry")'
const FONT = 'not really a font'

/** A build laid out as Vite lays it out: index.html, and hashed files under assets/ (one in a folder). */
function fakeWebBuild(): string {
  const dist = mkdtempSync(join(tmpdir(), 'parley-web-'))
  mkdirSync(join(dist, 'assets', 'fonts'), { recursive: true })
  writeFileSync(join(dist, 'index.html'), '<!doctype html><title>Parley</title>')
  writeFileSync(join(dist, 'assets', 'index-abc123.js'), ENTRY)
  writeFileSync(join(dist, 'assets', 'fonts', 'inter-def456.woff2'), FONT)
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

/** What a tab opened before a deploy asks for, and other paths under /assets/ that are no file. */
const MISSING_ASSETS = [
  '/assets/index-OLDHASH.js',
  '/assets/ChatLayout-OLDHASH.js',
  '/assets/index-OLDHASH.css',
  '/assets/fonts/inter-OLDHASH.woff2',
  '/assets/fonts',
  '/assets/',
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

  test(`with NODE_ENV=${nodeEnv}, the build's files keep their year-long cache`, async () => {
    const { http } = await serve(nodeEnv)
    const entry = await fetch(`${http}/assets/index-abc123.js`)
    expect(entry.status).toBe(200)
    expect(entry.headers.get('content-type')).toContain('javascript')
    expect(entry.headers.get('cache-control')).toBe('public, max-age=31536000')
    expect(await entry.text()).toBe(ENTRY)
    const font = await fetch(`${http}/assets/fonts/inter-def456.woff2`)
    expect(font.status).toBe(200)
    expect(await font.text()).toBe(FONT)
  })
}

test('client routes get index.html, never cached and under the page policy', async () => {
  const { http } = await serve()
  for (const path of ['/', '/r/general', '/r/design%20review', '/assets']) {
    const page = await fetch(`${http}${path}`)
    expect({ path, status: page.status }).toEqual({ path, status: 200 })
    expect(page.headers.get('content-type')).toStartWith('text/html')
    expect(page.headers.get('cache-control')).toBe('no-cache')
    expect(page.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY)
    expect(await page.text()).toContain('<title>Parley</title>')
  }
})

test('refuses to start without a built web app where one is expected', async () => {
  await expect(startParley({ webDist: join(tmpdir(), 'parley-no-such-build') })).rejects.toThrow(/npm run build/)
})
