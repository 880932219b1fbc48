// A deploy must not break the tabs that are open. Two real builds of the web app whose hashed
// names differ, the real server started on one and then, on the same port, on the other.
//
// Once the app has loaded, it fetches nothing more: the entry asks for both lazy chunks (the
// connection module at once, the chat view once the join screen has painted, or at once for a
// tab that comes back into its rooms), and both are needed before anyone can type a draft.
// So a tab breaks on a deploy when one of them is still on its way: here the tab reloads on a
// slow network (its chat-view chunk held back) just before the deploy, and the chunk's request
// goes out once the new server is up, as it would from a tab opened or reloaded mid-deploy.
// Build B is build A with one more line in its entry, so every JavaScript file's name differs.
import { cpSync, mkdtempSync, readdirSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { browserStorageKeys } from '@parley/events/rules'
import { expect, type Page, type Route } from '@playwright/test'
import type { Plugin } from 'vite'
import { type ServerProcess, startServerProcess } from '../apps/server/test/server-process.ts'
import { composer, joinFromForm, messageLog, people, test, uniqueName, uniqueRoom } from './support.ts'

const repo = fileURLToPath(new URL('..', import.meta.url))

/** Marks a build by a line of its entry: every chunk that imports the entry changes with it. */
function buildLabel(label: string): Plugin {
  return {
    name: 'deploy-spec:build-label',
    transform(code, id) {
      if (!id.endsWith('/src/main.tsx')) return null
      return `${code}\ndocument.documentElement.dataset.build = ${JSON.stringify(label)}\n`
    },
  }
}

/** Builds the web app, as `npm run build` does, into `outDir`, labelled `label`. */
async function buildWeb(outDir: string, label: string): Promise<void> {
  // Loaded here, so that listing the suite or running other specs does not load Vite.
  const { build } = await import('vite')
  await build({
    root: join(repo, 'apps', 'web'),
    logLevel: 'error',
    plugins: [buildLabel(label)],
    build: { outDir, emptyOutDir: true },
  })
}

/** The hashed chat-view chunk of a build. */
function chatViewChunk(dist: string): string {
  const file = readdirSync(join(dist, 'assets')).find((name) => /^ChatLayout-.+\.js$/.test(name))
  if (!file) throw new Error(`no chat-view chunk in ${dist}`)
  return file
}

interface Seen {
  url: string
  status: number
  contentType: string
}

/** Every response the page gets, and how many documents it loads. */
function watch(page: Page) {
  const responses: Seen[] = []
  let navigations = 0
  page.on('response', (response) =>
    responses.push({
      url: response.url(),
      status: response.status(),
      contentType: response.headers()['content-type'] ?? '',
    }),
  )
  // Document loads only: moving to a room's address (history.replaceState) is no navigation here.
  page.on('request', (request) => {
    if (request.isNavigationRequest() && request.frame() === page.mainFrame()) navigations += 1
  })
  return {
    responses,
    navigations: () => navigations,
    /** JavaScript asked for and answered with a page: what a deploy used to do to open tabs. */
    htmlForScripts: () =>
      responses.filter((r) => /\.js(\?|$)/.test(r.url) && r.status === 200 && r.contentType.includes('html')),
  }
}

test.describe('a deploy under an open tab', () => {
  test.describe.configure({ mode: 'serial' })

  let work = ''
  let buildA = ''
  let buildB = ''
  const servers: ServerProcess[] = []

  test.beforeAll(async () => {
    work = mkdtempSync(join(tmpdir(), 'parley-deploy-'))
    buildA = join(work, 'build-a')
    buildB = join(work, 'build-b')
    await buildWeb(buildA, 'A')
    await buildWeb(buildB, 'B')
    expect(chatViewChunk(buildA)).not.toBe(chatViewChunk(buildB))
  })

  test.afterAll(async () => {
    await Promise.all(servers.map((server) => server.stop()))
    if (work !== '') rmSync(work, { recursive: true, force: true })
  })

  async function serve(env: Record<string, string>): Promise<ServerProcess> {
    const server = await startServerProcess({ env: { NODE_ENV: 'production', ...env }, startupMs: 20_000 })
    servers.push(server)
    return server
  }

  test('a tab from before the deploy reloads once into the new build, in its room, with its draft', async ({
    browser,
  }) => {
    const dataDir = join(work, 'data')
    const before = await serve({ WEB_DIST: buildA, DATA_DIR: dataDir })
    const page = await (await browser.newContext()).newPage()
    const seen = watch(page)
    const name = uniqueName('deployed')
    const room = uniqueRoom('deploy')
    const draft = 'half a thought, typed before the deploy'

    await page.goto(`${before.http}/`)
    await joinFromForm(page, name, room)
    await composer(page).fill(draft)
    await expect
      .poll(() => page.evaluate((key) => sessionStorage.getItem(key), browserStorageKeys.drafts))
      .toContain(draft)

    // The tab reloads on a slow network: its chat-view chunk does not arrive before the deploy.
    const oldChunk = `${before.http}/assets/${chatViewChunk(buildA)}`
    const held: Route[] = []
    const isOldChunk = (url: URL) => url.href === oldChunk
    const hold = (route: Route) => void held.push(route)
    await page.route(isOldChunk, hold)
    await page.reload({ waitUntil: 'domcontentloaded' })
    await expect.poll(() => held.length).toBeGreaterThan(0)
    await expect(page.locator('html')).toHaveAttribute('data-build', 'A')

    // The deploy: the old server stops, the new build is served on the same port.
    await before.stop()
    const after = await serve({ WEB_DIST: buildB, DATA_DIR: dataDir, PORT: String(before.port) })
    expect(after.port).toBe(before.port)
    const navigationsBefore = seen.navigations()
    const answeredBefore = seen.responses.length
    await Promise.all(held.splice(0).map((route) => route.continue()))
    await page.unroute(isOldChunk, hold)

    // One reload, onto build B, back in the room under the same name, the draft in the composer.
    await expect(page.locator('html')).toHaveAttribute('data-build', 'B')
    await expect(messageLog(page, room)).toBeVisible()
    await expect(composer(page)).toHaveValue(draft)
    await expect(page.getByLabel('Username')).toHaveCount(0)
    await expect(people(page, room)).toContainText(name)
    expect(seen.navigations() - navigationsBefore).toBe(1)
    const navigation = await page.evaluate(() => {
      const [entry] = performance.getEntriesByType('navigation')
      return entry instanceof PerformanceNavigationTiming ? entry.type : null
    })
    expect(navigation).toBe('reload')

    const missing = seen.responses.slice(answeredBefore).find((response) => response.url === oldChunk)
    expect(missing).toMatchObject({ status: 404, contentType: expect.stringContaining('text/plain') })
    expect(seen.htmlForScripts()).toEqual([])
  })

  test('when the new build cannot load its chat view either, the page says so in words after one reload', async ({
    browser,
  }) => {
    // A deploy whose chat-view chunk is missing: every request for it is a 404.
    const broken = join(work, 'build-broken')
    cpSync(buildB, broken, { recursive: true })
    for (const copy of ['', '.br', '.gz']) rmSync(join(broken, 'assets', `${chatViewChunk(buildB)}${copy}`))
    const server = await serve({ WEB_DIST: broken, DATA_DIR: join(work, 'data-broken') })
    const page = await (await browser.newContext()).newPage()
    const seen = watch(page)
    const before = seen.navigations()

    // The join screen asks for the chat view once it is idle: the 404 reloads the page once,
    // and the reloaded page, missing it again, says so before anyone has joined.
    await page.goto(`${server.http}/`)
    const problem = page.getByRole('alert').filter({ hasText: 'Parley could not finish loading' })
    await expect(problem).toBeVisible()
    await expect(problem).toContainText('Check your connection, then reload')
    await expect(page.getByRole('button', { name: 'Reload' })).toBeVisible()
    expect(seen.navigations() - before).toBe(2)

    // Joining anyway asks once more, and shows the same words in place of the chat, without reloading again.
    await page.getByLabel('Username').fill(uniqueName('stranded'))
    await page.getByLabel('Room', { exact: true }).fill(uniqueRoom('broken'))
    await page.getByRole('button', { name: 'Join', exact: true }).click()
    await expect(page.getByRole('heading', { name: 'Parley could not finish loading' })).toBeVisible()
    await expect(page.getByLabel('Username')).toHaveCount(0)
    expect(seen.navigations() - before).toBe(2)
    expect(seen.htmlForScripts()).toEqual([])
  })
})
