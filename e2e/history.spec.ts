import { expect, type Page, test } from '@playwright/test'
import { messageLog, messages, messageTexts, openChat, readDown, say, seedMessages, uniqueRoom } from './support.ts'

function numbered(label: string, from: number, to: number): string[] {
  return Array.from({ length: to - from + 1 }, (_, index) => `${label} ${from + index}`)
}

function reconnecting(page: Page) {
  return page.getByRole('status').filter({ hasText: 'Reconnecting…' })
}

async function joinAnotherRoom(page: Page, room: string): Promise<void> {
  await page.getByLabel('Room name').fill(room)
  await page.getByRole('button', { name: 'Join room' }).click()
  await expect(messageLog(page, room)).toBeVisible()
}

function roomButton(page: Page, room: string) {
  return page.getByRole('navigation', { name: 'Rooms' }).getByRole('button', { name: room, exact: true })
}

test('a tab that was offline catches up on every message, once and in order, in every room', async ({ browser }) => {
  const room = uniqueRoom('offline')
  const quiet = uniqueRoom('offline-other')
  const alice = await openChat(browser, 'alice', room)
  const bob = await openChat(browser, 'bob', quiet)
  await joinAnotherRoom(bob, room)
  await say(alice, 'before the break')
  await expect(messageTexts(bob, room)).toHaveText(['before the break'])

  // Chromium keeps an open WebSocket open (and silent) when the context goes offline:
  // the app has to notice by itself, and says so.
  await bob.context().setOffline(true)
  await expect(reconnecting(bob)).toBeVisible()

  await say(alice, 'while away 1')
  // More than a join answer brings (50), so the rest has to come from history pages.
  const burst = numbered('burst', 1, 70)
  await seedMessages(alice, room, burst)
  await seedMessages(alice, quiet, numbered('elsewhere', 1, 5))
  await say(alice, 'while away 2')
  await expect(messageTexts(alice, room).last()).toHaveText('while away 2')

  await bob.context().setOffline(false)
  // Live traffic while bob is catching up.
  await say(alice, 'right after the return')
  await expect(reconnecting(bob)).toHaveCount(0)

  // Bob reads the room from its top: everything, once and in order.
  await expect(messageTexts(bob, room).last()).toHaveText('right after the return')
  await messageLog(bob, room).evaluate((element) => {
    element.scrollTop = 0
  })
  expect(await readDown(bob, room)).toEqual([
    'before the break',
    'while away 1',
    ...burst,
    'while away 2',
    'right after the return',
  ])
  // The room off screen caught up too, without being opened.
  await expect(roomButton(bob, quiet)).toHaveAccessibleDescription(/5 unread/)
  await roomButton(bob, quiet).click()
  await expect(messageTexts(bob, quiet)).toHaveText(numbered('elsewhere', 1, 5))
})

test('a reload shows the room history', async ({ browser }) => {
  const room = uniqueRoom('history-reload')
  const alice = await openChat(browser, 'alice', room)
  const bob = await openChat(browser, 'bob', room)
  await say(alice, 'first')
  await say(bob, 'second')
  await say(alice, 'third')
  await expect(messageTexts(bob, room)).toHaveText(['first', 'second', 'third'])

  await bob.reload()
  await expect(messageTexts(bob, room)).toHaveText(['first', 'second', 'third'])
  await expect(messageLog(bob, room).getByText(`This is the start of #${room}`)).toBeVisible()

  // A newcomer sees it as well.
  const carol = await openChat(browser, 'carol', room)
  await expect(messageTexts(carol, room)).toHaveText(['first', 'second', 'third'])
})

test('scrolling to the top loads older messages, keeping the reader in place, back to the first', async ({
  browser,
}) => {
  const room = uniqueRoom('scrollback')
  const seeder = await browser.newPage()
  await seeder.goto('/')
  const all = numbered('msg', 1, 120)
  await seedMessages(seeder, room, all)

  const reader = await openChat(browser, 'reader', room)
  const log = messageLog(reader, room)
  const texts = messageTexts(reader, room)
  // The join brought the newest page (50): the DOM holds one unbroken run of it, ending at the newest.
  await expect(texts.last()).toHaveText('msg 120')
  const drawn = await texts.allTextContents()
  expect(drawn).toEqual(all.slice(-drawn.length))
  expect(drawn.length).toBeLessThanOrEqual(50)
  await expect(log.getByText(`This is the start of #${room}`)).toHaveCount(0)
  // Pinned to the newest message.
  await expect(texts.last()).toBeInViewport()

  // One page back: the line the reader was looking at stays where it was. Its place is
  // read in the same task as the scroll, before the app can have loaded anything.
  const anchor = texts.getByText('msg 71', { exact: true })
  const before = await log.evaluate((element) => {
    element.scrollTop = 0
    const line = Array.from(element.querySelectorAll('[data-testid="message-text"]')).find(
      (p) => p.textContent === 'msg 71',
    )
    return line?.getBoundingClientRect().top ?? Number.NaN
  })
  // The page before it has arrived once the line just above the anchor is drawn.
  await expect(texts.getByText('msg 70', { exact: true })).toBeAttached()
  const after = await anchor.evaluate((line) => line.getBoundingClientRect().top)
  expect(Math.abs(after - before)).toBeLessThan(2)
  await expect(anchor).toBeInViewport()

  await expect(async () => {
    await log.evaluate((element) => {
      element.scrollTop = 0
    })
    await expect(texts.getByText('msg 1', { exact: true })).toBeInViewport({ timeout: 1_000 })
  }).toPass({ timeout: 15_000 })
  await expect(log.getByText(`This is the start of #${room}`)).toBeVisible()
  // From the start, the reader reads down to the newest: every message, once and in order.
  expect(await readDown(reader, room)).toEqual(all)
})

test('a message sent offline shows pending, then failed with Retry, and Retry delivers it once', async ({
  browser,
}) => {
  test.setTimeout(180_000)
  const room = uniqueRoom('retry')
  const alice = await openChat(browser, 'alice', room)
  const bob = await openChat(browser, 'bob', room)

  await alice.context().setOffline(true)
  await expect(reconnecting(alice)).toBeVisible()
  await say(alice, 'sent into the void')
  const mine = messages(alice, room).filter({ hasText: 'sent into the void' })
  await expect(mine).toHaveAttribute('data-status', 'pending')
  await expect(mine).toContainText('Sending…')

  // The send gives up after about 10 s.
  await expect(mine).toHaveAttribute('data-status', 'failed', { timeout: 15_000 })
  await expect(mine).toContainText('Not sent: No connection to the server.')
  await expect(mine.getByTestId('message-text')).toHaveText('sent into the void')

  await alice.context().setOffline(false)
  await expect(reconnecting(alice)).toHaveCount(0)
  await expect(messages(bob, room).filter({ hasText: 'sent into the void' })).toHaveCount(0)
  await mine.getByRole('button', { name: 'Retry' }).click()
  await expect(mine).toHaveAttribute('data-status', 'sent')
  await expect(mine.getByRole('button', { name: 'Retry' })).toHaveCount(0)

  await say(bob, 'got it')
  await expect(messageTexts(bob, room)).toHaveText(['sent into the void', 'got it'])
  await expect(messageTexts(alice, room)).toHaveText(['sent into the void', 'got it'])
})

test('a message sent while reconnecting goes out by itself once the connection is back', async ({ browser }) => {
  const room = uniqueRoom('queued')
  const alice = await openChat(browser, 'alice', room)
  const bob = await openChat(browser, 'bob', room)

  await alice.context().setOffline(true)
  await expect(reconnecting(alice)).toBeVisible()
  await say(alice, 'queued while offline')
  const mine = messages(alice, room).filter({ hasText: 'queued while offline' })
  await expect(mine).toHaveAttribute('data-status', 'pending')
  await alice.context().setOffline(false)

  await expect(mine).toHaveAttribute('data-status', 'sent')
  await expect(messageTexts(bob, room)).toHaveText(['queued while offline'])
  await expect(messageTexts(alice, room)).toHaveText(['queued while offline'])
})
