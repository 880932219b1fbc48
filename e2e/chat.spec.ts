import { expect, test } from '@playwright/test'
import { joinFromForm, messageLog, messages, openChat, people, say, uniqueRoom } from './support.ts'

test('two people in one room talk both ways, and another room hears none of it', async ({ browser }) => {
  const room = uniqueRoom('talk')
  const otherRoom = uniqueRoom('elsewhere')
  const alice = await openChat(browser, 'alice', room)
  const bob = await openChat(browser, 'bob', room)
  const carol = await openChat(browser, 'carol', otherRoom)

  await say(alice, 'Hello Bob')
  await expect(messages(bob, room).filter({ hasText: 'Hello Bob' })).toContainText('alice')
  await say(bob, 'Hi Alice')
  await expect(messages(alice, room).filter({ hasText: 'Hi Alice' })).toContainText('bob')
  await expect(messages(alice, room)).toHaveCount(2)

  await say(carol, 'Anyone here?')
  await expect(messages(carol, otherRoom)).toHaveCount(1)
  await expect(messages(carol, otherRoom)).toContainText('Anyone here?')
  await expect(messages(bob, room)).toHaveCount(2)
})

test('the presence sidebar follows people joining and closing their tab', async ({ browser }) => {
  const room = uniqueRoom('presence')
  const alice = await openChat(browser, 'alice', room)
  await expect(people(alice, room)).toContainText('alice')

  const bob = await openChat(browser, 'bob', room)
  await expect(people(alice, room)).toContainText('bob')
  await expect(people(bob, room)).toContainText('alice')

  await bob.context().close()
  await expect(people(alice, room)).not.toContainText('bob')
  await expect(people(alice, room)).toContainText('alice')
})

test('a bad username shows its error and joins nothing', async ({ page }) => {
  await page.goto('/')
  await page.getByLabel('Username').fill('x'.repeat(51))
  await page.getByRole('button', { name: 'Join', exact: true }).click()
  await expect(page.getByText('A username has at most 50 characters')).toBeVisible()
  await page.getByLabel('Username').fill('   ')
  await page.getByRole('button', { name: 'Join', exact: true }).click()
  await expect(page.getByText('Pick a username')).toBeVisible()
  await expect(page.getByRole('log')).toHaveCount(0)
})

test('a message made of HTML shows as literal text', async ({ browser }) => {
  const room = uniqueRoom('html')
  const alice = await openChat(browser, 'alice', room)
  const bob = await openChat(browser, 'bob', room)
  let dialogs = 0
  bob.on('dialog', async (dialog) => {
    dialogs += 1
    await dialog.dismiss()
  })
  const html = '<img src=x onerror="alert(1)"><b>bold</b><script>alert(2)</script>'
  await say(alice, html)
  const shown = messages(bob, room).filter({ hasText: '<b>bold</b>' })
  await expect(shown).toContainText(html)
  await expect(messageLog(bob, room).locator('img, b, script')).toHaveCount(0)
  expect(dialogs).toBe(0)
})

test('a reload goes back into the room and keeps chatting', async ({ browser }) => {
  const room = uniqueRoom('reload')
  const alice = await openChat(browser, 'alice', room)
  const bob = await openChat(browser, 'bob', room)
  await alice.reload()
  await expect(messageLog(alice, room)).toBeVisible()
  await expect(people(alice, room)).toContainText('bob')
  await say(alice, 'back after a reload')
  await expect(messages(bob, room).filter({ hasText: 'back after a reload' })).toHaveCount(1)
})

test('the join screen remembers the last username', async ({ page }) => {
  const room = uniqueRoom('remember')
  await page.goto('/')
  await joinFromForm(page, 'dora', room)
  const fresh = await page.context().newPage()
  await fresh.goto('/')
  await expect(fresh.getByLabel('Username')).toHaveValue('dora')
})
