import { expect, test } from 'bun:test'
import type { Attachment } from '@parley/events'
import { filesHeight, fitWithin, isImage, THUMBNAIL_BOX, thumbnailSize, typeLabel } from './attachments.ts'

const log: Attachment = { id: 'a'.repeat(22), name: 'app.log', type: 'text/plain', size: 1234 }
const shot: Attachment = {
  id: 'b'.repeat(22),
  name: 'shot.png',
  type: 'image/png',
  size: 99_000,
  image: { width: 1920, height: 1080, thumbWidth: 480, thumbHeight: 270 },
}

test('a size is scaled down to fit its box, keeping its shape, never up', () => {
  expect(fitWithin(480, 270, 400, 300)).toEqual({ width: 400, height: 225 })
  expect(fitWithin(270, 480, 400, 300)).toEqual({ width: 169, height: 300 })
  expect(fitWithin(40, 30, 400, 300)).toEqual({ width: 40, height: 30 })
  expect(fitWithin(5000, 1, 400, 300)).toEqual({ width: 400, height: 1 })
})

test("an image's thumbnail size is known from its attachment, within the thumbnail box", () => {
  expect(isImage(shot)).toBe(true)
  expect(isImage(log)).toBe(false)
  if (!isImage(shot)) throw new Error('unreachable')
  const size = thumbnailSize(shot)
  expect(size).toEqual({ width: 400, height: 225 })
  expect(size.width).toBeLessThanOrEqual(THUMBNAIL_BOX.width)
})

test("a message's files add their thumbnails' heights and a card per other file to its first guess", () => {
  expect(filesHeight([])).toBe(0)
  expect(filesHeight([shot, log])).toBe(8 + 225 + 8 + 56)
})

test('a type reads as people say it, or as the server named it', () => {
  expect(typeLabel('image/png')).toBe('PNG image')
  expect(typeLabel('image/svg+xml')).toBe('SVG image')
  expect(typeLabel('text/plain; charset=utf-8')).toBe('text')
  expect(typeLabel('application/pdf')).toBe('PDF')
  expect(typeLabel('application/zip')).toBe('ZIP archive')
  expect(typeLabel('application/octet-stream')).toBe('application/octet-stream')
})
