import { createHash } from 'node:crypto'
import { browserStorageKeys } from '@parley/events/rules'
import { type Browser, type BrowserContext, test as base, expect, type Page } from '@playwright/test'

/**
 * Playwright's `test`, closing after each test every browser context it opened: each
 * holds a socket, and the server limits how many one address may hold.
 */
export const test = base.extend<{ closeOpenedContexts: undefined }>({
  closeOpenedContexts: [
    async ({ browser }, use) => {
      const before = new Set(browser.contexts())
      await use(undefined)
      await Promise.all(browser.contexts().map((context) => (before.has(context) ? undefined : context.close())))
    },
    { auto: true },
  ],
})

let counter = 0
/** A room name no other test uses, so tests can run side by side on one server. */
export function uniqueRoom(label: string): string {
  counter += 1
  return `${label}-${process.pid}-${counter}-${Math.random().toString(36).slice(2, 6)}`
}

/** A username no other test uses (a name is held server-wide while its holder is connected). */
export function uniqueName(label: string): string {
  return uniqueRoom(label)
}

/**
 * The session token of the test person called `username`: the same in every test, so
 * the "alice" of one test and the "alice" of a test running beside it are one person
 * (the server refuses a name to anyone but the session holding it).
 */
export function personToken(username: string): string {
  return `e2e-${createHash('sha256').update(username).digest('base64url')}`
}

/** Makes every page of `context` start with `username`'s session token, unless the app stored another. */
export async function givePersonToken(context: BrowserContext, username: string): Promise<void> {
  await context.addInitScript(
    ({ key, token }) => {
      try {
        if (localStorage.getItem(key) === null) localStorage.setItem(key, token)
      } catch {
        // A page without storage (about:blank): nothing to do.
      }
    },
    { key: browserStorageKeys.token, token: personToken(username) },
  )
}

/** The contexts `openChat` opened, and the test that opened each. */
const openedContexts = new Map<BrowserContext, string>()

/**
 * Closes the contexts `openChat` opened for tests that are over (a worker runs one test at
 * a time), for specs that use Playwright's own `test` rather than this file's.
 */
async function closeEarlierTestsContexts(): Promise<void> {
  const current = base.info().testId
  const over = [...openedContexts].filter(([, testId]) => testId !== current).map(([context]) => context)
  for (const context of over) openedContexts.delete(context)
  await Promise.all(over.map((context) => context.close()))
}

/**
 * The app in a fresh browser context in `theme` (the system's; the app follows it) at
 * `viewport`, as the test person `username`, not joined yet.
 */
export async function arriveInTheme(
  browser: Browser,
  theme: 'light' | 'dark',
  username: string,
  viewport = { width: 1280, height: 720 },
): Promise<Page> {
  const context = await browser.newContext({ colorScheme: theme, viewport })
  await givePersonToken(context, username)
  const page = await context.newPage()
  await page.goto('/')
  await expect(page.locator('html')).toHaveAttribute('data-theme', theme)
  return page
}

/** Opens the app in a fresh browser context and joins `room` as `username` (the test person of that name). */
export async function openChat(browser: Browser, username: string, room: string): Promise<Page> {
  await closeEarlierTestsContexts()
  const context = await browser.newContext()
  openedContexts.set(context, base.info().testId)
  await givePersonToken(context, username)
  const page = await context.newPage()
  await page.goto('/')
  await joinFromForm(page, username, room)
  return page
}

export async function joinFromForm(page: Page, username: string, room: string): Promise<void> {
  await page.getByLabel('Username').fill(username)
  await page.getByLabel('Room', { exact: true }).fill(room)
  await page.getByRole('button', { name: 'Join', exact: true }).click()
  await expect(messageLog(page, room)).toBeVisible()
}

export function messageLog(page: Page, room: string) {
  return page.getByRole('log', { name: `Messages in ${room}` })
}

export function people(page: Page, room: string) {
  return page.getByRole('complementary', { name: `People in ${room}` })
}

export function messages(page: Page, room: string) {
  return messageLog(page, room).getByTestId('message')
}

/** Types a message in the composer and sends it with Enter. */
export async function say(page: Page, text: string): Promise<void> {
  const composer = page.getByLabel('Message', { exact: true })
  await composer.fill(text)
  await composer.press('Enter')
  await expect(composer).toHaveValue('')
}

/** The texts of a room's messages, in the order shown. */
export function messageTexts(page: Page, room: string) {
  return messages(page, room).getByTestId('message-text')
}

/** How many messages one seeding socket sends: within the server's burst allowance (20 by default). */
const SEED_BATCH = 10

/**
 * Stores `texts` in `room` quickly and in order, from the page's origin over raw WebSockets
 * speaking wsx in JSON (as `username`), and resolves once the server answered every one.
 * Each socket sends one batch and waits for its answers, so no socket exceeds the rate limit.
 */
export async function seedMessages(page: Page, room: string, texts: string[], username = 'seed'): Promise<void> {
  await page.evaluate(
    async ({ room, texts, username, token, batchSize }) => {
      const request = (x: string, id: string, p: object) => JSON.stringify({ v: '1.0', t: 'request', x, id, w: 0, p })
      async function sendBatch(batch: string[]): Promise<void> {
        const ws = new WebSocket(`${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/ws`)
        await new Promise((resolve, reject) => {
          ws.onopen = resolve
          ws.onerror = () => reject(new Error('The seeding socket did not open'))
        })
        const answered = new Set<string>()
        const done = new Promise<void>((resolve, reject) => {
          ws.onmessage = async (event: MessageEvent<string | Blob>) => {
            const frame = JSON.parse(typeof event.data === 'string' ? event.data : await event.data.text())
            if (frame.t === 'response_error') reject(new Error(`Seeding failed: ${frame.e?.message}`))
            if (frame.t !== 'response_ok' || frame.x !== 'sendMessage') return
            answered.add(frame.id)
            if (answered.size === batch.length) resolve()
          }
        })
        ws.send(request('join', 'join', { username, room, token }))
        batch.forEach((message, index) => {
          ws.send(request('sendMessage', `m${index}`, { message, room }))
        })
        await done
        ws.close()
      }
      for (let start = 0; start < texts.length; start += batchSize) {
        await sendBatch(texts.slice(start, start + batchSize))
      }
    },
    { room, texts, username, token: personToken(username), batchSize: SEED_BATCH },
  )
}

/** A room's button in the room list (its accessible name is the room's name; counts are its description). */
export function roomButton(page: Page, room: string) {
  return page.getByRole('navigation', { name: 'Rooms' }).getByRole('button', { name: room, exact: true })
}

/** The composer's text box. */
export function composer(page: Page) {
  return page.getByLabel('Message', { exact: true })
}

/**
 * Stores many messages in `room` fast: each text goes once, from raw WebSockets speaking wsx
 * in JSON (as `username`), `perSocket` messages on each (within the server's burst of 20) and
 * `sockets` of them open at once (the server allows 20 per address, shared with the tests
 * running beside this one). Resolves once the server answered every message. Order across
 * sockets is not kept: use it where order does not matter, or number the texts.
 */
export async function seedManyMessages(
  page: Page,
  room: string,
  texts: string[],
  { username = 'seed', sockets = 6, perSocket = 20 } = {},
): Promise<void> {
  await page.evaluate(
    async ({ room, texts, username, token, sockets, perSocket }) => {
      const request = (x: string, id: string, p: object) => JSON.stringify({ v: '1.0', t: 'request', x, id, w: 0, p })
      async function sendBatch(batch: string[]): Promise<void> {
        const ws = new WebSocket(`${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/ws`)
        await new Promise((resolve, reject) => {
          ws.onopen = resolve
          ws.onerror = () => reject(new Error('A seeding socket did not open'))
        })
        const closed = new Promise((resolve) => {
          ws.onclose = resolve
        })
        let answered = 0
        await new Promise<void>((resolve, reject) => {
          ws.onmessage = async (event: MessageEvent<string | Blob>) => {
            const frame = JSON.parse(typeof event.data === 'string' ? event.data : await event.data.text())
            if (frame.t === 'response_error') reject(new Error(`Seeding failed: ${frame.e?.message}`))
            if (frame.t !== 'response_ok' || frame.x !== 'sendMessage') return
            answered += 1
            if (answered === batch.length) resolve()
          }
          ws.send(request('join', 'join', { username, room, token }))
          batch.forEach((message, index) => {
            ws.send(request('sendMessage', `m${index}`, { message, room }))
          })
        })
        ws.close()
        // The server counts a socket until it has closed: wait, so the next ones fit under its limit.
        await closed
      }
      const batches: string[][] = []
      for (let start = 0; start < texts.length; start += perSocket) batches.push(texts.slice(start, start + perSocket))
      let next = 0
      await Promise.all(
        Array.from({ length: Math.min(sockets, batches.length) }, async () => {
          while (next < batches.length) {
            const batch = batches[next]
            next += 1
            if (batch) await sendBatch(batch)
          }
        }),
      )
    },
    { room, texts, username, token: personToken(username), sockets, perSocket },
  )
}

/** The messages in view in a room's log at one scroll position, top to bottom. */
interface View {
  /** The texts of the messages at least partly in view, in the order they stand on screen. */
  inView: string[]
  /** The `data-seq` of every message row in the DOM, in DOM order. */
  drawn: number[]
  scrollTop: number
  atBottom: boolean
}

function readView(log: ReturnType<typeof messageLog>): Promise<View> {
  return log.evaluate((element) => {
    const box = element.getBoundingClientRect()
    const rows = Array.from(element.querySelectorAll<HTMLElement>('[data-testid="message"]'))
    const inView = rows
      .map((row) => ({ rect: row.getBoundingClientRect(), row }))
      .filter(({ rect }) => rect.bottom > box.top && rect.top < box.bottom && rect.height > 0)
      .sort((a, b) => a.rect.top - b.rect.top)
      .map(({ row }) => row.querySelector('[data-testid="message-text"]')?.textContent ?? '')
    return {
      inView,
      drawn: rows.map((row) => Number(row.dataset.seq)),
      scrollTop: element.scrollTop,
      atBottom: element.scrollHeight - element.scrollTop - element.clientHeight < 1,
    }
  })
}

/**
 * Reads a room's log as a person would: from where it is scrolled now down to the bottom,
 * most of a screenful at a time, keeping the text of every message that comes into view,
 * in the order they stand on screen. The log is virtualised, so only rows near the viewport
 * are in the DOM: what counts is what a reader reaches. At each stop it waits until two
 * reads agree (the rows in view are drawn and measured), and checks that the rows in the DOM
 * are one unbroken run of the room's log.
 */
export async function readDown(page: Page, room: string): Promise<string[]> {
  const log = messageLog(page, room)
  const read: string[] = []
  for (let stop = 0; stop < 500; stop++) {
    let view: View | undefined
    await expect
      .poll(
        async () => {
          const previous = view
          view = await readView(log)
          return previous !== undefined && JSON.stringify(previous) === JSON.stringify(view)
        },
        { intervals: [50] },
      )
      .toBe(true)
    if (!view) throw new Error('the log was never read')
    const seqs = view.drawn.filter((seq) => Number.isFinite(seq))
    expect(seqs, 'the rows in the DOM are one run of the log').toEqual(seqs.map((_, index) => (seqs[0] ?? 0) + index))
    // Consecutive stops overlap: carry on after the last message already read.
    const overlap = read.length === 0 ? -1 : view.inView.lastIndexOf(read.at(-1) ?? '')
    if (read.length > 0 && overlap < 0) throw new Error(`stop ${stop} does not take up where the last one ended`)
    read.push(...view.inView.slice(overlap + 1))
    if (view.atBottom) return read
    await log.evaluate((element) => element.scrollBy(0, element.clientHeight * 0.8))
  }
  throw new Error('the log never reached its bottom')
}

/**
 * Joins `room` as `username` on a raw WebSocket from the page's origin (wsx in JSON), sends
 * one request, and resolves with its answer's payload: for what the UI cannot do in one
 * step (a reply to a message the page has not loaded, say).
 */
export async function requestOverSocket(
  page: Page,
  room: string,
  event: string,
  payload: Record<string, unknown>,
  username = 'seed',
): Promise<Record<string, unknown>> {
  return page.evaluate(
    async ({ room, event, payload, username, token }) => {
      const request = (x: string, id: string, p: object) => JSON.stringify({ v: '1.0', t: 'request', x, id, w: 0, p })
      const ws = new WebSocket(`${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/ws`)
      await new Promise((resolve, reject) => {
        ws.onopen = resolve
        ws.onerror = () => reject(new Error('The socket did not open'))
      })
      const answer = await new Promise<Record<string, unknown>>((resolve, reject) => {
        ws.onmessage = async (message: MessageEvent<string | Blob>) => {
          const frame = JSON.parse(typeof message.data === 'string' ? message.data : await message.data.text())
          if (frame.t === 'response_error') reject(new Error(`${frame.x} failed: ${frame.e?.message}`))
          if (frame.t === 'response_ok' && frame.id === 'it') resolve(frame.p)
        }
        ws.send(request('join', 'join', { username, room, token }))
        ws.send(request(event, 'it', { room, ...payload }))
      })
      ws.close()
      return answer
    },
    { room, event, payload, username, token: personToken(username) },
  )
}
