import { expect, type Page } from '@playwright/test'
import { E2E_ADMIN_TOKEN } from './operator-token.ts'
import { composer, messageLog, openChat, people, say, test, uniqueName, uniqueRoom } from './support.ts'

function settingsDialog(page: Page) {
  return page.getByRole('dialog', { name: /^Settings of #/ })
}

async function openSettings(page: Page) {
  await page.getByRole('button', { name: 'Room settings' }).click()
  await expect(settingsDialog(page)).toBeVisible()
}

test('the owner names carol a moderator from the settings, and her people menu then moderates', async ({ browser }) => {
  const room = uniqueRoom('mod-named')
  const alice = await openChat(browser, 'alice', room)
  const bob = await openChat(browser, 'bob', room)
  const carol = await openChat(browser, 'carol', room)
  await expect(people(carol, room).getByText('bob')).toBeVisible()
  await expect(people(carol, room).getByRole('button', { name: 'Moderate bob' })).toHaveCount(0)

  await openSettings(alice)
  const dialog = settingsDialog(alice)
  await dialog.getByLabel('Name of a new moderator').fill('carol')
  await dialog.getByRole('button', { name: 'Add moderator' }).click()
  await expect(dialog.getByText('carol is now a moderator.')).toBeVisible()
  await expect(dialog.getByRole('list', { name: 'Moderators' })).toContainText('carol')

  // Carol's menu appears for bob, never for the owner; what she does reaches bob.
  await people(carol, room).getByRole('button', { name: 'Moderate bob' }).click()
  await expect(people(carol, room).getByRole('button', { name: 'Moderate alice' })).toHaveCount(0)
  const moderate = carol.getByRole('dialog', { name: 'Moderate bob' })
  await moderate.getByRole('button', { name: 'Mute 10 minutes' }).click()
  await expect(moderate.getByText('bob is muted for 10 minutes.')).toBeVisible()
  await expect(bob.getByTestId('room-rules')).toContainText(`You are muted in #${room} until`)
  // Only the operator bans from the whole server.
  await expect(moderate.getByRole('button', { name: /from the server/ })).toHaveCount(0)
})

test('slow mode set in the settings refuses a second message too soon, in the server words', async ({ browser }) => {
  const room = uniqueRoom('mod-slow')
  const alice = await openChat(browser, 'alice', room)
  const bob = await openChat(browser, 'bob', room)
  await openSettings(alice)
  await settingsDialog(alice)
    .getByRole('combobox', { name: 'Slow mode' })
    .selectOption({ label: 'One message every 1 min' })
  await expect(settingsDialog(alice).getByText('Slow mode: one message every 1 min.')).toBeVisible()
  await expect(bob.getByTestId('room-rules')).toContainText('Slow mode: one message every 1 min')

  await say(bob, 'first, in time')
  await expect(messageLog(alice, room).getByText('first, in time')).toBeVisible()
  await composer(bob).fill('second, too soon')
  await composer(bob).press('Enter')
  await expect(messageLog(bob, room).getByText(/Not sent: Slow mode: you can send again in \d+ s/)).toBeVisible()
  // The owner is not held by it.
  await say(alice, 'the owner goes on')
  await say(alice, 'and on')
  await expect(messageLog(bob, room).getByText('and on')).toBeVisible()
  await expect(messageLog(alice, room).getByText('second, too soon')).toHaveCount(0)
})

test("the operator's server ban closes the person's page with the server's words, and joins are refused until lifted", async ({
  browser,
}) => {
  const room = uniqueRoom('mod-server-ban')
  const banned = uniqueName('mallory')
  const operator = await openChat(browser, 'erin', room)
  const mallory = await openChat(browser, banned, room)
  await openSettings(operator)
  await settingsDialog(operator).getByLabel('Operator token').fill(E2E_ADMIN_TOKEN)
  await settingsDialog(operator).getByRole('button', { name: 'Act as operator' }).click()
  await expect(settingsDialog(operator).getByText("This tab acts as the server's operator")).toBeVisible()
  await operator.keyboard.press('Escape')

  const sockets: string[] = []
  mallory.on('websocket', (socket) => sockets.push(socket.url()))
  await people(operator, room)
    .getByRole('button', { name: `Moderate ${banned}` })
    .click()
  const moderate = operator.getByRole('dialog', { name: `Moderate ${banned}` })
  await moderate.getByRole('button', { name: 'Ban from the server for good' }).click()
  await expect(moderate.getByText(`${banned} is banned from the server for good.`)).toBeVisible()

  // Her page leaves the chat for the join screen, saying why; joining again is refused in words.
  await expect(mallory.getByRole('alert')).toHaveText('Banned from this server for good.')
  await expect(mallory.getByRole('button', { name: 'Join', exact: true })).toBeVisible()
  await mallory.getByRole('button', { name: 'Join', exact: true }).click()
  await expect(mallory.getByRole('alert')).toHaveText('You are banned from this server for good')
  // One reconnection, not a stream of them.
  expect(sockets.length).toBeLessThanOrEqual(1)

  await moderate.getByRole('button', { name: 'Lift server ban' }).click()
  await expect(moderate.getByText(`${banned} may come back to the server.`)).toBeVisible()
  await mallory.getByRole('button', { name: 'Join', exact: true }).click()
  await expect(messageLog(mallory, room)).toBeVisible()
})
