import { browserStorageKeys } from '@parley/events/rules'
import { type Browser, expect, type Page, type WebSocketRoute } from '@playwright/test'
import {
  givePersonToken,
  joinFromForm,
  messageLog,
  messages,
  messageTexts,
  people,
  say,
  test,
  uniqueName,
  uniqueRoom,
} from './support.ts'

/** Text that would run script, or turn into markup, if anything rendered it as HTML (or made a script link of it). */
const HOSTILE = [
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(1)>',
  '<svg onload=alert(1)>',
  'javascript:alert(1)',
  '[click](javascript:alert(1))',
  '<a href="javascript:alert(1)">x</a>',
]

/** Elements that must never appear where people's text is shown (the icons of a message's actions aside). */
const MARKUP = 'img, svg:not([role="toolbar"] svg), a, script, b, strong, em, i, iframe, object, embed'

interface Person {
  page: Page
  /** Every dialog (alert, confirm, prompt) the page opened. */
  dialogs: string[]
}

/** A fresh browser context with one page on the app, recording dialogs from the first load on. */
async function arrive(browser: Browser, username?: string): Promise<Person> {
  const context = await browser.newContext()
  if (username !== undefined) await givePersonToken(context, username)
  const page = await context.newPage()
  const dialogs: string[] = []
  page.on('dialog', (dialog) => {
    dialogs.push(dialog.message())
    void dialog.dismiss()
  })
  await page.goto('/')
  return { page, dialogs }
}

function joinError(page: Page) {
  return page.locator('form').getByRole('alert')
}

function reconnecting(page: Page) {
  return page.getByRole('status').filter({ hasText: 'Reconnecting…' })
}

/**
 * Routes the page's WebSocket through the test, which can refuse new connections and
 * drop the current one: `cut` closes both ends (the server sees the person leave);
 * `strand` closes only the page's end, leaving the server's open and silent, the way a
 * dead network leaves a socket until the server's idle timeout.
 */
async function relay(page: Page) {
  let refusing = false
  let current: WebSocketRoute | undefined
  await page.routeWebSocket(/\/ws$/, (ws) => {
    if (refusing) return void ws.close()
    ws.connectToServer()
    current = ws
  })
  return {
    refuse(on: boolean) {
      refusing = on
    },
    async cut() {
      await current?.close()
    },
    async strand() {
      current?.onClose(() => {})
      await current?.close()
    },
  }
}

async function tryJoin(page: Page, username: string, room: string): Promise<void> {
  await page.getByLabel('Username').fill(username)
  await page.getByLabel('Room', { exact: true }).fill(room)
  await page.getByRole('button', { name: 'Join', exact: true }).click()
}

test('messages and usernames made of HTML, script and script links show as the exact text typed', async ({
  browser,
}) => {
  const room = uniqueRoom('xss')
  const senderName = '<img src=x onerror=alert(1)>'
  const readerName = '<svg onload=alert(1)>'
  const watcherName = '<a href="javascript:alert(1)">x</a>'
  const sender = await arrive(browser, senderName)
  const reader = await arrive(browser, readerName)
  const watcher = await arrive(browser, watcherName)
  await joinFromForm(sender.page, senderName, room)
  await joinFromForm(reader.page, readerName, room)
  await joinFromForm(watcher.page, watcherName, room)

  for (const text of HOSTILE) await say(sender.page, text)
  await say(reader.page, '<script>alert(2)</script>')

  const everyone = [sender, reader, watcher]
  for (const { page } of everyone) {
    await expect(messageTexts(page, room)).toHaveText([...HOSTILE, '<script>alert(2)</script>'])
    await expect(messages(page, room).getByTestId('message-author')).toHaveText([
      ...HOSTILE.map(() => senderName),
      readerName,
    ])
    for (const name of [senderName, readerName, watcherName]) {
      await expect(people(page, room).getByText(name, { exact: true })).toHaveCount(1)
    }
    await expect(messageLog(page, room).locator(MARKUP)).toHaveCount(0)
    await expect(people(page, room).locator(MARKUP)).toHaveCount(0)
    // Nothing was injected anywhere else on the page either (the app draws no images or links).
    await expect(page.locator('body').locator('img, script:not([src]), a[href^="javascript"]')).toHaveCount(0)
  }
  for (const person of everyone) expect(person.dialogs).toEqual([])
})

interface Violation {
  directive: string
  blockedURI: string
  sample: string
}

declare global {
  interface Window {
    cspViolations?: Violation[]
  }
}

/** A person whose page records every Content-Security-Policy violation it reports, from the first script on. */
async function arriveWatchingPolicy(browser: Browser) {
  const context = await browser.newContext()
  await context.addInitScript(() => {
    const seen: Violation[] = []
    window.cspViolations = seen
    document.addEventListener('securitypolicyviolation', (event) => {
      seen.push({ directive: event.effectiveDirective, blockedURI: event.blockedURI, sample: event.sample })
    })
  })
  const page = await context.newPage()
  const logged: string[] = []
  page.on('console', (message) => {
    if (/Content.Security.Policy/i.test(message.text())) logged.push(message.text())
  })
  const response = await page.goto('/')
  return { page, response, logged }
}

function violations(page: Page): Promise<Violation[]> {
  return page.evaluate(() => window.cspViolations ?? [])
}

/** cbor-x asks once whether eval is allowed (`new Function('')`), and decodes without it when it is not. */
function unexpected(found: Violation[]): Violation[] {
  return found.filter((violation) => violation.blockedURI !== 'eval')
}

test('the page forbids inline script, and the app joins, sends and receives under that policy', async ({ browser }) => {
  const room = uniqueRoom('csp')
  const alice = await arriveWatchingPolicy(browser)
  const bob = await arriveWatchingPolicy(browser)

  const policy = alice.response?.headers()['content-security-policy'] ?? ''
  const directives = new Map(
    policy
      .split(';')
      .map((part) => part.trim().split(/\s+/))
      .filter((words) => words[0])
      .map(([name = '', ...sources]) => [name, sources]),
  )
  const scripts = directives.get('script-src') ?? []
  expect(scripts).toContain("'self'")
  expect(scripts).not.toContain("'unsafe-inline'")
  expect(scripts).not.toContain("'unsafe-eval'")
  expect(scripts.some((source) => source === '*' || source.endsWith(':'))).toBe(false)

  await joinFromForm(alice.page, uniqueName('csp-alice'), room)
  await joinFromForm(bob.page, uniqueName('csp-bob'), room)
  await say(alice.page, 'hello under a strict policy')
  await expect(messageTexts(bob.page, room)).toHaveText(['hello under a strict policy'])
  await say(bob.page, 'and back')
  await expect(messageTexts(alice.page, room)).toHaveText(['hello under a strict policy', 'and back'])

  for (const { page, logged } of [alice, bob]) {
    expect(unexpected(await violations(page))).toEqual([])
    expect(logged.filter((text) => !/unsafe-eval|evaluate a string/i.test(text))).toEqual([])
  }

  // The policy is enforced and the watch works: script injected into the page is refused and reported.
  const ran = await alice.page.evaluate(() => {
    const script = document.createElement('script')
    script.textContent = 'window.__injected = true'
    document.body.append(script)
    return Object.hasOwn(window, '__injected')
  })
  expect(ran).toBe(false)
  await expect
    .poll(async () => unexpected(await violations(alice.page)).map((violation) => violation.blockedURI))
    .toEqual(['inline'])
  await expect.poll(() => alice.logged).toEqual([expect.stringContaining('inline script')])
})

/** The page's policy as the server sends it: formatting messages must not need it any looser. */
const EXPECTED_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ')

/** Code whose HTML must show as code. */
const HTML_IN_CODE = '<script>alert(1)</script>\n<img src=x onerror=alert(1)>'

/** Markdown that would run script, link to it, or put elements on the page if formatting were careless. */
const HOSTILE_MARKDOWN = [
  '[x](JaVaScRiPt:alert(1)) [y](java&#115;cript:alert(1)) [z](data:text/html,<script>alert(1)</script>)',
  '[[nested](javascript:alert(1))](https://example.com/ok) [a [b](javascript:alert(2)) c](vbscript:alert(3))',
  '**<img src=x onerror=alert(1)>** _<svg onload=alert(1)>_ ~~<script>alert(1)</script>~~',
  `\`\`\`html\n${HTML_IN_CODE}\n\`\`\``,
  '> <iframe src="javascript:alert(1)"></iframe>\n- <object data="javascript:alert(1)"></object>',
  '![x](https://example.com/x.png) ![y](javascript:alert(1)) <javascript:alert(1)>',
  `${'>'.repeat(490)} deep`,
  `a ${'*'.repeat(240)}deep${'*'.repeat(240)}`,
]

test('Markdown runs no script, adds no element and links only to http(s), under the same policy', async ({
  browser,
}) => {
  const room = uniqueRoom('xss-markdown')
  const senderName = uniqueName('md-sender')
  const sender = await arrive(browser, senderName)
  const reader = await arriveWatchingPolicy(browser)
  const readerDialogs: string[] = []
  reader.page.on('dialog', (dialog) => {
    readerDialogs.push(dialog.message())
    void dialog.dismiss()
  })
  expect(reader.response?.headers()['content-security-policy']).toBe(EXPECTED_POLICY)
  await joinFromForm(sender.page, senderName, room)
  await joinFromForm(reader.page, uniqueName('md-reader'), room)
  for (const text of HOSTILE_MARKDOWN) await say(sender.page, text)

  for (const page of [sender.page, reader.page]) {
    const log = messageLog(page, room)
    await expect(messageTexts(page, room)).toHaveCount(HOSTILE_MARKDOWN.length)
    // Formatted (the code block is drawn), so the formatter ran on all of it.
    await expect(log.locator('pre > code')).toHaveText(HTML_IN_CODE)
    await expect(log.locator('strong').first()).toHaveText('<img src=x onerror=alert(1)>')
    await expect(log.locator('img, script, iframe, object, embed, svg:not([role="toolbar"] svg)')).toHaveCount(0)
    // The only links: the one real link, and an address typed as text.
    await expect(log.locator('a')).toHaveCount(2)
    expect(await log.locator('a').evaluateAll((links) => links.map((link) => link.getAttribute('href')))).toEqual([
      'https://example.com/ok',
      'https://example.com/x.png',
    ])
    for (const link of await log.locator('a').all()) await expect(link).toHaveAttribute('rel', 'noopener noreferrer')
    // Quotes nested past the limit show as typed; emphasis past it keeps its markers as text.
    await expect(messageTexts(page, room).nth(6)).toHaveText(HOSTILE_MARKDOWN[6] ?? '')
    await expect(messageTexts(page, room).nth(6).locator('blockquote')).toHaveCount(0)
    const deepMarks = await messageTexts(page, room).nth(7).locator('strong, em').count()
    expect(deepMarks).toBeGreaterThan(0)
    expect(deepMarks).toBeLessThanOrEqual(10)
    await expect(messageTexts(page, room).nth(7)).toContainText('deep')
    // No element anywhere carries an event handler attribute.
    const handlers = await page.evaluate(() =>
      Array.from(document.querySelectorAll('*')).flatMap((element) =>
        element.getAttributeNames().filter((name) => name.toLowerCase().startsWith('on')),
      ),
    )
    expect(handlers).toEqual([])
  }
  expect(sender.dialogs).toEqual([])
  expect(readerDialogs).toEqual([])
  expect(unexpected(await violations(reader.page))).toEqual([])
  expect(reader.logged.filter((text) => !/unsafe-eval|evaluate a string/i.test(text))).toEqual([])
})

test('a name held by someone connected is refused on the join screen, keeping what was typed', async ({ browser }) => {
  const room = uniqueRoom('taken')
  const name = uniqueName('taken')
  const holder = await arrive(browser)
  await joinFromForm(holder.page, name, room)

  const other = await arrive(browser)
  const sameNameOtherCase = name.toUpperCase()
  await tryJoin(other.page, sameNameOtherCase, room)
  await expect(joinError(other.page)).toContainText(`"${sameNameOtherCase}" is taken`)
  await expect(other.page.getByLabel('Username')).toHaveValue(sameNameOtherCase)
  await expect(other.page.getByLabel('Room', { exact: true })).toHaveValue(room)
  await expect(other.page.getByRole('log')).toHaveCount(0)

  const another = uniqueName('another')
  await joinFromForm(other.page, another, room)
  await expect(people(holder.page, room).getByText(another, { exact: true })).toHaveCount(1)
})

test('the same person keeps their name through a reload and a connection that died', async ({ browser }) => {
  const room = uniqueRoom('keep')
  const name = uniqueName('keep')
  const bob = await arrive(browser)
  await joinFromForm(bob.page, uniqueName('bob'), room)
  const alice = await browser.newContext().then((context) => context.newPage())
  const network = await relay(alice)
  await alice.goto('/')
  await joinFromForm(alice, name, room)
  const token = await alice.evaluate((key) => localStorage.getItem(key), browserStorageKeys.token)
  expect(token).toMatch(/^[\w-]{16,128}$/)

  await alice.reload()
  await expect(messageLog(alice, room)).toBeVisible()
  await say(alice, 'back after a reload')
  await expect(messages(bob.page, room).filter({ hasText: 'back after a reload' })).toContainText(name)

  network.refuse(true)
  await network.strand()
  await expect(reconnecting(alice)).toBeVisible()
  // The server still counts the dead socket as holding the name: nobody else gets it...
  const other = await arrive(browser)
  await tryJoin(other.page, name, room)
  await expect(joinError(other.page)).toContainText('is taken')
  // ...but its owner does, with the browser's token, when the app reconnects by itself.
  network.refuse(false)
  await expect(reconnecting(alice)).toHaveCount(0, { timeout: 15_000 })
  await say(alice, 'back after a drop')
  await expect(messages(bob.page, room).filter({ hasText: 'back after a drop' })).toContainText(name)
  await expect(messageLog(alice, room)).toBeVisible()
  await expect(alice.getByRole('alert')).toHaveCount(0)
})

test('two tabs of one browser are one person and can both use the name', async ({ browser }) => {
  const room = uniqueRoom('tabs')
  const name = uniqueName('tabs')
  const first = await arrive(browser)
  await joinFromForm(first.page, name, room)

  const second = await first.page.context().newPage()
  await second.goto('/')
  await joinFromForm(second, name, room)
  await say(second, 'from the second tab')
  await expect(messageTexts(first.page, room)).toHaveText(['from the second tab'])
  await say(first.page, 'from the first tab')
  await expect(messageTexts(second, room)).toHaveText(['from the second tab', 'from the first tab'])
  await expect(messages(first.page, room).getByTestId('message-author')).toHaveText([name, name])
})

test('a username with an invisible character is refused inline, keeping what was typed', async ({ page }) => {
  await page.goto('/')
  const typed = 'ali\u200bce'
  await page.getByLabel('Username').fill(typed)
  await page.getByRole('button', { name: 'Join', exact: true }).click()
  await expect(page.getByText('A username cannot contain control or invisible characters')).toBeVisible()
  await expect(page.getByLabel('Username')).toHaveAttribute('aria-invalid', 'true')
  await expect(page.getByLabel('Username')).toHaveValue(typed)
  await expect(page.getByRole('log')).toHaveCount(0)
})

test('when the name was taken while the connection was down, the app says so and asks for another', async ({
  browser,
}) => {
  const room = uniqueRoom('lost')
  const name = uniqueName('lost')
  const witness = await arrive(browser)
  await joinFromForm(witness.page, uniqueName('witness'), room)
  const alice = await browser.newContext().then((context) => context.newPage())
  const network = await relay(alice)
  await alice.goto('/')
  await joinFromForm(alice, name, room)
  await expect(people(witness.page, room).getByText(name, { exact: true })).toHaveCount(1)

  network.refuse(true)
  await network.cut()
  await expect(people(witness.page, room).getByText(name, { exact: true })).toHaveCount(0)
  const newcomer = await arrive(browser)
  await joinFromForm(newcomer.page, name, room)
  network.refuse(false)

  const notice = alice.getByRole('alert').filter({ hasText: 'Could not rejoin' })
  await expect(notice).toHaveText(`Could not rejoin #${room}: The name "${name}" is taken: pick another.`, {
    timeout: 15_000,
  })
  await expect(alice.getByLabel('Username')).toHaveValue(name)
  await expect(alice.getByRole('log')).toHaveCount(0)

  const renamed = uniqueName('renamed')
  await joinFromForm(alice, renamed, room)
  await expect(notice).toHaveCount(0)
  await expect(people(witness.page, room).getByText(renamed, { exact: true })).toHaveCount(1)
  await expect(people(witness.page, room).getByText(name, { exact: true })).toHaveCount(1)
})
