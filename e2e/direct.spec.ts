import { expect, type Page } from '@playwright/test'
import { messageLog, openChat, people, say, test, uniqueRoom } from './support.ts'

/** The room list's "Direct messages" section. */
function directMessages(page: Page) {
  return page.getByRole('navigation', { name: 'Rooms' }).getByRole('region', { name: 'Direct messages' })
}

test('a direct conversation: alice opens it from the people list, bob is told and answers, carol never sees it', async ({
  browser,
}) => {
  const lobby = uniqueRoom('direct-lobby')
  // Carol makes the lobby (and owns it): alice's menu for bob has no moderation, only "Message privately".
  const carol = await openChat(browser, 'carol', lobby)
  const [alice, bob] = await Promise.all([openChat(browser, 'alice', lobby), openChat(browser, 'bob', lobby)])
  await expect(people(alice, lobby).getByText('bob', { exact: true })).toBeVisible()

  // From the keyboard: the person's button, then "Message privately".
  await people(alice, lobby).getByRole('button', { name: 'Actions for bob' }).focus()
  await alice.keyboard.press('Enter')
  const dialog = alice.getByRole('dialog', { name: 'bob' })
  await dialog.getByRole('button', { name: 'Message privately' }).click()
  await expect(dialog).toBeHidden()
  await expect(alice.getByRole('heading', { level: 1 })).toHaveText(/bob\s*\(direct conversation\)/)
  await expect(directMessages(alice).getByRole('button', { name: 'bob', exact: true })).toHaveAttribute(
    'aria-current',
    'true',
  )
  const room = await alice.getByRole('log').getAttribute('aria-label')
  const dm = (room ?? '').replace(/^Messages in /, '')
  expect(dm).toMatch(/^dm-[0-9a-f]{20}$/)

  // Bob's app joins it when told, titled by alice's name, and counts what she says as unread.
  const text = `just us ${uniqueRoom('secret')}`
  const bobsButton = directMessages(bob).getByRole('button', { name: 'alice', exact: true })
  await expect(bobsButton).toBeVisible()
  await say(alice, text)
  await expect(bobsButton).toHaveAccessibleDescription(/unread/)
  await bobsButton.click()
  await expect(messageLog(bob, dm).getByText(text)).toBeVisible()
  // Unique words: the same two people meet in the same room in every run against one server.
  const answer = `hello alice ${uniqueRoom('reply')}`
  await say(bob, answer)
  await expect(messageLog(alice, dm).getByText(answer)).toBeVisible()

  // Carol: not listed, not told, and her join by the room's name is refused in words.
  await expect(directMessages(carol)).toHaveCount(0)
  await carol.getByLabel('Room name').fill(dm)
  await carol.getByRole('button', { name: 'Join room' }).click()
  await expect(carol.getByText('That conversation is between two people: nobody else can join it')).toBeVisible()
  await expect(carol.getByRole('navigation', { name: 'Rooms' }).getByText(dm)).toHaveCount(0)
})
