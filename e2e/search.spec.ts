import { expect, type Page } from '@playwright/test'
import { seriousViolations } from './axe.ts'
import {
  arriveInTheme,
  composer,
  joinFromForm,
  messageLog,
  messages,
  openChat,
  roomButton,
  say,
  seedManyMessages,
  seedMessages,
  test,
  uniqueRoom,
} from './support.ts'

/**
 * A word no other test writes: search covers every room on the server, and the specs run
 * side by side on one server. Letters and digits only, so every engine keeps it one word.
 */
function uniqueWord(label: string): string {
  return `${label}${process.pid}x${Math.random().toString(36).slice(2, 8)}`
}

function searchBox(page: Page) {
  return page.getByRole('combobox', { name: 'Search messages' })
}

function results(page: Page) {
  return page.getByRole('listbox', { name: 'Found messages' }).getByRole('option')
}

/** The message whose own text is `text`. */
function messageWith(page: Page, room: string, text: string) {
  return messages(page, room).filter({ has: page.getByTestId('message-text').getByText(text, { exact: true }) })
}

async function search(page: Page, query: string): Promise<void> {
  if (!(await searchBox(page).isVisible())) await page.getByRole('button', { name: 'Search', exact: true }).click()
  await searchBox(page).fill(query)
}

test('search finds a word and an author across rooms, and opens a result far back in a room not joined', async ({
  browser,
}) => {
  const word = uniqueWord('quokka')
  const first = uniqueRoom('search-a')
  const second = uniqueRoom('search-b')
  const alice = await openChat(browser, 'alice', first)
  await say(alice, `the ${word} is on the first floor`)
  const bob = await openChat(browser, 'bob', second)
  await say(bob, `No ${word} here, only a kettle`)
  // Far more messages after it than a join brings: the first one is not loaded when the room opens.
  await seedMessages(
    bob,
    second,
    Array.from({ length: 120 }, (_, index) => `filler ${index + 1}`),
  )
  await bob.close()

  // Carol is only in the first room; the search covers both, newest first.
  const carol = await openChat(browser, 'carol', first)
  await search(carol, word)
  await expect(results(carol)).toHaveCount(2)
  await expect(results(carol).nth(0)).toContainText(`#${second}`)
  await expect(results(carol).nth(0)).toContainText('bob')
  await expect(results(carol).nth(1)).toContainText(`#${first}`)
  await expect(results(carol).nth(1)).toContainText('alice')
  // The words found are marked, as text.
  await expect(results(carol).nth(0).locator('mark')).toHaveText([word])
  await expect(carol.getByTestId('search-announcement')).toHaveText('2 messages found.')

  // An author narrows it down.
  await search(carol, `${word} from:bob`)
  await expect(results(carol)).toHaveCount(1)
  await expect(results(carol)).toContainText('No')
  await expect(results(carol)).toContainText('here, only a kettle')
  await expect(carol.getByTestId('search-announcement')).toHaveText('1 message found.')

  // Choosing it joins the room, loads the history around the message, and marks it.
  await results(carol).first().click()
  await expect(searchBox(carol)).toBeHidden()
  await expect(messageLog(carol, second)).toBeVisible()
  await expect(roomButton(carol, second)).toBeVisible()
  const target = messageWith(carol, second, `No ${word} here, only a kettle`)
  await expect(target).toBeInViewport()
  await expect(target.locator('[data-highlighted]')).toHaveCount(1)
  await expect(target).toBeFocused()
  await expect(target.locator('[data-highlighted]')).toHaveCount(0)
})

test('the keyboard opens the search (/ and Ctrl+K), moves through results, opens one, and Escape clears then closes', async ({
  browser,
}) => {
  const word = uniqueWord('wombat')
  const room = uniqueRoom('search-keys')
  const other = uniqueRoom('search-keys-other')
  const alice = await openChat(browser, 'alice', room)
  for (const n of [1, 2, 3]) await say(alice, `${word} number ${n}`)
  await alice.getByLabel('Room name').fill(other)
  await alice.getByRole('button', { name: 'Join room' }).click()
  await expect(messageLog(alice, other)).toBeVisible()

  // `/` outside a field opens the search; in the composer it is just a character.
  await composer(alice).pressSequentially('a/b')
  await expect(composer(alice)).toHaveValue('a/b')
  await expect(searchBox(alice)).toHaveCount(0)
  await composer(alice).fill('')
  await messageLog(alice, other).focus()
  await alice.keyboard.press('/')
  await expect(searchBox(alice)).toBeFocused()
  await alice.keyboard.type(word)
  await expect(results(alice)).toHaveCount(3)
  await expect(results(alice)).toHaveText([/number 3/, /number 2/, /number 1/])

  // ↓ ↓ makes the second active; Enter opens it, in its room.
  await alice.keyboard.press('ArrowDown')
  await alice.keyboard.press('ArrowDown')
  await expect(results(alice).nth(1)).toHaveAttribute('aria-selected', 'true')
  await expect(searchBox(alice)).toHaveAttribute(
    'aria-activedescendant',
    (await results(alice).nth(1).getAttribute('id')) ?? '',
  )
  await alice.keyboard.press('Enter')
  await expect(searchBox(alice)).toBeHidden()
  const target = messageWith(alice, room, `${word} number 2`)
  await expect(target.locator('[data-highlighted]')).toHaveCount(1)
  await expect(target).toBeFocused()

  // Ctrl+K, even from the composer, opens it again with the words and results kept.
  await composer(alice).focus()
  await alice.keyboard.press('Control+k')
  await expect(searchBox(alice)).toBeFocused()
  await expect(searchBox(alice)).toHaveValue(word)
  await expect(results(alice)).toHaveCount(3)

  // Escape empties the box first, then closes the search.
  await alice.keyboard.press('Escape')
  await expect(searchBox(alice)).toHaveValue('')
  await expect(results(alice)).toHaveCount(0)
  await expect(searchBox(alice)).toBeVisible()
  await alice.keyboard.press('Escape')
  await expect(searchBox(alice)).toBeHidden()
})

test('a search the server cannot make says why in words, and one with no match says so', async ({ browser }) => {
  const room = uniqueRoom('search-bad')
  const alice = await openChat(browser, 'alice', room)
  await search(alice, 'lunch before:yesterday')
  await expect(alice.getByTestId('search-error')).toContainText('before:')
  await expect(alice.getByTestId('search-announcement')).toContainText('before:')
  await expect(results(alice)).toHaveCount(0)

  await search(alice, uniqueWord('nothing'))
  await expect(alice.getByText(/No messages match/)).toBeVisible()
  await expect(alice.getByTestId('search-announcement')).toHaveText('No messages found.')
})

test('more results load with the cursor, once each', async ({ browser }) => {
  const word = uniqueWord('numbat')
  const room = uniqueRoom('search-more')
  const alice = await openChat(browser, 'alice', room)
  await seedMessages(
    alice,
    room,
    Array.from({ length: 25 }, (_, index) => `${word} ${index + 1}`),
  )
  await search(alice, word)
  await expect(results(alice)).toHaveCount(20)
  await expect(alice.getByTestId('search-announcement')).toHaveText('20 messages found so far; more can be loaded.')
  await alice.getByRole('button', { name: 'Load more results' }).click()
  await expect(results(alice)).toHaveCount(25)
  await expect(alice.getByText('No more results.')).toBeVisible()
  const texts = await alice.getByTestId('search-snippet').allTextContents()
  expect(new Set(texts).size).toBe(25)
})

for (const theme of ['light', 'dark'] as const) {
  test(`the search has no serious or critical accessibility violations, ${theme}, on a desktop and at 360 px`, async ({
    browser,
  }, testInfo) => {
    const word = uniqueWord('axe')
    const room = uniqueRoom(`search-axe-${theme}`)
    for (const viewport of [
      { width: 1280, height: 720 },
      { width: 360, height: 740 },
    ]) {
      const page = await arriveInTheme(browser, theme, 'alice', viewport)
      await joinFromForm(page, 'alice', room)
      if (viewport.width > 400) {
        await say(page, `${word} in a message, with words around the ${word} we look for`)
        await say(page, `another ${word}`)
      }
      await page.getByRole('button', { name: 'Search', exact: true }).click()
      await expect(page.getByText('Search the messages of every room.')).toBeVisible()
      expect(await seriousViolations(page, testInfo, `search help, ${theme}, ${viewport.width}`)).toEqual([])
      await searchBox(page).fill(word)
      await expect(results(page)).toHaveCount(2)
      await searchBox(page).press('ArrowDown')
      // Nothing scrolls sideways on a phone.
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(viewport.width)
      expect(await seriousViolations(page, testInfo, `search results, ${theme}, ${viewport.width}`)).toEqual([])
      await page.context().close()
    }
  })
}

test('a result further back than one reach opens as a window with a gap, and loading the gap joins it to the rest', async ({
  browser,
}) => {
  const word = uniqueWord('numbat')
  const room = uniqueRoom('search-far')
  const alice = await openChat(browser, 'alice', room)
  await say(alice, `the ${word} is in the first message`)
  // More messages after it than the contiguous reach (about 400 seqs) loads.
  await seedManyMessages(
    alice,
    room,
    Array.from({ length: 700 }, (_, index) => `filler ${index + 1}`),
    { sockets: 10 },
  )
  await alice.close()

  const carol = await openChat(browser, 'carol', room)
  await search(carol, word)
  await expect(results(carol)).toHaveCount(1)
  await results(carol).first().click()
  const target = messageWith(carol, room, `the ${word} is in the first message`)
  await expect(target).toBeInViewport()
  await expect(target.locator('[data-highlighted]')).toHaveCount(1)
  await expect(target).toBeFocused()
  // The window reaches the start of the room; the newer messages held are apart from it.
  await expect(carol.getByText(`This is the start of #${room}`)).toBeVisible()
  const gap = messageLog(carol, room).getByTestId('message-gap')
  await expect(gap).toHaveCount(1)
  await expect(gap).toContainText('Newer messages not loaded')

  // Each press loads the next page of the gap, until the window meets the newer messages. The
  // gap row stays just above the newer messages, so reading from the newest always draws it.
  const log = messageLog(carol, room)
  const load = gap.getByRole('button', { name: 'Load newer messages' })
  const gapIndex = async () =>
    (await gap.count()) === 0 ? 'gone' : await gap.evaluate((row) => row.closest('li')?.getAttribute('data-index'))
  let presses = 0
  for (;;) {
    await log.evaluate((scroller) => {
      scroller.scrollTop = scroller.scrollHeight
    })
    await expect(messages(carol, room).last()).toBeInViewport()
    if ((await gap.count()) === 0) break
    const before = await gapIndex()
    await load.click()
    presses += 1
    await expect.poll(gapIndex, { intervals: [50] }).not.toBe(before)
    expect(presses).toBeLessThan(10)
  }
  expect(presses).toBeGreaterThan(1)
  // One unbroken run now: the rows drawn have every seq, none twice.
  const drawn = (
    await messages(carol, room).evaluateAll((rows) => rows.map((row) => Number(row.getAttribute('data-seq'))))
  ).filter((seq) => seq > 0)
  expect(drawn.length).toBeGreaterThan(50)
  expect(drawn).toEqual(drawn.map((_, index) => (drawn[0] ?? 0) + index))
})
