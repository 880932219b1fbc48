import { expect, type Page } from '@playwright/test'
import { seriousViolations } from './axe.ts'
import { E2E_ADMIN_TOKEN } from './operator-token.ts'
import {
  composer,
  givePersonToken,
  messageLog,
  openChat,
  people,
  roomButton,
  say,
  test,
  uniqueRoom,
} from './support.ts'

/** Joins or creates one more room from the room list's form, private if asked. */
async function joinAnother(page: Page, room: string, options: { private?: boolean } = {}) {
  await page.getByLabel('Room name').fill(room)
  if (options.private) await page.getByLabel('Private room').check()
  await page.getByRole('button', { name: 'Join room' }).click()
}

function settingsDialog(page: Page) {
  return page.getByRole('dialog', { name: /^Settings of #/ })
}

async function openSettings(page: Page) {
  await page.getByRole('button', { name: 'Room settings' }).click()
  await expect(settingsDialog(page)).toBeVisible()
}

test('a private room: joined by its invite link only, its topic, and a member muted then removed, told in words', async ({
  browser,
}, testInfo) => {
  const lobby = uniqueRoom('rights-lobby')
  const room = uniqueRoom('rights-private')
  const alice = await openChat(browser, 'alice', lobby)
  await joinAnother(alice, room, { private: true })
  await expect(messageLog(alice, room)).toBeVisible()
  await expect(alice.getByRole('heading', { level: 1 })).toContainText('(private room)')
  // In the room list: a lock instead of "#", and said in the button's description.
  await expect(roomButton(alice, room).getByTestId('room-lock')).toBeVisible()
  await expect(roomButton(alice, room)).toHaveAccessibleDescription(/^private room/)
  await expect(roomButton(alice, lobby).getByTestId('room-lock')).toHaveCount(0)

  await openSettings(alice)
  const dialog = settingsDialog(alice)
  const linkField = dialog.getByRole('textbox', { name: 'Invite link' })
  await expect(linkField).toHaveValue(/#room=.+&invite=/)
  const link = await linkField.inputValue()
  await dialog.getByRole('textbox', { name: 'Topic' }).fill('**Plans** for Friday')
  await dialog.getByRole('button', { name: 'Save topic' }).click()
  await expect(dialog.getByRole('status').filter({ hasText: 'Topic saved.' })).toBeVisible()
  expect(await seriousViolations(alice, testInfo, 'room settings, owner')).toEqual([])
  await alice.keyboard.press('Escape')
  await expect(dialog).toBeHidden()
  await expect(alice.getByTestId('room-topic')).toHaveText(/Plans for Friday/)
  await expect(messageLog(alice, room).getByText('alice set the topic: **Plans** for Friday')).toBeVisible()

  // Bob follows the link: asked for a name, in the room with the invite, and the fragment is gone.
  const bobContext = await browser.newContext()
  await givePersonToken(bobContext, 'bob')
  const bob = await bobContext.newPage()
  await bob.goto(link)
  await expect(bob.getByText(`You are invited to #${room}`)).toBeVisible()
  await bob.getByLabel('Username').fill('bob')
  await bob.getByRole('button', { name: 'Join', exact: true }).click()
  await expect(messageLog(bob, room)).toBeVisible()
  await expect(bob.getByTestId('room-topic')).toHaveText(/Plans for Friday/)
  await expect.poll(() => new URL(bob.url()).hash).toBe('')

  // Carol, without the link, is refused in words and never sees the room listed.
  const carol = await openChat(browser, 'carol', lobby)
  await joinAnother(carol, room)
  await expect(carol.getByText(`The room "${room}" is private: join it with an invite link`)).toBeVisible()
  await expect(roomButton(carol, room)).toHaveCount(0)
  // With the link, her session (already in the lobby) joins it too.
  await carol.goto(link)
  await expect(messageLog(carol, room)).toBeVisible()
  await expect(roomButton(carol, lobby)).toBeVisible()
  await expect.poll(() => new URL(carol.url()).hash).toBe('')

  // Alice mutes bob: he is told until when, keeps what he typed, and cannot send.
  await people(alice, room).getByRole('button', { name: 'Moderate bob' }).click()
  const moderate = alice.getByRole('dialog', { name: 'Moderate bob' })
  await moderate.getByRole('button', { name: 'Mute 10 minutes' }).click()
  await expect(moderate.getByText('bob is muted for 10 minutes.')).toBeVisible()
  await expect(bob.getByTestId('room-rules')).toContainText(`You are muted in #${room} until`)
  await expect(messageLog(bob, room).getByText('alice muted bob for 10 minutes')).toBeVisible()
  await composer(bob).fill('can anyone hear me?')
  await expect(bob.getByRole('button', { name: 'Send' })).toBeDisabled()
  await expect(composer(bob)).toHaveValue('can anyone hear me?')

  // Then removes him: his room closes with a notice naming who did it.
  await moderate.getByRole('button', { name: 'Remove from room' }).click()
  await expect(bob.getByText(`alice removed you from #${room}.`)).toBeVisible()
  await expect(messageLog(alice, room).getByText('bob was removed by alice')).toBeVisible()
})

test('the operator hands a room over, and the new owner gets its controls', async ({ browser }) => {
  const room = uniqueRoom('rights-handover')
  const alice = await openChat(browser, 'alice', room)
  const bob = await openChat(browser, 'bob', room)
  await say(bob, 'hello from bob')
  await openSettings(bob)
  await expect(settingsDialog(bob).getByText('Owner: alice')).toBeVisible()
  await expect(settingsDialog(bob).getByRole('button', { name: 'Hand over' })).toHaveCount(0)

  const operator = await openChat(browser, 'erin', room)
  await openSettings(operator)
  const dialog = settingsDialog(operator)
  await dialog.getByLabel('Operator token').fill(E2E_ADMIN_TOKEN)
  await dialog.getByRole('button', { name: 'Act as operator' }).click()
  await expect(dialog.getByText("This tab acts as the server's operator")).toBeVisible()
  // A new connection (a reload) presents the token again.
  await operator.reload()
  await expect(messageLog(operator, room)).toBeVisible()
  await openSettings(operator)
  await expect(dialog.getByText("This tab acts as the server's operator")).toBeVisible()
  await dialog.getByLabel('Hand the room to (name)').fill('bob')
  await dialog.getByRole('button', { name: 'Hand over' }).click()
  await expect(dialog.getByText('bob now owns this room.')).toBeVisible()

  await expect(settingsDialog(bob).getByText('Owner: bob')).toBeVisible()
  await expect(settingsDialog(bob).getByRole('button', { name: 'Hand over' })).toBeVisible()
  await expect(messageLog(alice, room).getByText(/handed the room to bob/)).toBeVisible()
  // The new owner deletes anyone's message.
  await bob.keyboard.press('Escape')
  await say(alice, 'a message from alice')
  const message = messageLog(bob, room).getByTestId('message').filter({ hasText: 'a message from alice' })
  await message.hover()
  await message.getByRole('button', { name: 'Delete' }).click()
  await bob.getByRole('dialog').getByRole('button', { name: 'Delete' }).click()
  await expect(messageLog(alice, room).getByText('message deleted')).toBeVisible()
})
