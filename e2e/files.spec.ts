import { readFile } from 'node:fs/promises'
import { expect, type Page, type Route } from '@playwright/test'
import { seriousViolations } from './axe.ts'
import { arriveInTheme, composer, joinFromForm, messageLog, messages, openChat, test, uniqueRoom } from './support.ts'

const isUpload = (url: URL) => url.pathname === '/api/files'
const isThumbnail = (url: URL) => url.pathname.startsWith('/files/thumbnails/')

function pendingFile(page: Page, name: string) {
  return page.getByTestId('pending-file').filter({ hasText: name })
}

function sendButton(page: Page) {
  return page.getByRole('button', { name: 'Send', exact: true })
}

/** Attaches a text file through the paperclip and the system's file picker. */
async function attachByButton(page: Page, name: string, text: string): Promise<void> {
  const chooser = page.waitForEvent('filechooser')
  await page.getByRole('button', { name: 'Attach files' }).click()
  await (await chooser).setFiles({ name, mimeType: 'text/plain', buffer: Buffer.from(text) })
}

interface ImageSpec {
  name: string
  width: number
  height: number
  color: string
}

/** Pastes PNG images (drawn in the page) into the composer as a screenshot tool leaves them: files, no text. */
async function pasteImages(page: Page, images: ImageSpec[]): Promise<void> {
  await composer(page).evaluate(async (box, images) => {
    const files = await Promise.all(
      images.map(({ name, width, height, color }) => {
        const canvas = document.createElement('canvas')
        canvas.width = width
        canvas.height = height
        const context = canvas.getContext('2d') as CanvasRenderingContext2D
        context.fillStyle = color
        context.fillRect(0, 0, width, height)
        context.fillStyle = '#fff'
        context.fillRect(width / 4, height / 4, width / 2, height / 2)
        return new Promise<File>((resolve, reject) =>
          canvas.toBlob(
            (blob) => (blob ? resolve(new File([blob], name, { type: 'image/png' })) : reject()),
            'image/png',
          ),
        )
      }),
    )
    const data = new DataTransfer()
    for (const file of files) data.items.add(file)
    box.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }))
  }, images)
}

/** Drags text files over the room's messages and drops them there. */
async function dropFiles(page: Page, room: string, files: Array<{ name: string; text: string }>): Promise<void> {
  await messageLog(page, room).evaluate((log, files) => {
    const data = new DataTransfer()
    for (const { name, text } of files) data.items.add(new File([text], name, { type: 'text/plain' }))
    for (const type of ['dragenter', 'dragover', 'drop']) {
      log.dispatchEvent(new DragEvent(type, { dataTransfer: data, bubbles: true, cancelable: true }))
    }
  }, files)
}

test('files are attached by button, paste and drop, upload with progress, can be cancelled or retried, and go with the caption', async ({
  browser,
}, testInfo) => {
  const room = uniqueRoom('files')
  const alice = await openChat(browser, 'alice', room)

  // An upload on a slow link: its progress shows as it goes, Send waits for it, and × stops it half-way.
  const network = await alice.context().newCDPSession(alice)
  const uploadAt = (bytesPerSecond: number) =>
    network.send('Network.emulateNetworkConditions', {
      offline: false,
      latency: 0,
      downloadThroughput: -1,
      uploadThroughput: bytesPerSecond,
    })
  await network.send('Network.enable')
  await uploadAt(64 * 1024)
  await attachByButton(alice, 'first.log', 'never sent\n'.repeat(100_000))
  const first = pendingFile(alice, 'first.log')
  const progress = first.getByRole('progressbar', { name: 'Uploading first.log' })
  await expect(first).toHaveAttribute('data-status', 'uploading')
  await expect(first).toContainText('1.1 MB')
  await expect.poll(async () => Number(await progress.getAttribute('aria-valuenow'))).toBeGreaterThan(0)
  await composer(alice).fill('the crash from this morning')
  await expect(sendButton(alice)).toBeDisabled()
  await expect(alice.getByTestId('files-note')).toHaveText('Sends once the file is uploaded.')
  await first.getByRole('button', { name: 'Cancel uploading first.log' }).click()
  await expect(first).toHaveCount(0)
  await expect(sendButton(alice)).toBeEnabled()
  await uploadAt(-1)

  // A refusal says why in words and offers Retry; the caption stays.
  await alice.route(isUpload, (route) =>
    route.fulfill({ status: 413, contentType: 'application/json', body: JSON.stringify({ error: 'Too big for us.' }) }),
  )
  await attachByButton(alice, 'build.log', 'step 1 ok\nstep 2 failed\n')
  const build = pendingFile(alice, 'build.log')
  await expect(build).toHaveAttribute('data-status', 'failed')
  await expect(build).toContainText('Too big for us.')
  await expect(sendButton(alice)).toBeDisabled()
  await alice.unroute(isUpload)
  // The server's own refusal, in its words.
  await attachByButton(alice, 'empty.txt', '')
  await expect(pendingFile(alice, 'empty.txt')).toContainText('The file is empty')
  await pendingFile(alice, 'empty.txt').getByRole('button', { name: 'Remove empty.txt' }).click()
  await expect(pendingFile(alice, 'empty.txt')).toHaveCount(0)
  await build.getByRole('button', { name: 'Retry build.log' }).click()
  await expect(build).toHaveAttribute('data-status', 'uploaded')

  // A screenshot pasted (two at once), and a file dropped on the room.
  await pasteImages(alice, [
    { name: 'one.png', width: 640, height: 480, color: '#c0392b' },
    { name: 'two.png', width: 300, height: 600, color: '#2471a3' },
  ])
  await dropFiles(alice, room, [{ name: 'dropped.txt', text: 'dropped on the room' }])
  for (const name of ['one.png', 'two.png', 'dropped.txt']) {
    await expect(pendingFile(alice, name)).toHaveAttribute('data-status', 'uploaded')
  }
  await expect(composer(alice)).toHaveValue('the crash from this morning')
  expect(await seriousViolations(alice, testInfo, 'files in the composer')).toEqual([])

  // The thumbnails are held back: their boxes must have their final size before they arrive.
  const thumbnails: Route[] = []
  await alice.route(isThumbnail, (route) => void thumbnails.push(route))
  await sendButton(alice).click()
  await expect(alice.getByTestId('pending-file')).toHaveCount(0)
  await expect(composer(alice)).toHaveValue('')
  const sent = messages(alice, room).last()
  await expect(sent).toHaveAttribute('data-status', 'sent')
  await expect(sent.getByTestId('message-text')).toHaveText('the crash from this morning')
  await expect(sent.getByTestId('file-card')).toHaveText([
    /build\.log.*text · 24 bytes/,
    /dropped\.txt.*text · 19 bytes/,
  ])
  await expect.poll(() => thumbnails.length).toBe(2)
  const boxes = () =>
    sent.evaluate((row) => ({
      row: row.getBoundingClientRect().height,
      images: Array.from(row.querySelectorAll('img')).map((image) => ({
        width: image.getBoundingClientRect().width,
        height: image.getBoundingClientRect().height,
        loaded: image.complete && image.naturalWidth > 0,
      })),
    }))
  const before = await boxes()
  // 640 × 480 and 300 × 600 shown within 400 × 300, their shapes kept, with nothing loaded yet.
  expect(before.images).toEqual([
    { width: 400, height: 300, loaded: false },
    { width: 150, height: 300, loaded: false },
  ])
  for (const route of thumbnails) await route.continue()
  await expect.poll(async () => (await boxes()).images.every((image) => image.loaded)).toBe(true)
  const after = await boxes()
  expect(after.row).toBe(before.row)
  expect(after.images.map(({ width, height }) => ({ width, height }))).toEqual(
    before.images.map(({ width, height }) => ({ width, height })),
  )

  // The viewer, by keyboard: Enter opens it, ←/→ go round the message's images, Escape closes it.
  const firstThumbnail = sent.getByRole('button', { name: 'Open image one.png' })
  await firstThumbnail.focus()
  await alice.keyboard.press('Enter')
  const viewer = alice.getByRole('dialog')
  await expect(viewer.getByRole('heading')).toContainText('one.png')
  await expect(viewer.getByRole('img', { name: 'one.png' })).toHaveJSProperty('naturalWidth', 640)
  await alice.keyboard.press('ArrowRight')
  await expect(viewer.getByRole('heading')).toContainText('two.png')
  await expect(viewer.getByRole('heading')).toContainText('2 of 2')
  await alice.keyboard.press('ArrowRight')
  await expect(viewer.getByRole('heading')).toContainText('one.png')
  await alice.keyboard.press('ArrowLeft')
  await expect(viewer.getByRole('heading')).toContainText('two.png')
  expect(await seriousViolations(alice, testInfo, 'image viewer')).toEqual([])
  await alice.keyboard.press('Escape')
  await expect(viewer).toHaveCount(0)
  await expect(firstThumbnail).toBeFocused()
})

test('one person sends a screenshot and a log; the other, on a phone, sees both, opens one and downloads the other', async ({
  browser,
}) => {
  const room = uniqueRoom('files-two')
  const alice = await openChat(browser, 'alice', room)
  const bob = await arriveInTheme(browser, 'light', 'bob', { width: 390, height: 844 })
  await joinFromForm(bob, 'bob', room)

  const log = 'GET /api/health 200\nGET /ws 101\nPOST /api/files 500 (disk full)\n'
  await pasteImages(alice, [{ name: 'screenshot.png', width: 1280, height: 720, color: '#1e8449' }])
  await attachByButton(alice, 'server.log', log)
  await expect(pendingFile(alice, 'screenshot.png')).toHaveAttribute('data-status', 'uploaded')
  await expect(pendingFile(alice, 'server.log')).toHaveAttribute('data-status', 'uploaded')
  // Until the message goes, the other side sees nothing of the files.
  await expect(messages(bob, room)).toHaveCount(0)
  await composer(alice).press('Enter')

  const seen = messages(bob, room).last()
  await expect(seen.getByTestId('file-card')).toContainText('server.log')
  await expect(seen.getByTestId('file-card')).toContainText(/text · 6\d bytes/)
  const thumbnail = seen.getByRole('button', { name: 'Open image screenshot.png' })
  await expect(thumbnail.locator('img')).toHaveJSProperty('complete', true)
  // On a phone the thumbnail is scaled down to the column, its shape kept; nothing runs off the side.
  const fit = await seen.evaluate((row) => {
    const image = row.querySelector('img') as HTMLImageElement
    const box = image.getBoundingClientRect()
    return {
      ratio: Math.round((box.width / box.height) * 100) / 100,
      inside: box.right <= row.getBoundingClientRect().right,
      overflow: document.documentElement.scrollWidth - document.documentElement.clientWidth,
      loaded: image.naturalWidth > 0,
    }
  })
  expect(fit).toEqual({ ratio: 1.78, inside: true, overflow: 0, loaded: true })

  const downloading = bob.waitForEvent('download')
  await seen.getByRole('link', { name: /^Download server\.log/ }).click()
  const download = await downloading
  expect(download.suggestedFilename()).toBe('server.log')
  expect(await readFile(await download.path(), 'utf8')).toBe(log)

  await thumbnail.click()
  const viewer = bob.getByRole('dialog')
  await expect(viewer.getByRole('img', { name: 'screenshot.png' })).toHaveJSProperty('naturalWidth', 1280)
  const shown = await viewer.getByRole('img', { name: 'screenshot.png' }).boundingBox()
  expect(shown?.width).toBeLessThanOrEqual(390)
  await viewer.getByRole('button', { name: 'Close' }).click()
  await expect(viewer).toHaveCount(0)
  await expect(thumbnail).toBeFocused()
})
