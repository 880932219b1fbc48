import { type Browser, expect } from '@playwright/test'
import { seriousViolations } from './axe.ts'
import { readFocus } from './focus-indicator.ts'
import {
  arriveInTheme,
  composer,
  joinFromForm,
  messageLog,
  openChat,
  roomButton,
  say,
  test,
  uniqueRoom,
} from './support.ts'

type Theme = 'light' | 'dark'

/** A room with a conversation in it: messages, a mention, a link, someone typing, and another room with unread ones. */
async function busyChat(browser: Browser, theme: Theme, viewport?: { width: number; height: number }) {
  const room = uniqueRoom(`a11y-${theme}`)
  const side = uniqueRoom(`a11y-side-${theme}`)
  const bob = await openChat(browser, 'bob', room)
  const alice = await arriveInTheme(browser, theme, 'alice', viewport)
  await joinFromForm(alice, 'alice', room)
  // A second room, joined from the room list (a drawer on a phone), then back to the first.
  const drawer = alice.getByRole('button', { name: 'Show rooms' })
  if (await drawer.isVisible()) await drawer.click()
  await alice.getByLabel('Room name').fill(side)
  await alice.getByRole('button', { name: 'Join room' }).click()
  await expect(messageLog(alice, side)).toBeVisible()
  if (await drawer.isVisible()) await drawer.click()
  await roomButton(alice, room).click()
  await expect(messageLog(alice, room)).toBeVisible()
  const carol = await openChat(browser, 'carol', room)
  await say(bob, 'Morning! The release notes are at https://example.com/notes')
  await say(bob, '@alice could you look at the second section?')
  await say(alice, 'On it.')
  const dave = await openChat(browser, 'dave', side)
  await say(dave, 'Lunch at noon?')
  await expect(alice).toHaveTitle('(1) Parley')
  await composer(carol).pressSequentially('typing a reply')
  await expect(alice.getByTestId('typing-indicator')).toHaveText('carol is typing…')
  return { alice, room }
}

for (const theme of ['light', 'dark'] as const) {
  test.describe(`${theme} theme`, () => {
    test('the join screen has no serious or critical accessibility violations', async ({ browser }, testInfo) => {
      const page = await arriveInTheme(browser, theme, 'alice')
      await expect(page.getByRole('heading', { name: 'Welcome to Parley' })).toBeVisible()
      expect(await seriousViolations(page, testInfo, `join screen, ${theme}`)).toEqual([])

      // And with its errors showing.
      await page.getByLabel('Username').fill('   ')
      await page.getByLabel('Room', { exact: true }).fill('')
      await page.getByRole('button', { name: 'Join', exact: true }).click()
      await expect(page.getByText('Pick a username')).toBeVisible()
      expect(await seriousViolations(page, testInfo, `join screen with errors, ${theme}`)).toEqual([])
    })

    test('the chat view has no serious or critical accessibility violations', async ({ browser }, testInfo) => {
      const { alice } = await busyChat(browser, theme)
      expect(await seriousViolations(alice, testInfo, `chat, ${theme}`)).toEqual([])

      // With the mention suggestions open.
      await composer(alice).pressSequentially('@b')
      await expect(alice.getByRole('listbox')).toBeVisible()
      expect(await seriousViolations(alice, testInfo, `chat with suggestions, ${theme}`)).toEqual([])
    })

    test('on a phone, the chat, its drawers and its "More actions" have no serious or critical violations', async ({
      browser,
    }, testInfo) => {
      const { alice, room } = await busyChat(browser, theme, { width: 390, height: 844 })
      expect(await seriousViolations(alice, testInfo, `phone chat, ${theme}`)).toEqual([])
      await alice.getByRole('button', { name: 'Show rooms' }).click()
      await expect(alice.getByRole('navigation', { name: 'Rooms' })).toBeVisible()
      expect(await seriousViolations(alice, testInfo, `phone rooms drawer, ${theme}`)).toEqual([])
      await alice.keyboard.press('Escape')
      await alice.getByRole('button', { name: 'Show people' }).click()
      await expect(alice.getByRole('complementary', { name: `People in ${room}` })).toBeVisible()
      expect(await seriousViolations(alice, testInfo, `phone people drawer, ${theme}`)).toEqual([])
      await alice.keyboard.press('Escape')
      await alice.getByRole('button', { name: 'More actions' }).click()
      await expect(alice.getByRole('button', { name: 'Dark theme' })).toBeVisible()
      expect(await seriousViolations(alice, testInfo, `phone more actions, ${theme}`)).toEqual([])
    })
  })
}

test('every control can be reached by keyboard and shows where the focus is, on itself', async ({ browser }) => {
  const { alice } = await busyChat(browser, 'light')
  await alice.getByRole('heading', { level: 1 }).click()
  const seen = new Set<string>()
  let last: string | null = null
  for (let step = 0; step < 40; step++) {
    await alice.keyboard.press('Tab')
    const focused = await alice.evaluate(readFocus)
    // The element focused before no longer draws the indicator: it shows the focus, not a constant style.
    if (last !== null && focused?.previousChanged !== null && focused?.previousChanged !== undefined) {
      expect.soft(focused.previousChanged, `the focus indicator of ${last} goes with the focus`).toBe(true)
    }
    if (focused === null) {
      last = null
      continue
    }
    // WCAG 2.4.7 and 2.4.13: an indicator of the element's own, at least 2 px, at 3:1 against what is around it.
    expect.soft(focused.kind, `${focused.name} draws its own focus indicator`).not.toBe('none')
    expect.soft(focused.width, `the focus indicator of ${focused.name} is at least 2 px`).toBeGreaterThanOrEqual(2)
    expect.soft(focused.contrast, `the focus indicator of ${focused.name} stands out 3:1`).toBeGreaterThanOrEqual(3)
    seen.add(focused.name)
    last = focused.name
  }
  const names = [...seen].join(' | ')
  for (const control of ['Dark theme', 'Notify me of mentions', 'Join room', 'Sign out', 'Messages in', 'Message']) {
    expect(names).toContain(control)
  }
})
