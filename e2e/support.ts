import { type Browser, expect, type Page } from '@playwright/test'

let counter = 0
/** A room name no other test uses, so tests can run side by side on one server. */
export function uniqueRoom(label: string): string {
  counter += 1
  return `${label}-${process.pid}-${counter}-${Math.random().toString(36).slice(2, 6)}`
}

/** Opens the app in a fresh browser context and joins `room` as `username`. */
export async function openChat(browser: Browser, username: string, room: string): Promise<Page> {
  const context = await browser.newContext()
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

/**
 * Stores `texts` in `room` quickly, from the page's origin over a raw WebSocket speaking
 * wsx in JSON (as `username`), and resolves once the server answered every one.
 */
export async function seedMessages(page: Page, room: string, texts: string[], username = 'seed'): Promise<void> {
  await page.evaluate(
    async ({ room, texts, username }) => {
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
          if (answered.size === texts.length) resolve()
        }
      })
      const request = (x: string, id: string, p: object) => JSON.stringify({ v: '1.0', t: 'request', x, id, w: 0, p })
      ws.send(request('join', 'join', { username, room }))
      texts.forEach((message, index) => {
        ws.send(request('sendMessage', `m${index}`, { message, room }))
      })
      await done
      ws.close()
    },
    { room, texts, username },
  )
}
