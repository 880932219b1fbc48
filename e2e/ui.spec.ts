import { browserStorageKeys } from '@parley/events/rules'
import { type Browser, type BrowserContextOptions, expect, type Page, type TestInfo } from '@playwright/test'
import {
  composer,
  givePersonToken,
  joinFromForm,
  messageLog,
  messages,
  messageTexts,
  openChat,
  people,
  roomButton,
  say,
  seedManyMessages,
  test,
  uniqueRoom,
} from './support.ts'

interface ArriveOptions extends BrowserContextOptions {
  /**
   * Installs Playwright's fake clock before the app loads, running: a test pauses it once the
   * app is on screen (React reveals a lazily loaded view on a timer, which a paused clock never fires).
   */
  clock?: boolean
  /** Opens this path instead of `/`. */
  path?: string
}

/** A fresh browser context on the app as `username` (the test person of that name), not joined yet. */
async function arrive(browser: Browser, username: string, { clock, path = '/', ...options }: ArriveOptions = {}) {
  const context = await browser.newContext(options)
  await givePersonToken(context, username)
  const page = await context.newPage()
  if (clock) await page.clock.install()
  await page.goto(path)
  return page
}

async function joinAnotherRoom(page: Page, room: string): Promise<void> {
  await page.getByLabel('Room name').fill(room)
  await page.getByRole('button', { name: 'Join room' }).click()
  await expect(messageLog(page, room)).toBeVisible()
}

function typingLine(page: Page) {
  return page.getByTestId('typing-indicator')
}

async function attachScreenshot(page: Page, testInfo: TestInfo, name: string): Promise<void> {
  await testInfo.attach(name, { body: await page.screenshot(), contentType: 'image/png' })
}

test.describe('rooms', () => {
  test('unread counts move live, count mentions apart, show in the title, and clear when the room is opened', async ({
    browser,
  }) => {
    const here = uniqueRoom('unread-here')
    const there = uniqueRoom('unread-there')
    const alice = await openChat(browser, 'alice', here)
    await joinAnotherRoom(alice, there)
    await roomButton(alice, here).click()
    await expect(messageLog(alice, here)).toBeVisible()
    await expect(roomButton(alice, there)).toHaveAccessibleDescription('1 member')

    const bob = await openChat(browser, 'bob', there)
    await expect(roomButton(alice, there)).toHaveAccessibleDescription('2 members')
    await say(bob, 'first from bob')
    await expect(roomButton(alice, there)).toHaveAccessibleDescription('2 members, 1 unread')
    await expect(alice).toHaveTitle('(1) Parley')
    await say(bob, 'are you there @alice?')
    await say(bob, 'third')
    await expect(roomButton(alice, there)).toHaveAccessibleDescription('2 members, 3 unread, 1 mention')
    await expect(roomButton(alice, there).getByTestId('room-mentions')).toHaveText('@1')
    await expect(alice).toHaveTitle('(3) Parley')

    // Opening the room lands on the first unread message, under the "New messages" line.
    await roomButton(alice, there).click()
    const log = messageLog(alice, there)
    await expect(log.getByTestId('unread-divider')).toBeVisible()
    const divider = await log.getByTestId('unread-divider').boundingBox()
    const first = await messages(alice, there).filter({ hasText: 'first from bob' }).boundingBox()
    expect(divider && first && first.y >= divider.y + divider.height - 1).toBe(true)
    await expect(roomButton(alice, there)).toHaveAccessibleDescription('2 members')
    await expect(alice).toHaveTitle('Parley')
    await expect(messages(alice, there).filter({ hasText: 'are you there' })).toHaveAttribute('data-mention', 'true')

    // Counts follow people leaving.
    await bob.context().close()
    await expect(roomButton(alice, there)).toHaveAccessibleDescription('1 member')
  })

  test('a room name is trimmed and folded to lower case, and a name that breaks the rule says why', async ({
    browser,
  }) => {
    const alice = await openChat(browser, 'alice', uniqueRoom('names'))
    const typed = `  Mixed CASE ${uniqueRoom('Room')}  `
    const folded = typed.trim().toLowerCase()
    const field = alice.getByLabel('Room name')
    await field.fill(typed)
    await expect(field).toHaveAccessibleDescription(new RegExp(`Joins #${folded}`))
    await alice.getByRole('button', { name: 'Join room' }).click()
    await expect(messageLog(alice, folded)).toBeVisible()
    await expect(roomButton(alice, folded)).toHaveAttribute('aria-current', 'true')
    // The form empties itself once the join has finished; typing before that would be lost.
    await expect(field).toHaveValue('')

    await field.fill('x'.repeat(51))
    await alice.getByRole('button', { name: 'Join room' }).click()
    await expect(field).toHaveAccessibleDescription('A room name has at most 50 characters')
    await expect(field).toHaveAttribute('aria-invalid', 'true')
    await field.fill('   ')
    await alice.getByRole('button', { name: 'Join room' }).click()
    await expect(field).toHaveAccessibleDescription('Name a room')
    await expect(messageLog(alice, folded)).toBeVisible()
  })

  test('a deep link brings a newcomer into the room, and the address follows the room on screen', async ({
    browser,
  }) => {
    const room = uniqueRoom('deep')
    const other = uniqueRoom('deep-other')
    const third = uniqueRoom('deep-third')
    const dora = await arrive(browser, 'dora', { path: `/r/${encodeURIComponent(room.toUpperCase())}` })
    await expect(dora.getByText(`Pick a name to join #${room}.`)).toBeVisible()
    await expect(dora.getByLabel('Room', { exact: true })).toHaveValue(room)
    await dora.getByLabel('Username').fill('dora')
    await dora.getByRole('button', { name: 'Join', exact: true }).click()
    await expect(messageLog(dora, room)).toBeVisible()
    await expect(dora).toHaveURL(new RegExp(`/r/${room}$`))

    await joinAnotherRoom(dora, other)
    await expect(dora).toHaveURL(new RegExp(`/r/${other}$`))
    await roomButton(dora, room).click()
    await expect(dora).toHaveURL(new RegExp(`/r/${room}$`))

    // A reload stays in the rooms, on the room of the address.
    await dora.reload()
    await expect(messageLog(dora, room)).toBeVisible()
    await expect(roomButton(dora, other)).toBeVisible()

    // A link to another room, in a tab already chatting, joins it as well.
    await dora.goto(`/r/${third}`)
    await expect(messageLog(dora, third)).toBeVisible()
    await expect(dora).toHaveURL(new RegExp(`/r/${third}$`))
    for (const name of [room, other, third]) await expect(roomButton(dora, name)).toBeVisible()
  })

  test('Alt+arrows move between rooms, Escape marks the room read, and typing anywhere goes to the composer', async ({
    browser,
  }) => {
    const first = uniqueRoom('keys-a')
    const second = uniqueRoom('keys-b')
    const alice = await openChat(browser, 'alice', first)
    await joinAnotherRoom(alice, second)
    await composer(alice).press('Alt+ArrowUp')
    await expect(messageLog(alice, first)).toBeVisible()
    await expect(alice).toHaveURL(new RegExp(`/r/${first}$`))
    await alice.keyboard.press('Alt+ArrowDown')
    await expect(messageLog(alice, second)).toBeVisible()
    await alice.keyboard.press('Alt+ArrowDown')
    await expect(messageLog(alice, first)).toBeVisible()

    await alice.getByRole('heading', { name: first }).click()
    await expect(composer(alice)).not.toBeFocused()
    await alice.keyboard.type('hello')
    await expect(composer(alice)).toBeFocused()
    await expect(composer(alice)).toHaveValue('hello')

    // Escape: the room is read, its "New messages" line goes.
    const bob = await openChat(browser, 'bob', second)
    await say(bob, 'unread for alice')
    await expect(roomButton(alice, second)).toHaveAccessibleDescription(/1 unread/)
    await roomButton(alice, second).click()
    await expect(messageLog(alice, second).getByTestId('unread-divider')).toBeVisible()
    await alice.keyboard.press('Escape')
    await expect(messageLog(alice, second).getByTestId('unread-divider')).toHaveCount(0)
  })
})

test.describe('messages', () => {
  test('links are safe anchors and nothing else is markup; lines group by author and minute', async ({ browser }) => {
    const room = uniqueRoom('links')
    const alice = await openChat(browser, 'alice', room)
    const bob = await openChat(browser, 'bob', room)
    // The two lines must fall in one minute to be grouped: not just before the minute turns.
    await expect.poll(() => new Date().getSeconds(), { timeout: 10_000 }).toBeLessThan(55)
    await say(alice, 'the plan is at https://example.com/plan?x=1, not at javascript:alert(1)')
    await say(alice, 'and <b>this</b> stays text')
    const lines = messages(bob, room)
    await expect(lines).toHaveCount(2)
    const links = messageLog(bob, room).getByRole('link')
    await expect(links).toHaveCount(1)
    await expect(links).toHaveText('https://example.com/plan?x=1')
    await expect(links).toHaveAttribute('href', 'https://example.com/plan?x=1')
    await expect(links).toHaveAttribute('rel', 'noopener noreferrer')
    await expect(links).toHaveAttribute('target', '_blank')
    await expect(messageTexts(bob, room)).toHaveText([
      'the plan is at https://example.com/plan?x=1, not at javascript:alert(1)',
      'and <b>this</b> stays text',
    ])
    await expect(messageLog(bob, room).locator('b')).toHaveCount(0)

    // The second line continues the first: no second name shown (it is kept for screen readers).
    const width = (index: number) =>
      lines
        .nth(index)
        .getByTestId('message-author')
        .evaluate((element) => element.parentElement?.getBoundingClientRect().width ?? Number.NaN)
    expect(await width(0)).toBeGreaterThan(10)
    expect(await width(1)).toBeLessThanOrEqual(1)
    await expect(lines.nth(1).getByTestId('message-author')).toHaveText('alice')

    // The day has its line, and every time its full date on hover.
    await expect(messageLog(bob, room).getByText('Today', { exact: true })).toBeVisible()
    const time = lines.nth(1).locator('time')
    await expect(time).toHaveCSS('opacity', '0')
    await lines.nth(1).hover()
    await expect(time).toHaveCSS('opacity', '1')
    const [title, full] = await time.evaluate((element) => [
      element.getAttribute('title'),
      new Intl.DateTimeFormat(undefined, { dateStyle: 'full', timeStyle: 'medium' }).format(
        new Date(element.getAttribute('datetime') ?? ''),
      ),
    ])
    expect(title).toBe(full)
    expect(title).toMatch(new RegExp(String(new Date().getFullYear())))
  })

  test('@ offers the room’s people (arrows, Tab, Enter), and a mention is highlighted for the one named', async ({
    browser,
  }) => {
    const room = uniqueRoom('mention')
    const alice = await openChat(browser, 'alice', room)
    const bob = await openChat(browser, 'bob', room)
    const bonnie = await openChat(browser, 'bonnie', room)
    await expect(people(alice, room)).toContainText('bonnie')
    // Frames come late on a busy machine: keys typed meanwhile must still land where the caret is.
    await alice.evaluate(() => {
      const raf = window.requestAnimationFrame.bind(window)
      window.requestAnimationFrame = (cb) => raf(() => setTimeout(() => cb(performance.now()), 300))
    })

    const box = composer(alice)
    await box.pressSequentially('hi @bo')
    const list = alice.getByRole('listbox', { name: 'People in this room' })
    await expect(list.getByRole('option')).toHaveText(['bob', 'bonnie'])
    await expect(list.getByRole('option', { name: 'bob' })).toHaveAttribute('aria-selected', 'true')
    await box.press('ArrowDown')
    const chosen = list.getByRole('option', { name: 'bonnie' })
    await expect(chosen).toHaveAttribute('aria-selected', 'true')
    await expect(box).toHaveAttribute('aria-activedescendant', (await chosen.getAttribute('id')) ?? 'missing')
    await box.press('Tab')
    await expect(list).toHaveCount(0)
    await expect(box).toHaveValue('hi @bonnie ')
    await box.pressSequentially('see @b')
    await expect(list).toBeVisible()
    await box.press('Escape')
    await expect(list).toHaveCount(0)
    await box.pressSequentially('ob')
    await box.press('Enter')
    await expect(box).toHaveValue('hi @bonnie see @bob ')
    await box.press('Enter')
    await expect(box).toHaveValue('')

    const line = (page: Page) => messages(page, room).filter({ hasText: 'hi @bonnie see @bob' })
    await expect(line(bonnie)).toHaveAttribute('data-mention', 'true')
    await expect(line(bonnie).locator('[data-mention="me"]')).toHaveText('@bonnie')
    await expect(line(bob)).toHaveAttribute('data-mention', 'true')
    await expect(line(bob).locator('[data-mention="me"]')).toHaveText('@bob')
    await expect(line(alice)).not.toHaveAttribute('data-mention', 'true')
  })

  test('scrolled up, new messages wait behind "Jump to newest", counted in the title until read', async ({
    browser,
  }) => {
    const room = uniqueRoom('jump')
    const seeder = await browser.newPage()
    await seeder.goto('/')
    await seedManyMessages(
      seeder,
      room,
      Array.from({ length: 60 }, (_, index) => `backlog line ${index + 1}`),
    )
    const alice = await openChat(browser, 'alice', room)
    const bob = await openChat(browser, 'bob', room)
    const log = messageLog(alice, room)
    const jump = alice.getByRole('button', { name: /Jump to newest/ })
    await expect(jump).toHaveCount(0)

    await log.evaluate((element) => element.scrollBy(0, -element.clientHeight * 2))
    await expect(jump).toBeVisible()
    await say(bob, 'while alice reads back')
    await expect(jump).toContainText('1 new')
    await expect(alice).toHaveTitle('(1) Parley')
    const newest = messages(alice, room).filter({ hasText: 'while alice reads back' })
    await expect(newest).not.toBeInViewport()

    await jump.click()
    await expect(newest).toBeInViewport()
    await expect(jump).toHaveCount(0)
    await expect(alice).toHaveTitle('Parley')

    // Pinned to the newest, a new message comes into view by itself.
    await say(bob, 'and one more')
    await expect(messages(alice, room).filter({ hasText: 'and one more' })).toBeInViewport()
    await expect(alice).toHaveTitle('Parley')
  })

  test('a room of ten thousand messages scrolls back to its start with a bounded DOM', async ({
    browser,
  }, testInfo) => {
    test.setTimeout(240_000)
    const room = uniqueRoom('long')
    const seeder = await browser.newPage()
    await seeder.goto('/')
    const total = 10_000
    await seedManyMessages(
      seeder,
      room,
      Array.from({ length: total }, (_, index) => `line ${index + 1}`),
    )
    const reader = await openChat(browser, 'reader', room)
    const log = messageLog(reader, room)
    const rows = messages(reader, room)
    // The most the DOM may hold: rows drawn beyond the viewport (100 each side) and a screenful.
    const bound = 260
    await expect(log.locator(`li[data-seq="${total}"]`)).toBeInViewport()
    expect(await rows.count()).toBeLessThanOrEqual(bound)

    // Reads back to the start as a reader holding the scrollbar at the top would: every
    // frame, back to the top, which loads the next older page. The DOM is counted each frame.
    const readBack = await log.evaluate(async (element, startText) => {
      const deadline = performance.now() + 120_000
      let mostRows = 0
      let frames = 0
      while (performance.now() < deadline) {
        element.scrollTop = 0
        await new Promise((resolve) => requestAnimationFrame(resolve))
        frames += 1
        mostRows = Math.max(mostRows, element.querySelectorAll('li[data-seq]').length)
        if (element.textContent?.includes(startText)) return { reachedStart: true, mostRows, frames }
      }
      return { reachedStart: false, mostRows, frames }
    }, `This is the start of #${room}`)
    expect(readBack.reachedStart).toBe(true)
    expect(readBack.mostRows).toBeLessThanOrEqual(bound)
    testInfo.annotations.push({ type: 'read back', description: `${readBack.frames} frames` })

    // Everything was loaded, yet only the rows near the top are drawn.
    const held = await log
      .locator('li[data-seq]')
      .evaluateAll((items) => items.map((item) => Number(item.getAttribute('data-seq'))))
    expect(Math.min(...held)).toBe(1)
    expect(Math.max(...held)).toBeLessThanOrEqual(bound)
    await expect(log.locator('li').first()).toBeVisible()
    await attachScreenshot(reader, testInfo, 'start of a long room')

    await reader.getByRole('button', { name: /Jump to newest/ }).click()
    await expect(log.locator(`li[data-seq="${total}"]`)).toBeInViewport()
    await expect(log.locator('li[data-seq="1"]')).toHaveCount(0)
    expect(await rows.count()).toBeLessThanOrEqual(bound)
  })
})

test.describe('presence', () => {
  test('"is typing…" shows to the others, at most one signal per 2 s, and never sticks', async ({ browser }) => {
    const room = uniqueRoom('keystrokes')
    const alice = await arrive(browser, 'alice', { clock: true })
    await joinFromForm(alice, 'alice', room)
    // From here on, time moves only when the test moves it.
    await alice.clock.pauseAt(Date.now() + 1_000)
    const bob = await arrive(browser, 'bob', { clock: true })
    let signals = 0
    bob.on('websocket', (socket) =>
      socket.on('framesent', ({ payload }) => {
        // The one-way `typing` event's name, in the frame (cbor or json); nothing else bob sends holds it.
        if (Buffer.from(payload).includes('typing')) signals += 1
      }),
    )
    // The app may have opened its socket before the listener existed: start it again under watch.
    await bob.reload()
    await joinFromForm(bob, 'bob', room)
    await bob.clock.pauseAt(Date.now() + 1_000)
    const line = typingLine(alice)

    await composer(bob).pressSequentially('hello there')
    await expect(line).toHaveText('bob is typing…')
    await expect(typingLine(bob)).toHaveText('')
    // Eleven keys inside two seconds (of bob's clock, which stands still): one signal.
    expect(signals).toBe(1)

    // Gone 5 s after the last signal, not before.
    await alice.clock.fastForward(4_000)
    await expect(line).toHaveText('bob is typing…')
    await alice.clock.fastForward(1_100)
    await expect(line).toHaveText('')

    /** Moves bob's clock past the 2 s between signals and types, until the server (which drops signals under 1 s apart) lets one through. */
    async function typeUntilShown(text: string): Promise<void> {
      await expect(async () => {
        await bob.clock.fastForward(2_100)
        await composer(bob).pressSequentially(text)
        await expect(line).toHaveText('bob is typing…', { timeout: 400 })
      }).toPass({ timeout: 10_000, intervals: [100] })
    }

    // Their message ends it at once.
    await typeUntilShown(', alice')
    await composer(bob).press('Enter')
    await expect(messages(alice, room).filter({ hasText: 'hello there, alice' })).toHaveCount(1)
    await expect(line).toHaveText('')

    // Leaving ends it at once too.
    await typeUntilShown('.')
    await bob.context().close()
    await expect(line).toHaveText('')
    await expect(messageLog(alice, room).getByText('bob left')).toBeVisible()
  })

  test('a mention while the page is hidden notifies, if asked for by a click (never on load)', async ({ browser }) => {
    const room = uniqueRoom('notify')
    const context = await browser.newContext()
    await givePersonToken(context, 'alice')
    await context.addInitScript(() => {
      const state = { asked: 0, shown: [] as string[], hidden: false }
      Object.assign(window, { notifyTest: state })
      class FakeNotification {
        static permission: NotificationPermission = 'default'
        static async requestPermission(): Promise<NotificationPermission> {
          state.asked += 1
          FakeNotification.permission = 'granted'
          return 'granted'
        }
        onclick: (() => void) | null = null
        constructor(title: string, options?: NotificationOptions) {
          state.shown.push(`${title}: ${options?.body ?? ''}`)
        }
        close() {}
      }
      Object.defineProperty(window, 'Notification', { value: FakeNotification, configurable: true })
      Object.defineProperty(document, 'visibilityState', { get: () => (state.hidden ? 'hidden' : 'visible') })
    })
    const alice = await context.newPage()
    await alice.goto('/')
    await joinFromForm(alice, 'alice', room)
    const bob = await openChat(browser, 'bob', room)
    type NotifyState = { asked: number; shown: string[] }
    const notes = () => alice.evaluate(() => (window as unknown as { notifyTest: NotifyState }).notifyTest)
    expect((await notes()).asked).toBe(0)

    const toggle = alice.getByRole('button', { name: 'Notify me of mentions' })
    await expect(toggle).toHaveAttribute('aria-pressed', 'false')
    await toggle.click()
    await expect(toggle).toHaveAttribute('aria-pressed', 'true')
    expect((await notes()).asked).toBe(1)

    // Visible: no notification.
    await say(bob, '@alice while you look')
    await expect(messages(alice, room)).toHaveCount(1)
    expect((await notes()).shown).toEqual([])

    await alice.evaluate(() => {
      ;(window as unknown as { notifyTest: { hidden: boolean } }).notifyTest.hidden = true
      document.dispatchEvent(new Event('visibilitychange'))
    })
    await say(bob, 'nothing for alice here')
    await say(bob, 'ping @alice, are you there?')
    await expect.poll(async () => (await notes()).shown).toEqual([`bob in #${room}: ping @alice, are you there?`])
    await expect(alice).toHaveTitle('(2) Parley')
  })
})

test.describe('looks', () => {
  test('the theme follows the system until chosen, and the choice is remembered', async ({ browser }) => {
    const dark = await browser.newContext({ colorScheme: 'dark' })
    const darkPage = await dark.newPage()
    await darkPage.goto('/')
    await expect(darkPage.locator('html')).toHaveAttribute('data-theme', 'dark')
    expect(await backgroundLightness(darkPage)).toBeLessThan(0.3)

    const context = await browser.newContext({ colorScheme: 'light' })
    const page = await context.newPage()
    await page.goto('/')
    const html = page.locator('html')
    await expect(html).toHaveAttribute('data-theme', 'light')
    await expect(html).toHaveCSS('color-scheme', 'light')
    expect(await backgroundLightness(page)).toBeGreaterThan(0.9)
    const toggle = page.getByRole('button', { name: 'Dark theme' })
    await expect(toggle).toHaveAttribute('aria-pressed', 'false')
    await toggle.click()
    await expect(html).toHaveAttribute('data-theme', 'dark')
    await expect(html).toHaveClass(/\bdark\b/)
    await expect(toggle).toHaveAttribute('aria-pressed', 'true')

    await expect(html).toHaveCSS('color-scheme', 'dark')
    expect(await backgroundLightness(page)).toBeLessThan(0.3)
    expect(await page.evaluate((key) => localStorage.getItem(key), browserStorageKeys.theme)).toBe('dark')

    await page.reload()
    await expect(html).toHaveAttribute('data-theme', 'dark')
    expect(await backgroundLightness(page)).toBeLessThan(0.3)
    // Chosen, it no longer follows the system.
    await page.emulateMedia({ colorScheme: 'light' })
    await expect(html).toHaveAttribute('data-theme', 'dark')
    await page.getByRole('button', { name: 'Dark theme' }).click()
    await expect(html).toHaveAttribute('data-theme', 'light')
  })

  test('on a phone the room list and the people are drawers, the room\'s name has room beside "More actions", and nothing scrolls sideways', async ({
    browser,
  }, testInfo) => {
    const room = uniqueRoom('phone')
    const other = uniqueRoom('phone-other')
    const bob = await openChat(browser, 'bob', room)
    const alice = await arrive(browser, 'alice', { viewport: { width: 390, height: 844 }, hasTouch: true })
    await joinFromForm(alice, 'alice', room)
    await say(bob, `a long word: ${'x'.repeat(120)} and a link https://example.com/${'y'.repeat(80)}`)
    await expect(messages(alice, room)).toHaveCount(1)

    const rooms = alice.getByRole('navigation', { name: 'Rooms' })
    const crowd = people(alice, room)
    await expect(rooms).toBeHidden()
    await expect(crowd).toBeHidden()
    await attachScreenshot(alice, testInfo, 'phone chat')

    const showRooms = alice.getByRole('button', { name: 'Show rooms' })
    await showRooms.click()
    await expect(rooms).toBeVisible()
    await expect(showRooms).toHaveAttribute('aria-expanded', 'true')
    await expect(rooms.locator(':focus')).toHaveCount(1)
    await attachScreenshot(alice, testInfo, 'phone room list')
    await alice.keyboard.press('Escape')
    await expect(rooms).toBeHidden()
    await expect(showRooms).toBeFocused()

    await showRooms.click()
    await rooms.getByLabel('Room name').fill(other)
    await rooms.getByRole('button', { name: 'Join room' }).click()
    await expect(messageLog(alice, other)).toBeVisible()
    await expect(rooms).toBeHidden()

    await alice.getByRole('button', { name: 'Show people' }).click()
    await expect(people(alice, other)).toBeVisible()
    await attachScreenshot(alice, testInfo, 'phone people')
    await people(alice, other).getByRole('button', { name: 'Close' }).click()
    await expect(people(alice, other)).toBeHidden()

    // A short name is read whole: the less frequent actions wait behind "More actions".
    const short = `ph-${Math.random().toString(36).slice(2, 8)}`
    await showRooms.click()
    await rooms.getByLabel('Room name').fill(short)
    await rooms.getByRole('button', { name: 'Join room' }).click()
    await expect(messageLog(alice, short)).toBeVisible()
    const title = alice.getByTestId('room-title')
    await expect(title).toHaveText(short)
    expect(await title.evaluate((element) => element.scrollWidth - element.clientWidth)).toBeLessThanOrEqual(0)
    await expect(alice.getByRole('button', { name: 'Search' })).toBeVisible()
    await expect(alice.getByRole('button', { name: 'Show people' })).toBeVisible()
    const more = alice.getByRole('button', { name: 'More actions' })
    const theme = alice.getByRole('button', { name: 'Dark theme' })
    const level = alice.getByRole('combobox', { name: `Notifications in #${short}` })
    await expect(theme).toBeHidden()
    await more.click()
    await expect(more).toHaveAttribute('aria-expanded', 'true')
    await attachScreenshot(alice, testInfo, 'phone, more actions')
    await theme.click()
    await expect(alice.locator('html')).toHaveAttribute('data-theme', 'dark')
    await expect(theme).toHaveAttribute('aria-pressed', 'true')
    await level.selectOption('nothing')
    await expect(level).toHaveValue('nothing')
    await expect(alice.getByRole('button', { name: 'Notify me of mentions' })).toBeVisible()
    // Escape closes it and gives the focus back; so does a tap outside, without the focus.
    await alice.keyboard.press('Escape')
    await expect(theme).toBeHidden()
    await expect(more).toBeFocused()
    await expect(more).toHaveAttribute('aria-expanded', 'false')
    await alice.keyboard.press('Enter')
    await expect(theme).toBeVisible()
    await theme.click()
    await expect(alice.locator('html')).toHaveAttribute('data-theme', 'light')
    await messageLog(alice, short).click()
    await expect(theme).toBeHidden()
    // The settings open from it, and closing them returns the focus to "More actions".
    await more.click()
    await alice.getByRole('button', { name: 'Room settings' }).click()
    const settings = alice.getByRole('dialog', { name: `Settings of #${short}` })
    await expect(settings).toBeVisible()
    await alice.keyboard.press('Escape')
    await expect(settings).toBeHidden()
    await expect(more).toBeFocused()
    await more.click()
    await expect(level).toHaveValue('nothing')
    await alice.keyboard.press('Escape')

    const sideways = () =>
      alice.evaluate(() => {
        const widest = Math.max(document.documentElement.scrollWidth, document.body.scrollWidth)
        return widest - window.innerWidth
      })
    await roomButtonOnPhone(alice, room)
    for (const width of [390, 360]) {
      await alice.setViewportSize({ width, height: 740 })
      expect(await sideways()).toBeLessThanOrEqual(0)
      const log = messageLog(alice, room)
      expect(await log.evaluate((element) => element.scrollWidth - element.clientWidth)).toBeLessThanOrEqual(0)
      await alice.getByRole('button', { name: 'Show rooms' }).click()
      expect(await sideways()).toBeLessThanOrEqual(0)
      await alice.keyboard.press('Escape')
    }
    await attachScreenshot(alice, testInfo, 'phone at 360 px')
  })
})

/** The perceived lightness (0 to 1, OKLCH's L) of the page's background. */
function backgroundLightness(page: Page): Promise<number> {
  return page.evaluate(() => {
    const probe = document.createElement('canvas').getContext('2d')
    if (!probe) return Number.NaN
    probe.fillStyle = getComputedStyle(document.body).backgroundColor
    probe.fillRect(0, 0, 1, 1)
    const [r = 0, g = 0, b = 0] = probe.getImageData(0, 0, 1, 1).data
    const linear = (channel: number) => {
      const c = channel / 255
      return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4
    }
    const [lr, lg, lb] = [linear(r), linear(g), linear(b)]
    const l = Math.cbrt(0.4122214708 * lr + 0.5363325363 * lg + 0.0514459929 * lb)
    const m = Math.cbrt(0.2119034982 * lr + 0.6806995451 * lg + 0.1073969566 * lb)
    const s = Math.cbrt(0.0883024619 * lr + 0.2817188376 * lg + 0.6299787005 * lb)
    return 0.2104542553 * l + 0.793617785 * m - 0.0040720468 * s
  })
}

/** Opens `room` from the room drawer. */
async function roomButtonOnPhone(page: Page, room: string): Promise<void> {
  await page.getByRole('button', { name: 'Show rooms' }).click()
  await roomButton(page, room).click()
  await expect(messageLog(page, room)).toBeVisible()
}
