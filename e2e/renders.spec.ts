import { type Browser, expect, type Page } from '@playwright/test'
import {
  givePersonToken,
  joinFromForm,
  messageLog,
  messages,
  personToken,
  roomButton,
  test,
  uniqueName,
  uniqueRoom,
} from './support.ts'

/**
 * How many components render when something arrives. The count comes from React's own
 * commit hook (the one React DevTools uses, present in production builds too): after each
 * commit, every function component whose fiber did work in it is one render. Names are
 * minified in production, so each is described by the first element it draws. The list of
 * other rooms is left out: it follows the server's room directory, which the tests running
 * beside this one change all the time.
 */
declare global {
  interface Window {
    __renders: { commits: number; lastCommitAt: number; rendered: string[] }
  }
}

function installRenderCounter(): void {
  const FUNCTION = 0
  const CLASS = 1
  const HOST = 5
  const FORWARD_REF = 11
  const SIMPLE_MEMO = 15
  const PERFORMED_WORK = 1
  interface Fiber {
    tag: number
    flags: number
    type: unknown
    stateNode: unknown
    child: Fiber | null
    sibling: Fiber | null
    alternate: Fiber | null
  }
  const counter = { commits: 0, lastCommitAt: 0, rendered: [] as string[] }
  window.__renders = counter

  /** What the component draws, or `null` for one in the list of other rooms. */
  function nameOf(fiber: Fiber): string | null {
    const type = fiber.type as { displayName?: string; name?: string } | null
    const name = type?.displayName ?? type?.name ?? '?'
    let host: Fiber | null = fiber.child
    while (host !== null && host.tag !== HOST) host = host.child
    const element = host?.stateNode instanceof Element ? host.stateNode : null
    if (element === null) return name
    if (element.closest('[aria-labelledby="other-rooms-heading"]')) return null
    const what = ['data-testid', 'aria-label', 'role', 'id']
      .map((attribute) => element.getAttribute(attribute))
      .find((value) => value !== null)
    return `${name}<${element.tagName.toLowerCase()}${what ? ` ${what}` : ''}>`
  }

  function visit(fiber: Fiber, out: string[]): void {
    const before = fiber.alternate
    const component = [FUNCTION, CLASS, FORWARD_REF, SIMPLE_MEMO].includes(fiber.tag)
    const name = component && (before === null || (fiber.flags & PERFORMED_WORK) !== 0) ? nameOf(fiber) : null
    if (name !== null) out.push(name)
    // A subtree React did not enter keeps its children as they were: nothing in it rendered.
    if (before !== null && fiber.child === before.child) return
    for (let child = fiber.child; child !== null; child = child.sibling) visit(child, out)
  }

  Object.defineProperty(window, '__REACT_DEVTOOLS_GLOBAL_HOOK__', {
    value: {
      supportsFiber: true,
      renderers: new Map(),
      inject: () => 1,
      checkDCE: () => undefined,
      onCommitFiberUnmount: () => undefined,
      onPostCommitFiberRoot: () => undefined,
      onCommitFiberRoot(_id: number, root: { current: Fiber }) {
        const rendered: string[] = []
        for (let child = root.current.child; child !== null; child = child.sibling) visit(child, rendered)
        if (rendered.length === 0) return
        counter.commits += 1
        counter.lastCommitAt = performance.now()
        counter.rendered.push(...rendered)
      },
    },
  })
}

async function resetRenders(page: Page): Promise<void> {
  await page.evaluate(() => {
    window.__renders.commits = 0
    window.__renders.rendered = []
  })
}

/** The components rendered since the last reset, once React has been quiet for a moment (effects settle). */
async function settledRenders(page: Page): Promise<{ commits: number; rendered: string[] }> {
  await expect
    .poll(() => page.evaluate(() => performance.now() - window.__renders.lastCommitAt), { intervals: [100] })
    .toBeGreaterThan(500)
  return page.evaluate(() => ({ commits: window.__renders.commits, rendered: [...window.__renders.rendered] }))
}

/** Someone in the rooms over a raw socket (wsx in JSON), so nothing but what the test says reaches the others. */
async function rawPerson(browser: Browser, username: string, rooms: string[]) {
  const page = await (await browser.newContext()).newPage()
  await page.goto('/api/health')
  await page.evaluate(
    async ({ username, rooms, token }) => {
      const ws = new WebSocket(`${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/ws`)
      await new Promise((resolve, reject) => {
        ws.onopen = resolve
        ws.onerror = () => reject(new Error('The socket did not open'))
      })
      const answers = new Map<string, () => void>()
      ws.onmessage = async (event: MessageEvent<string | Blob>) => {
        const frame = JSON.parse(typeof event.data === 'string' ? event.data : await event.data.text())
        if (frame.t === 'response_ok') answers.get(frame.id)?.()
      }
      let next = 0
      const request = (x: string, p: object) =>
        new Promise<void>((resolve) => {
          next += 1
          answers.set(`r${next}`, resolve)
          ws.send(JSON.stringify({ v: '1.0', t: 'request', x, id: `r${next}`, w: 0, p }))
        })
      for (const room of rooms) await request('join', { username, room, token })
      Object.assign(window, {
        say: (room: string, message: string) => request('sendMessage', { room, message }),
        typing: (room: string) => ws.send(JSON.stringify({ v: '1.0', t: 'send', x: 'typing', p: { room } })),
      })
    },
    { username, rooms, token: personToken(username) },
  )
  return {
    say: (room: string, message: string) =>
      page.evaluate(({ room, message }) => (window as unknown as Say).say(room, message), { room, message }),
    typing: (room: string) => page.evaluate((room) => (window as unknown as Typing).typing(room), room),
  }
}
type Say = { say(room: string, message: string): Promise<void> }
type Typing = { typing(room: string): void }

test('a message or a typing signal renders what shows it, not the whole chat', async ({ browser }) => {
  const here = uniqueRoom('renders-here')
  const there = uniqueRoom('renders-there')
  const aliceName = uniqueName('alice')
  const context = await browser.newContext()
  await givePersonToken(context, aliceName)
  await context.addInitScript(installRenderCounter)
  const alice = await context.newPage()
  await alice.goto('/')
  await joinFromForm(alice, aliceName, here)
  await alice.getByLabel('Room name').fill(there)
  await alice.getByRole('button', { name: 'Join room' }).click()
  await expect(messageLog(alice, there)).toBeVisible()
  const bobName = uniqueName('bob')
  const bob = await rawPerson(browser, bobName, [here, there])
  await roomButton(alice, here).click()
  await expect(messageLog(alice, here)).toBeVisible()
  await expect(alice.getByRole('complementary', { name: `People in ${here}` })).toContainText(bobName)

  /** Counts the renders from `act` until `shown` holds and React has settled, and checks they are at most `most`. */
  const expectRenders = async (
    label: string,
    most: number,
    act: () => Promise<unknown>,
    shown: () => Promise<void>,
  ) => {
    await settledRenders(alice)
    await resetRenders(alice)
    await act()
    await shown()
    const { commits, rendered } = await settledRenders(alice)
    const summary = `${rendered.length} renders in ${commits} commits: ${rendered.join(' ')}`
    test.info().annotations.push({ type: label, description: summary })
    expect(rendered.length, `${label}: ${summary}`).toBeLessThanOrEqual(most)
  }

  // The whole chat view is some 50 components: each of these once meant all of them.
  await expectRenders(
    'a message in another room (its entry in the room list)',
    8,
    () => bob.say(there, 'over there'),
    () => expect(roomButton(alice, there)).toHaveAccessibleDescription(/1 unread/),
  )
  await expectRenders(
    'a message in the room on screen (the pane and the new message)',
    10,
    () => bob.say(here, 'right here'),
    () => expect(messages(alice, here).last()).toContainText('right here'),
  )
  await expectRenders(
    'a typing signal (the typing line)',
    2,
    () => bob.typing(here),
    () => expect(alice.getByTestId('typing-indicator')).toHaveText(`${bobName} is typing…`),
  )
})
