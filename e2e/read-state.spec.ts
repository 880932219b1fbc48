import { browserStorageKeys, HISTORY_PAGE_SIZE } from '@parley/events/rules'
import { expect, type Page } from '@playwright/test'
import {
  joinFromForm,
  messageLog,
  messages,
  messageTexts,
  openChat,
  roomButton,
  say,
  seedMessages,
  test,
  uniqueName,
  uniqueRoom,
} from './support.ts'

async function joinAnotherRoom(page: Page, room: string): Promise<void> {
  await page.getByLabel('Room name').fill(room)
  await page.getByRole('button', { name: 'Join room' }).click()
  await expect(messageLog(page, room)).toBeVisible()
}

test('read state follows the session: reading in one browser clears the unread count in another, and a reload keeps it', async ({
  browser,
}) => {
  const talk = uniqueRoom('read-talk')
  const elsewhere = uniqueRoom('read-elsewhere')
  const name = uniqueName('reader')

  // Browser A joins; browser B starts from A's storage, so it holds the same session token.
  const contextA = await browser.newContext()
  const a = await contextA.newPage()
  await a.goto('/')
  await joinFromForm(a, name, talk)
  await joinAnotherRoom(a, elsewhere)
  const storage = await contextA.storageState()
  const tokenOf = (state: typeof storage) =>
    state.origins.flatMap((origin) => origin.localStorage).find((item) => item.name === browserStorageKeys.token)?.value
  expect(tokenOf(storage)).toBeTruthy()
  const contextB = await browser.newContext({ storageState: storage })
  const b = await contextB.newPage()
  await b.goto('/')
  await joinFromForm(b, name, talk)
  await joinAnotherRoom(b, elsewhere)
  expect(tokenOf(await contextB.storageState())).toBe(tokenOf(storage))

  // Messages arrive while both have the room off screen: both count them.
  const bob = await openChat(browser, uniqueName('bob'), talk)
  await say(bob, 'one')
  await say(bob, 'two')
  await say(bob, 'three')
  for (const page of [a, b]) await expect(roomButton(page, talk)).toHaveAccessibleDescription(/3 unread/)

  // Reading in A clears B's count, without B doing anything.
  await roomButton(a, talk).click()
  await expect(messages(a, talk)).toHaveCount(3)
  await expect(roomButton(b, talk)).not.toHaveAccessibleDescription(/unread/)
  await expect(b).toHaveTitle('Parley')

  // A reload of B keeps it read: the position is the server's.
  await b.reload()
  await expect(messageLog(b, elsewhere)).toBeVisible()
  await expect(roomButton(b, talk)).toBeVisible()
  await expect(roomButton(b, talk)).not.toHaveAccessibleDescription(/unread/)

  // A leaves the room for another; what comes next is unread in both, and still after reloading B.
  await roomButton(a, elsewhere).click()
  await expect(messageLog(a, elsewhere)).toBeVisible()
  await say(bob, 'four')
  await say(bob, 'five')
  for (const page of [a, b]) await expect(roomButton(page, talk)).toHaveAccessibleDescription(/2 unread/)
  await b.reload()
  await expect(roomButton(b, talk)).toHaveAccessibleDescription(/2 unread/)

  // Opening it in B shows the "New messages" line where the session's reading stopped, and clears A.
  await roomButton(b, talk).click()
  const divider = messageLog(b, talk).getByTestId('unread-divider')
  await expect(divider).toBeVisible()
  const line = await divider.boundingBox()
  const four = await messages(b, talk).filter({ hasText: 'four' }).boundingBox()
  const three = await messages(b, talk).filter({ hasText: 'three' }).boundingBox()
  expect(line && four && three && three.y < line.y && four.y >= line.y + line.height - 1).toBe(true)
  await expect(roomButton(a, talk)).not.toHaveAccessibleDescription(/unread/)

  await contextA.close()
  await contextB.close()
})

test('a reload counts every unread message, more than one join brings', async ({ browser }) => {
  const talk = uniqueRoom('read-many')
  const elsewhere = uniqueRoom('read-many-else')
  const name = uniqueName('reader')
  const unread = HISTORY_PAGE_SIZE * 2 + 20

  // Two browsers of one session, each with the room off screen.
  const contextA = await browser.newContext()
  const a = await contextA.newPage()
  await a.goto('/')
  await joinFromForm(a, name, talk)
  await joinAnotherRoom(a, elsewhere)
  const contextB = await browser.newContext({ storageState: await contextA.storageState() })
  const b = await contextB.newPage()
  await b.goto('/')
  await joinFromForm(b, name, talk)
  await joinAnotherRoom(b, elsewhere)

  // A reads the room's first message: B's count going is the server holding the position.
  const bob = await openChat(browser, uniqueName('bob'), talk)
  await say(bob, 'first')
  await expect(roomButton(b, talk)).toHaveAccessibleDescription(/1 unread/)
  await roomButton(a, talk).click()
  await expect(messages(a, talk)).toHaveCount(1)
  await expect(roomButton(b, talk)).not.toHaveAccessibleDescription(/unread/)
  await roomButton(a, elsewhere).click()
  await expect(messageLog(a, elsewhere)).toBeVisible()

  // More than one join brings arrive; after a reload B still counts them all.
  const texts = Array.from({ length: unread }, (_, i) => `many ${i + 1}`)
  await seedMessages(bob, talk, texts)
  const described = new RegExp(`\\b${unread} unread`)
  await expect(roomButton(b, talk)).toHaveAccessibleDescription(described)
  await b.reload()
  await expect(messageLog(b, elsewhere)).toBeVisible()
  await expect(roomButton(b, talk)).toHaveAccessibleDescription(described)
  await expect(roomButton(b, talk).getByTestId('room-unread')).toHaveText('99+')
  await expect(b).toHaveTitle(`(${unread}) Parley`)

  // Opening it reads them all, here and in A.
  await roomButton(b, talk).click()
  await expect(messageTexts(b, talk).last()).toHaveText(`many ${unread}`)
  await expect(roomButton(b, talk)).not.toHaveAccessibleDescription(/unread/)
  await expect(b).toHaveTitle('Parley')
  await expect(roomButton(a, talk)).not.toHaveAccessibleDescription(/unread/)

  await contextA.close()
  await contextB.close()
})

test("a room's notification level is the session's: chosen in one browser, shown in the other and after a reload", async ({
  browser,
}) => {
  const room = uniqueRoom('read-level')
  const name = uniqueName('chooser')
  const contextA = await browser.newContext()
  const a = await contextA.newPage()
  await a.goto('/')
  await joinFromForm(a, name, room)
  const contextB = await browser.newContext({ storageState: await contextA.storageState() })
  const b = await contextB.newPage()
  await b.goto('/')
  await joinFromForm(b, name, room)

  const levelIn = (page: Page) => page.getByRole('combobox', { name: `Notifications in #${room}` })
  await expect(levelIn(a)).toHaveValue('mentions')
  // By keyboard, as anyone would: focus the select and pick with the arrow keys.
  await levelIn(a).focus()
  await levelIn(a).selectOption('nothing')
  await expect(levelIn(b)).toHaveValue('nothing')
  await b.reload()
  await expect(levelIn(b)).toHaveValue('nothing')

  await contextA.close()
  await contextB.close()
})
