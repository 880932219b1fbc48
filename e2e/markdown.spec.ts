import { expect, type Page, type TestInfo } from '@playwright/test'
import { seriousViolations } from './axe.ts'
import { arriveInTheme, composer, joinFromForm, messages, say, seedMessages, test, uniqueRoom } from './support.ts'

const CODE = 'export function apply(change: Change): State {\n  return reduce(state, change) // keeps the order\n}'

/** A conversation with every kind of formatting Parley shows, one message each, in order. */
const CONVERSATION = [
  'Release checklist for **Friday**: **@alice** please _double-check_ the ~~old~~ new steps',
  '1. Run `npm test`\n2. Tag the build\n3. Post the notes at https://example.com/notes',
  '> The deploy waits for the **migration**.\n> ops',
  `The fix, in \`apply.ts\`:\n\`\`\`ts\n${CODE}\n\`\`\``,
  '- [docs](https://example.com/docs)\n- [tracker](https://example.com/issues)',
]

/** A code block with one line far wider than a phone. */
const LONG_LINE = `const address = '${'https://example.com/a/very/long/path/'.repeat(6)}'`

/** The text of message `index` in `room`, as shown. */
function messageText(page: Page, room: string, index: number) {
  return messages(page, room).nth(index).getByTestId('message-text')
}

async function screenshot(page: Page, testInfo: TestInfo, name: string): Promise<void> {
  const path = testInfo.outputPath(`${name}.png`)
  await page.screenshot({ path })
  await testInfo.attach(name, { path, contentType: 'image/png' })
}

for (const theme of ['light', 'dark'] as const) {
  test(`formatted messages show their formatting in the ${theme} theme, readably and accessibly`, async ({
    browser,
  }, testInfo) => {
    const room = uniqueRoom(`markdown-${theme}`)
    const alice = await arriveInTheme(browser, theme, 'alice', { width: 1280, height: 800 })
    await joinFromForm(alice, 'alice', room)
    await seedMessages(alice, room, CONVERSATION, 'bob')
    await expect(messages(alice, room)).toHaveCount(CONVERSATION.length)

    const intro = messageText(alice, room, 0)
    await expect(intro.locator('strong').first()).toHaveText('Friday')
    await expect(intro.locator('strong [data-mention="me"]')).toHaveText('@alice')
    await expect(intro.locator('em')).toHaveText('double-check')
    await expect(intro.locator('s')).toHaveText('old')
    await expect(intro).toHaveText('Release checklist for Friday: @alice please double-check the old new steps')

    const steps = messageText(alice, room, 1)
    await expect(steps.getByRole('list').getByRole('listitem')).toHaveText([
      'Run npm test',
      'Tag the build',
      'Post the notes at https://example.com/notes',
    ])
    await expect(steps.locator('ol code')).toHaveText('npm test')
    await expect(steps.getByRole('link')).toHaveAttribute('href', 'https://example.com/notes')

    const quote = messageText(alice, room, 2).locator('blockquote')
    await expect(quote).toHaveText('The deploy waits for the migration.\nops')
    await expect(quote.locator('strong')).toHaveText('migration')

    const fix = messageText(alice, room, 3)
    await expect(fix.locator('p code')).toHaveText('apply.ts')
    await expect(fix.getByTestId('code-block')).toContainText('ts')
    await expect(fix.locator('pre > code')).toHaveText(CODE)
    const font = await fix.locator('pre > code').evaluate((code) => getComputedStyle(code).fontFamily)
    expect(font).toMatch(/mono/i)

    const links = messageText(alice, room, 4).getByRole('listitem').getByRole('link')
    await expect(links).toHaveText(['docs', 'tracker'])
    for (const link of await links.all()) {
      await expect(link).toHaveAttribute('target', '_blank')
      await expect(link).toHaveAttribute('rel', 'noopener noreferrer')
    }

    await screenshot(alice, testInfo, `formatted conversation, ${theme}`)
    expect(await seriousViolations(alice, testInfo, `formatted messages, ${theme}`)).toEqual([])
  })
}

test('a message shows as typed until the formatter has loaded, then formatted', async ({ browser }) => {
  const room = uniqueRoom('markdown-lazy')
  const alice = await arriveInTheme(browser, 'light', 'alice', { width: 1280, height: 800 })
  let release: () => void = () => {}
  const held = new Promise<void>((resolve) => {
    release = resolve
  })
  let asked = false
  await alice.route(/\/format-message-[\w-]+\.js$/, async (route) => {
    asked = true
    await held
    await route.continue()
  })
  await joinFromForm(alice, 'alice', room)
  await say(alice, '**bold** and _italic_')

  const text = messageText(alice, room, 0)
  await expect.poll(() => asked).toBe(true)
  await expect(text).toHaveText('**bold** and _italic_')
  await expect(text.locator('strong, em')).toHaveCount(0)
  release()
  await expect(text.locator('strong')).toHaveText('bold')
  await expect(text.locator('em')).toHaveText('italic')
  await expect(text).toHaveText('bold and italic')
})

test('on a 360 px screen a long code block scrolls inside itself, never the page', async ({ browser }, testInfo) => {
  const room = uniqueRoom('markdown-narrow')
  for (const theme of ['light', 'dark'] as const) {
    const alice = await arriveInTheme(browser, theme, 'alice', { width: 360, height: 740 })
    await joinFromForm(alice, 'alice', room)
    if (theme === 'light') {
      await seedMessages(alice, room, CONVERSATION, 'bob')
      await say(alice, `Here:\n\`\`\`js\n${LONG_LINE}\n\`\`\``)
    }
    const pre = messages(alice, room).last().locator('pre')
    await expect(pre.locator('code')).toHaveText(LONG_LINE)

    const sizes = await pre.evaluate((element) => ({
      scroll: element.scrollWidth,
      client: element.clientWidth,
      right: element.getBoundingClientRect().right,
      page: document.documentElement.scrollWidth,
      viewport: document.documentElement.clientWidth,
      log: (() => {
        const log = element.closest('[role="log"]')
        return log ? log.scrollWidth - log.clientWidth : -1
      })(),
    }))
    expect(sizes.scroll).toBeGreaterThan(sizes.client * 2)
    expect(sizes.right).toBeLessThanOrEqual(360)
    expect(sizes.page).toBeLessThanOrEqual(sizes.viewport)
    expect(sizes.log).toBe(0)

    await screenshot(alice, testInfo, `phone, ${theme}`)
    expect(await seriousViolations(alice, testInfo, `phone with a code block, ${theme}`)).toEqual([])

    // A keyboard reaches the block and scrolls it.
    await pre.focus()
    await alice.keyboard.press('ArrowRight')
    await expect.poll(() => pre.evaluate((element) => element.scrollLeft)).toBeGreaterThan(0)
    expect(await alice.evaluate(() => window.scrollX)).toBe(0)
  }
})

test('the composer shows the formatting syntax on demand, by keyboard too, and stays within a phone', async ({
  browser,
}, testInfo) => {
  const room = uniqueRoom('markdown-help')
  const alice = await arriveInTheme(browser, 'light', 'alice', { width: 360, height: 740 })
  await joinFromForm(alice, 'alice', room)
  const toggle = alice.getByRole('button', { name: 'Formatting help' })
  await expect(toggle).toHaveAttribute('aria-expanded', 'false')
  await expect(alice.getByRole('region', { name: 'Formatting help' })).toHaveCount(0)

  await composer(alice).focus()
  await alice.keyboard.press('Tab')
  await expect(alice.getByRole('button', { name: 'Attach files' })).toBeFocused()
  await alice.keyboard.press('Tab')
  await expect(toggle).toBeFocused()
  await alice.keyboard.press('Enter')
  await expect(toggle).toHaveAttribute('aria-expanded', 'true')
  const help = alice.getByRole('region', { name: 'Formatting help' })
  await expect(help).toBeVisible()
  for (const syntax of ['**bold**', '_italic_', '~~strike~~', '`code`', '```', '> quote', '- list', '1. list']) {
    await expect(help.locator('code').getByText(syntax, { exact: true })).toBeVisible()
  }
  const form = alice.locator('form').filter({ has: composer(alice) })
  const overflow = await form.evaluate((element) => element.scrollWidth - element.clientWidth)
  expect(overflow).toBe(0)
  expect(await alice.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360)
  await screenshot(alice, testInfo, 'composer help, phone')
  expect(await seriousViolations(alice, testInfo, 'composer help, phone')).toEqual([])

  await alice.keyboard.press('Space')
  await expect(toggle).toHaveAttribute('aria-expanded', 'false')
  await expect(help).toHaveCount(0)
})
