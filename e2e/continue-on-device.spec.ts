import { expect, type Page } from '@playwright/test'
import { seriousViolations } from './axe.ts'
import {
  composer,
  messageLog,
  messages,
  messageTexts,
  openChat,
  roomButton,
  say,
  test,
  uniqueName,
  uniqueRoom,
} from './support.ts'

function messageWith(page: Page, room: string, text: string) {
  return messages(page, room).filter({ has: page.getByTestId('message-text').getByText(text, { exact: true }) })
}

test('a link from one browser continues the session in another: same name, same rooms, own messages editable; it works once', async ({
  browser,
}, testInfo) => {
  const name = uniqueName('alice')
  const room = uniqueRoom('continue')
  const second = uniqueRoom('continue-more')
  const laptop = await openChat(browser, name, second)
  await laptop.getByLabel('Room name').fill(room)
  await laptop.getByRole('button', { name: 'Join room' }).click()
  await expect(messageLog(laptop, room)).toBeVisible()
  await say(laptop, 'typed on the laptop')

  // The link: shown with a QR code and when it stops working, and copied in one click.
  await laptop.context().grantPermissions(['clipboard-read', 'clipboard-write'])
  await laptop.getByRole('button', { name: 'Continue on another device' }).click()
  const dialog = laptop.getByRole('dialog', { name: 'Continue on another device' })
  await expect(dialog.getByRole('img', { name: 'QR code of the link, to scan with a phone' })).toBeVisible()
  const link = await dialog.getByRole('textbox', { name: 'Link' }).inputValue()
  expect(link).toMatch(/^http:\/\/[^/]+\/#continue=[\w-]{43}$/)
  await expect(dialog.getByText(/Works until .+ \(in 5 min\)\./)).toBeVisible()
  await dialog.getByRole('button', { name: 'Copy' }).click()
  await expect(dialog.getByText('Copied.', { exact: false })).toBeVisible()
  expect(await laptop.evaluate(() => navigator.clipboard.readText())).toBe(link)
  expect(await seriousViolations(laptop, testInfo, 'continue dialog')).toEqual([])
  await laptop.keyboard.press('Escape')
  await expect(dialog).toHaveCount(0)
  await expect(laptop.getByRole('button', { name: 'Continue on another device' })).toBeFocused()

  // Another browser opens it: it is alice there, in both rooms, with the code gone from the address.
  const phone = await (await browser.newContext()).newPage()
  await phone.goto(link)
  await expect(messageLog(phone, room)).toBeVisible()
  expect(new URL(phone.url()).hash).toBe('')
  await expect(roomButton(phone, second)).toBeVisible()
  await expect(phone.getByRole('navigation', { name: 'Rooms' }).getByText(name, { exact: true })).toBeVisible()
  await expect(messageTexts(phone, room)).toHaveText(['typed on the laptop'])

  // The message sent from the laptop is the phone's to edit: one session.
  await messageWith(phone, room, 'typed on the laptop').hover()
  await messageWith(phone, room, 'typed on the laptop').getByRole('button', { name: 'Edit', exact: true }).click()
  await composer(phone).fill('edited on the phone')
  await phone.getByRole('button', { name: 'Save' }).click()
  await expect(messageTexts(laptop, room)).toHaveText(['edited on the phone'])

  // The same link, again, in a third browser: refused in words on the join screen.
  const third = await (await browser.newContext()).newPage()
  await third.goto(link)
  await expect(third.getByRole('alert')).toContainText('This link has been used or has expired')
  await expect(third.getByRole('heading', { name: 'Welcome to Parley' })).toBeVisible()
  await expect(third.getByLabel('Username')).toBeEditable()
  expect(new URL(third.url()).hash).toBe('')
})
