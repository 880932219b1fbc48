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
