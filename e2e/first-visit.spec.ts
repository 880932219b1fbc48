// A first visit: the join screen paints and takes a name and a room on the entry chunk (with
// the chunks it imports, which index.html preloads) and the stylesheet alone. The connection
// module and the chat view are asked for at once and once the screen is idle; here every
// other JavaScript file is held back until after the person has pressed Join, and the chat
// opens as soon as they arrive.
import { expect, type Page, type Route } from '@playwright/test'
import { givePersonToken, messageLog, messageTexts, say, test, uniqueName, uniqueRoom } from './support.ts'

/** The scripts index.html names: its entry, and the chunks the entry imports (preloaded). */
async function initialScripts(page: Page): Promise<{ entry: string; initial: string[] }> {
  const html = await (await page.request.get('/')).text()
  const entry = html.match(/<script type="module"[^>]* src="(\/assets\/[^"]+\.js)"/)?.[1]
  if (!entry) throw new Error(`index.html names no entry script:\n${html}`)
  const preloaded = [...html.matchAll(/<link rel="modulepreload"[^>]* href="(\/assets\/[^"]+\.js)"/g)]
  return { entry, initial: [entry, ...preloaded.map(([, path]) => path ?? '')] }
}

test('the join screen works on the initial chunks alone, and the chat opens once the rest arrives', async ({
  browser,
}) => {
  const context = await browser.newContext()
  const name = uniqueName('first')
  await givePersonToken(context, name)
  const page = await context.newPage()
  const room = uniqueRoom('first-visit')
  const { entry, initial } = await initialScripts(page)

  const held: Route[] = []
  const heldPaths = () => held.map((route) => new URL(route.request().url()).pathname)
  const laterScript = (url: URL) =>
    url.pathname.startsWith('/assets/') && url.pathname.endsWith('.js') && !initial.includes(url.pathname)
  let released = false
  await page.route(laterScript, (route) => (released ? route.continue() : void held.push(route)))
  const arrived: string[] = []
  page.on('response', (response) => {
    if (response.request().resourceType() === 'script') arrived.push(new URL(response.url()).pathname)
  })

  const entryResponse = page.waitForResponse((response) => new URL(response.url()).pathname === entry)
  await page.goto('/')
  const entryHeaders = (await entryResponse).headers()
  expect(entryHeaders['content-encoding']).toBe('br')
  expect(entryHeaders['cache-control']).toBe('public, max-age=31536000, immutable')

  await expect(page.getByRole('heading', { name: 'Welcome to Parley' })).toBeVisible()
  await page.getByLabel('Username').fill(name)
  await page.getByLabel('Room', { exact: true }).fill(room)
  await expect(page.getByLabel('Username')).toHaveValue(name)
  await expect(page.getByLabel('Room', { exact: true })).toHaveValue(room)
  // Both later chunks were asked for without anyone joining: the chat view once the screen was idle.
  await expect
    .poll(() => heldPaths().map((path) => path.replace(/-[\w-]+\.js$/, '')))
    .toEqual(expect.arrayContaining(['/assets/connection', '/assets/ChatLayout']))

  await page.getByRole('button', { name: 'Join', exact: true }).click()
  await expect(page.locator('form[aria-busy="true"]')).toBeVisible()
  expect(arrived.toSorted()).toEqual(initial.toSorted())

  released = true
  await Promise.all(held.splice(0).map((route) => route.continue()))
  await expect(messageLog(page, room)).toBeVisible()
  await say(page, 'hello from a first visit')
  await expect(messageTexts(page, room)).toHaveText(['hello from a first visit'])

  // The chat view was asked for only once the join screen had painted: it took no bandwidth from it.
  const [painted, chatView] = await page.evaluate(() => [
    performance.getEntriesByName('first-contentful-paint')[0]?.startTime,
    performance.getEntriesByType('resource').find((entry) => /\/ChatLayout-[\w-]+\.js$/.test(entry.name))?.startTime,
  ])
  expect(painted).toBeDefined()
  expect(chatView).toBeGreaterThan(painted ?? Number.POSITIVE_INFINITY)
})
