import { type Browser, expect, type Page } from '@playwright/test'
import { seriousViolations } from './axe.ts'
import {
  composer,
  givePersonToken,
  joinFromForm,
  messageLog,
  messages,
  messageTexts,
  openChat,
  readDown,
  requestOverSocket,
  say,
  seedMessages,
  test,
  uniqueRoom,
} from './support.ts'

/** The message whose own text is `text` (not a reply that quotes it). */
function messageWith(page: Page, room: string, text: string) {
  return messages(page, room).filter({ has: page.getByTestId('message-text').getByText(text, { exact: true }) })
}

/** A message's actions toolbar. */
function actionsOf(page: Page, room: string, text: string) {
  return messageWith(page, room, text).getByRole('toolbar')
}

/** Hovers the message and presses one of its actions (Add a reaction, Reply, Edit, Delete). */
async function act(page: Page, room: string, text: string, action: string): Promise<void> {
  await messageWith(page, room, text).hover()
  await actionsOf(page, room, text).getByRole('button', { name: action, exact: true }).click()
}

function chip(page: Page, room: string, text: string, emoji: string) {
  return messageWith(page, room, text).getByTestId('reaction').filter({ hasText: emoji })
}

function picker(page: Page) {
  return page.getByRole('dialog', { name: 'Add a reaction' })
}

function numbered(label: string, from: number, to: number): string[] {
  return Array.from({ length: to - from + 1 }, (_, index) => `${label} ${from + index}`)
}

test('a message is edited with ↑ in the empty composer or from its actions, and stays edited after a reload', async ({
  browser,
}) => {
  const room = uniqueRoom('edit')
  const alice = await openChat(browser, 'alice', room)
  const bob = await openChat(browser, 'bob', room)
  await say(alice, 'helo wrold')
  await say(bob, 'what?')
  await expect(messageTexts(alice, room)).toHaveText(['helo wrold', 'what?'])

  // ↑ in the empty composer takes alice's last message (not bob's, which came after).
  await composer(alice).press('ArrowUp')
  await expect(alice.getByTestId('editing-banner')).toContainText('Editing your message')
  await expect(composer(alice)).toHaveValue('helo wrold')
  await composer(alice).fill('hello world')
  await composer(alice).press('Enter')
  await expect(alice.getByTestId('editing-banner')).toHaveCount(0)
  await expect(composer(alice)).toHaveValue('')
  for (const page of [alice, bob]) {
    await expect(messageTexts(page, room)).toHaveText(['hello world', 'what?'])
    const mark = messageWith(page, room, 'hello world').getByTestId('message-edited')
    await expect(mark).toHaveText('(edited)')
    await expect(mark).toHaveAttribute('title', /^Edited /)
  }

  // Escape leaves the message as it was, and the draft comes back.
  await composer(alice).fill('a draft')
  await act(alice, room, 'hello world', 'Edit')
  await expect(composer(alice)).toHaveValue('hello world')
  await expect(composer(alice)).toBeFocused()
  await composer(alice).fill('never saved')
  await composer(alice).press('Escape')
  await expect(composer(alice)).toHaveValue('a draft')
  await expect(messageTexts(alice, room)).toHaveText(['hello world', 'what?'])

  // An empty text is refused like an empty message; Save sends the edit.
  await act(alice, room, 'hello world', 'Edit')
  await composer(alice).fill('   ')
  await expect(alice.getByRole('alert')).toHaveText('A message cannot be empty: to remove it, delete it')
  await expect(alice.getByRole('button', { name: 'Save' })).toBeDisabled()
  await composer(alice).fill('hello, world')
  await alice.getByRole('button', { name: 'Save' }).click()
  await expect(messageTexts(bob, room)).toHaveText(['hello, world', 'what?'])
  await expect(composer(alice)).toHaveValue('a draft')

  // Only our own messages can be edited; only our own deleted, unless the room is ours
  // (alice opened it, so she owns it and may delete bob's).
  await messageWith(alice, room, 'what?').hover()
  await expect(actionsOf(alice, room, 'what?').getByRole('button', { name: 'Reply' })).toBeVisible()
  await expect(actionsOf(alice, room, 'what?').getByRole('button', { name: 'Edit' })).toHaveCount(0)
  await expect(actionsOf(alice, room, 'what?').getByRole('button', { name: 'Delete' })).toHaveCount(1)
  await messageWith(bob, room, 'hello, world').hover()
  await expect(actionsOf(bob, room, 'hello, world').getByRole('button', { name: 'Reply' })).toBeVisible()
  await expect(actionsOf(bob, room, 'hello, world').getByRole('button', { name: 'Edit' })).toHaveCount(0)
  await expect(actionsOf(bob, room, 'hello, world').getByRole('button', { name: 'Delete' })).toHaveCount(0)

  for (const page of [alice, bob]) {
    await page.reload()
    await expect(messageTexts(page, room)).toHaveText(['hello, world', 'what?'])
    await expect(messageWith(page, room, 'hello, world').getByTestId('message-edited')).toHaveText('(edited)')
  }
})

test('deleting asks once, and leaves a "message deleted" marker in its place, also after a reload', async ({
  browser,
}) => {
  const room = uniqueRoom('delete')
  const alice = await openChat(browser, 'alice', room)
  const bob = await openChat(browser, 'bob', room)
  for (const text of ['one', 'two', 'three']) await say(alice, text)
  await expect(messageTexts(bob, room)).toHaveText(['one', 'two', 'three'])

  const question = alice.getByRole('dialog', { name: 'Delete this message?' })
  await act(alice, room, 'two', 'Delete')
  await expect(question).toBeVisible()
  await expect(question).toContainText('two')
  await expect(question.getByRole('button', { name: 'Cancel' })).toBeFocused()
  await question.getByRole('button', { name: 'Cancel' }).click()
  await expect(question).toHaveCount(0)
  await expect(messageTexts(alice, room)).toHaveText(['one', 'two', 'three'])

  await act(alice, room, 'two', 'Delete')
  await question.getByRole('button', { name: 'Delete' }).click()
  for (const page of [alice, bob]) {
    await expect(messageTexts(page, room)).toHaveText(['one', 'message deleted', 'three'])
    // The marker has no actions: nothing more can be done to it.
    await expect(messages(page, room).nth(1).getByRole('toolbar')).toHaveCount(0)
  }
  await messageWith(bob, room, 'one').hover()
  await expect(actionsOf(bob, room, 'one').getByRole('button', { name: 'Delete' })).toHaveCount(0)

  for (const page of [alice, bob]) {
    await page.reload()
    await expect(messageTexts(page, room)).toHaveText(['one', 'message deleted', 'three'])
  }
})

test('reactions are added and taken back from two browsers, with who reacted, and stay after a reload', async ({
  browser,
}) => {
  const room = uniqueRoom('react')
  const alice = await openChat(browser, 'alice', room)
  const bob = await openChat(browser, 'bob', room)
  await say(bob, 'lunch at noon?')
  await expect(messageTexts(alice, room)).toHaveText(['lunch at noon?'])
  // The row of the message stays the same element throughout: a reaction does not redraw (and re-announce) it.
  await messageWith(bob, room, 'lunch at noon?').evaluate((row) => {
    ;(row as HTMLElement & { kept?: boolean }).kept = true
  })

  await act(alice, room, 'lunch at noon?', 'Add a reaction')
  await expect(picker(alice)).toBeVisible()
  await picker(alice).getByRole('button', { name: '👍', exact: true }).click()
  await expect(picker(alice)).toHaveCount(0)
  await expect(chip(alice, room, 'lunch at noon?', '👍')).toHaveText('👍1')
  await expect(chip(alice, room, 'lunch at noon?', '👍')).toHaveAttribute('aria-pressed', 'true')
  await expect(chip(bob, room, 'lunch at noon?', '👍')).toHaveText('👍1')
  await expect(chip(bob, room, 'lunch at noon?', '👍')).toHaveAttribute('aria-pressed', 'false')
  await expect(chip(bob, room, 'lunch at noon?', '👍')).toHaveAccessibleDescription('alice reacted with 👍')

  await chip(bob, room, 'lunch at noon?', '👍').click()
  await expect(chip(bob, room, 'lunch at noon?', '👍')).toHaveAttribute('aria-pressed', 'true')
  await expect(chip(alice, room, 'lunch at noon?', '👍')).toHaveText('👍2')
  await expect(chip(alice, room, 'lunch at noon?', '👍')).toHaveAccessibleDescription('bob and you reacted with 👍')
  // Who reacted shows on hover, as well as to screen readers.
  await chip(alice, room, 'lunch at noon?', '👍').hover()
  await expect(alice.getByRole('tooltip', { name: 'bob and you reacted with 👍' })).toBeVisible()

  // Alice takes hers back.
  await chip(alice, room, 'lunch at noon?', '👍').click()
  await expect(chip(alice, room, 'lunch at noon?', '👍')).toHaveAttribute('aria-pressed', 'false')
  await expect(chip(bob, room, 'lunch at noon?', '👍')).toHaveText('👍1')
  await expect(chip(bob, room, 'lunch at noon?', '👍')).toHaveAccessibleDescription('you reacted with 👍')

  // Any emoji by typing it, and only an emoji.
  await messageWith(alice, room, 'lunch at noon?').getByRole('button', { name: 'Add a reaction' }).first().click()
  const field = picker(alice).getByLabel('Any emoji')
  await field.fill('yes!')
  await picker(alice).getByRole('button', { name: 'Add' }).click()
  await expect(picker(alice).getByRole('alert')).toHaveText('A reaction is a single emoji, such as 🚀.')
  await field.fill('🚀')
  await field.press('Enter')
  await expect(chip(bob, room, 'lunch at noon?', '🚀')).toHaveText('🚀1')
  await expect(chip(bob, room, 'lunch at noon?', '🚀').locator('xpath=ancestor::*[@aria-live][1]')).toHaveAttribute(
    'aria-live',
    'off',
  )
  expect(await messageWith(bob, room, 'lunch at noon?').evaluate((row) => 'kept' in row)).toBe(true)

  for (const page of [alice, bob]) await page.reload()
  await expect(chip(alice, room, 'lunch at noon?', '👍')).toHaveAttribute('aria-pressed', 'false')
  await expect(chip(alice, room, 'lunch at noon?', '🚀')).toHaveAttribute('aria-pressed', 'true')
  await expect(chip(bob, room, 'lunch at noon?', '👍')).toHaveAttribute('aria-pressed', 'true')
  await expect(chip(bob, room, 'lunch at noon?', '🚀')).toHaveText('🚀1')
})

test('a reply quotes its message; the quote brings it into view, loading it when it is far back', async ({
  browser,
}) => {
  test.setTimeout(120_000)
  const room = uniqueRoom('reply')
  const alice = await openChat(browser, 'alice', room)
  const bob = await openChat(browser, 'bob', room)
  await say(alice, 'the question')

  // The reply being written shows above the composer, and can be called off.
  await act(bob, room, 'the question', 'Reply')
  const replying = bob.getByTestId('replying-to')
  await expect(replying).toHaveText('Replying to alice: the question')
  await expect(composer(bob)).toBeFocused()
  await bob.getByRole('button', { name: 'Cancel reply' }).click()
  await expect(replying).toHaveCount(0)
  await act(bob, room, 'the question', 'Reply')
  await say(bob, 'the answer')
  await expect(replying).toHaveCount(0)
  for (const page of [alice, bob]) {
    await expect(messageWith(page, room, 'the answer').getByTestId('reply-quote')).toHaveText(/alice\s*the question/)
  }

  // Far more messages than a join brings, then one more reply to the first message.
  const seeded = numbered('filler', 1, 120)
  await seedMessages(alice, room, seeded)
  await requestOverSocket(alice, room, 'sendMessage', { message: 'a late answer', replyTo: 1 })

  const carol = await openChat(browser, 'carol', room)
  await expect(messageTexts(carol, room).last()).toHaveText('a late answer')
  await expect(messageWith(carol, room, 'the question')).toHaveCount(0)
  const quote = messageWith(carol, room, 'a late answer').getByTestId('reply-quote')
  await expect(quote).toHaveText(/alice\s*the question/)
  await quote.click()
  const target = messageWith(carol, room, 'the question')
  await expect(target).toBeInViewport()
  await expect(target.locator('[data-highlighted]')).toHaveCount(1)
  await expect(target).toBeFocused()
  // The mark fades after a moment.
  await expect(target.locator('[data-highlighted]')).toHaveCount(0)

  // What was loaded is one unbroken run: from the top, every message once and in order.
  await messageLog(carol, room).evaluate((element) => {
    element.scrollTop = 0
  })
  await expect(messageLog(carol, room).getByText(`This is the start of #${room}`)).toBeVisible()
  expect(await readDown(carol, room)).toEqual(['the question', 'the answer', ...seeded, 'a late answer'])

  await carol.reload()
  await expect(messageWith(carol, room, 'a late answer').getByTestId('reply-quote')).toHaveText(/alice\s*the question/)
})

test('the keyboard reaches a message’s actions in one Tab stop, and the picker gives the focus back', async ({
  browser,
}) => {
  const room = uniqueRoom('keys')
  const alice = await openChat(browser, 'alice', room)
  await say(alice, 'keyboard only')
  const toolbar = actionsOf(alice, room, 'keyboard only')
  await messageLog(alice, room).focus()
  await alice.keyboard.press('Tab')
  await expect(toolbar.getByRole('button', { name: 'Add a reaction' })).toBeFocused()
  await expect(toolbar).toBeVisible()
  await alice.keyboard.press('ArrowRight')
  await expect(toolbar.getByRole('button', { name: 'Reply' })).toBeFocused()
  await alice.keyboard.press('End')
  await expect(toolbar.getByRole('button', { name: 'Delete' })).toBeFocused()
  await alice.keyboard.press('ArrowRight')
  await expect(toolbar.getByRole('button', { name: 'Add a reaction' })).toBeFocused()
  await alice.keyboard.press('Enter')
  await expect(picker(alice).getByRole('button', { name: '👍', exact: true })).toBeFocused()
  await alice.keyboard.press('Escape')
  await expect(picker(alice)).toHaveCount(0)
  await expect(toolbar.getByRole('button', { name: 'Add a reaction' })).toBeFocused()
  await alice.keyboard.press('Enter')
  await alice.keyboard.press('Tab')
  await alice.keyboard.press('Enter')
  await expect(chip(alice, room, 'keyboard only', '❤️')).toHaveAttribute('aria-pressed', 'true')
})

/** A fresh phone-sized context (360 px, touch) in `theme`, joined to `room` as `username`. */
async function onPhone(browser: Browser, username: string, room: string, theme: 'light' | 'dark' = 'light') {
  const context = await browser.newContext({
    viewport: { width: 360, height: 740 },
    hasTouch: true,
    isMobile: true,
    colorScheme: theme,
  })
  await givePersonToken(context, username)
  const page = await context.newPage()
  await page.goto('/')
  await joinFromForm(page, username, room)
  return page
}

test('on a 360 px phone, a tap shows a message’s actions, all of them on screen', async ({ browser }) => {
  const room = uniqueRoom('phone')
  const bob = await openChat(browser, 'bob', room)
  const alice = await onPhone(browser, 'alice', room)
  await say(bob, 'tap me')
  await say(alice, 'mine')
  await messageWith(alice, room, 'tap me').getByTestId('message-text').tap()
  const toolbar = actionsOf(alice, room, 'tap me')
  await expect(toolbar).toBeVisible()
  await expect(toolbar.getByRole('button', { name: 'Reply' })).toBeInViewport({ ratio: 1 })
  await toolbar.getByRole('button', { name: 'Add a reaction' }).tap()
  await expect(picker(alice)).toBeInViewport({ ratio: 1 })
  await picker(alice).getByRole('button', { name: '🎉', exact: true }).tap()
  await expect(chip(bob, room, 'tap me', '🎉')).toHaveText('🎉1')
  await messageWith(alice, room, 'mine').getByTestId('message-text').tap()
  await expect(actionsOf(alice, room, 'mine').getByRole('button', { name: 'Delete' })).toBeInViewport({ ratio: 1 })
})

for (const theme of ['light', 'dark'] as const) {
  test(`edited, deleted, replied and reacted messages, the picker and the question have no serious violations, ${theme}`, async ({
    browser,
  }, testInfo) => {
    const room = uniqueRoom(`changes-a11y-${theme}`)
    const bob = await openChat(browser, 'bob', room)
    const context = await browser.newContext({ colorScheme: theme })
    await givePersonToken(context, 'alice')
    const alice = await context.newPage()
    await alice.goto('/')
    await joinFromForm(alice, 'alice', room)
    await say(bob, 'first thought')
    await say(alice, 'to be removed')
    await say(alice, 'typo here')
    await act(alice, room, 'first thought', 'Reply')
    await say(alice, 'a reply')
    await act(alice, room, 'to be removed', 'Delete')
    await alice.getByRole('dialog', { name: 'Delete this message?' }).getByRole('button', { name: 'Delete' }).click()
    await act(alice, room, 'typo here', 'Edit')
    await composer(alice).fill('typo fixed')
    await composer(alice).press('Enter')
    await act(bob, room, 'first thought', 'Add a reaction')
    await picker(bob).getByRole('button', { name: '👀', exact: true }).click()
    await expect(chip(alice, room, 'first thought', '👀')).toBeVisible()
    await expect(messageWith(alice, room, 'typo fixed').getByTestId('message-edited')).toBeVisible()
    await act(alice, room, 'a reply', 'Reply')

    // The actions of the message under the pointer show too.
    await messageWith(alice, room, 'typo fixed').hover()
    expect(await seriousViolations(alice, testInfo, `changes, actions, ${theme}`)).toEqual([])
    await act(alice, room, 'a reply', 'Add a reaction')
    await picker(alice).getByLabel('Any emoji').fill('nope')
    await picker(alice).getByRole('button', { name: 'Add' }).click()
    await expect(picker(alice).getByRole('alert')).toBeVisible()
    expect(await seriousViolations(alice, testInfo, `changes, picker, ${theme}`)).toEqual([])
    await alice.keyboard.press('Escape')
    await act(alice, room, 'a reply', 'Delete')
    await expect(alice.getByRole('dialog', { name: 'Delete this message?' })).toBeVisible()
    expect(await seriousViolations(alice, testInfo, `changes, question, ${theme}`)).toEqual([])
  })
}

function reconnecting(page: Page) {
  return page.getByRole('status').filter({ hasText: 'Reconnecting…' })
}

test('a tab that was offline catches up on the edits, deletions and reactions made meanwhile', async ({ browser }) => {
  const room = uniqueRoom('changes-offline')
  const alice = await openChat(browser, 'alice', room)
  const bob = await openChat(browser, 'bob', room)
  for (const text of ['keep me', 'fix me', 'drop me']) await say(alice, text)
  await expect(messageTexts(bob, room)).toHaveText(['keep me', 'fix me', 'drop me'])

  await bob.context().setOffline(true)
  await expect(reconnecting(bob)).toBeVisible()
  await act(alice, room, 'fix me', 'Edit')
  await composer(alice).fill('fixed')
  await composer(alice).press('Enter')
  await act(alice, room, 'drop me', 'Delete')
  await alice.getByRole('dialog', { name: 'Delete this message?' }).getByRole('button', { name: 'Delete' }).click()
  await act(alice, room, 'keep me', 'Add a reaction')
  await picker(alice).getByRole('button', { name: '🙏', exact: true }).click()
  await say(alice, 'after the changes')
  await expect(messageTexts(alice, room)).toHaveText(['keep me', 'fixed', 'message deleted', 'after the changes'])
  await expect(chip(alice, room, 'keep me', '🙏')).toHaveText('🙏1')

  await bob.context().setOffline(false)
  await expect(reconnecting(bob)).toHaveCount(0)
  await expect(messageTexts(bob, room)).toHaveText(['keep me', 'fixed', 'message deleted', 'after the changes'])
  await expect(chip(bob, room, 'keep me', '🙏')).toHaveText('🙏1')
  await expect(messageWith(bob, room, 'fixed').getByTestId('message-edited')).toBeVisible()
})

test('an edit made offline shows at once, fails with the reason, and Retry saves it once', async ({ browser }) => {
  test.setTimeout(120_000)
  const room = uniqueRoom('edit-retry')
  const alice = await openChat(browser, 'alice', room)
  const bob = await openChat(browser, 'bob', room)
  await say(alice, 'first draft')
  await expect(messageTexts(bob, room)).toHaveText(['first draft'])

  await alice.context().setOffline(true)
  await expect(reconnecting(alice)).toBeVisible()
  await composer(alice).press('ArrowUp')
  await composer(alice).fill('second draft')
  await composer(alice).press('Enter')
  const mine = messageWith(alice, room, 'second draft')
  await expect(mine).toContainText('Saving edit…')
  // The change gives up after about 10 s, and keeps the new text beside the reason.
  await expect(mine).toContainText('Edit not saved: No connection to the server.', { timeout: 15_000 })
  await expect(messageTexts(bob, room)).toHaveText(['first draft'])

  await alice.context().setOffline(false)
  await expect(reconnecting(alice)).toHaveCount(0)
  await mine.getByRole('button', { name: 'Retry' }).click()
  await expect(mine.getByRole('button', { name: 'Retry' })).toHaveCount(0)
  await expect(messageTexts(bob, room)).toHaveText(['second draft'])
  await expect(mine).not.toContainText('Saving edit…')
  // Saved once: the room's log holds the message and one edit.
  const log = await requestOverSocket(bob, room, 'history', { after: 0, limit: 50 })
  expect(log.messages).toHaveLength(1)
  expect(log.changes).toMatchObject([{ change: 'edited', message: { message: 'second draft' } }])
  await bob.reload()
  await expect(messageTexts(bob, room)).toHaveText(['second draft'])
})
