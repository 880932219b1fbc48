import { afterAll, describe, expect, test } from 'bun:test'
import { existsSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import sharp from 'sharp'
import {
  animation,
  BLUE,
  ELF_HEADER,
  noise,
  phonePhoto,
  pngBomb,
  RED,
  solidImage,
  withAnimationControl,
} from '../../test/sample-images.ts'
import { type AcceptedUpload, type Inspection, inspectUpload, isInlineImage } from './inspect-upload.ts'

const folder = mkdtempSync(join(tmpdir(), 'parley-inspect-'))
afterAll(() => rmSync(folder, { recursive: true, force: true }))
const limits = { maxPixels: 50_000_000 }

let uploads = 0
/** Writes `bytes` as an upload (its name says nothing) and inspects it. */
async function inspect(bytes: Uint8Array | string, maxPixels = limits.maxPixels) {
  const path = join(folder, `upload-${++uploads}`)
  writeFileSync(path, bytes)
  return { path, inspection: await inspectUpload(path, { maxPixels }) }
}

function accepted(inspection: Inspection): AcceptedUpload {
  if (inspection.kind !== 'accepted') throw new Error(`refused: ${inspection.status} ${inspection.reason}`)
  return inspection
}

function expectRefused(path: string, inspection: Inspection, status: number, reason: string | RegExp): void {
  expect(inspection).toMatchObject({ kind: 'refused', status })
  if (inspection.kind === 'refused') expect(inspection.reason).toMatch(reason)
  expect(existsSync(`${path}.image`)).toBe(false)
  expect(existsSync(`${path}.thumbnail`)).toBe(false)
}

describe('images are decoded, copied clean and thumbnailed', () => {
  test.each([
    ['png', 'image/png', 800, 600, 480, 360],
    ['jpeg', 'image/jpeg', 300, 200, 300, 200], // smaller than the box: not enlarged
    ['webp', 'image/webp', 1000, 2000, 180, 360],
    ['gif', 'image/gif', 2000, 100, 480, 24],
  ] as const)('%s', async (format, type, width, height, thumbWidth, thumbHeight) => {
    const { path, inspection } = await inspect(await solidImage(width, height, format))
    const file = accepted(inspection)
    expect(file).toEqual({
      kind: 'accepted',
      type,
      size: statSync(`${path}.image`).size,
      image: { width, height, thumbWidth, thumbHeight },
      original: `${path}.image`,
      thumbnail: `${path}.thumbnail`,
    })
    expect(isInlineImage(file.type)).toBe(true)
    const kept = await sharp(`${path}.image`).metadata()
    expect([kept.format, kept.width, kept.height]).toEqual([format, width, height])
    const thumbnail = await sharp(`${path}.thumbnail`).metadata()
    expect([thumbnail.format, thumbnail.width, thumbnail.height]).toEqual(['webp', thumbWidth, thumbHeight])
  })

  test.each(['gif', 'webp'] as const)(
    'an animated %s keeps both frames, in the copy and the thumbnail',
    async (format) => {
      const { inspection } = await inspect(await animation(960, 240, [RED, BLUE], format))
      const file = accepted(inspection)
      expect(file.image).toEqual({ width: 960, height: 240, thumbWidth: 480, thumbHeight: 120 })
      for (const path of [file.original, file.thumbnail ?? '']) {
        const kept = await sharp(path, { animated: true }).metadata()
        expect([kept.pages, kept.pageHeight]).toEqual([2, path === file.original ? 240 : 120])
      }
      const frames = await sharp(file.original, { animated: true }).raw().toBuffer({ resolveWithObject: true })
      const second = frames.info.width * 240 * frames.info.channels // the first pixel of frame 2
      const colour = (at: number) => [...frames.data.subarray(at, at + 3)].map((value) => Math.round(value / 32))
      expect(colour(0)).toEqual([8, 0, 0]) // red, give or take lossy WebP
      expect(colour(second)).toEqual([0, 0, 8])
    },
  )

  test('a phone photo comes out upright with no EXIF (no location), XMP or ICC profile', async () => {
    const photo = await phonePhoto()
    const before = await sharp(photo).metadata()
    expect(before.orientation).toBe(6)
    expect(before.exif?.includes(Buffer.from([0x25, 0x88]))).toBe(true) // the GPS IFD pointer tag
    expect(before.xmp).toBeDefined()
    expect(before.hasProfile).toBe(true)

    const file = accepted((await inspect(photo)).inspection)
    expect(file.image).toEqual({ width: 300, height: 400, thumbWidth: 270, thumbHeight: 360 })
    for (const path of [file.original, file.thumbnail ?? '']) {
      const after = await sharp(path).metadata()
      expect(after.exif).toBeUndefined()
      expect(after.orientation).toBeUndefined()
      expect(after.xmp).toBeUndefined()
      expect(after.icc).toBeUndefined()
    }
    const upright = await sharp(file.original).raw().toBuffer({ resolveWithObject: true })
    expect([upright.info.width, upright.info.height]).toEqual([300, 400])
    const pixel = (x: number, y: number) => [...upright.data.subarray((y * 300 + x) * 3, (y * 300 + x) * 3 + 3)]
    expect(pixel(150, 50).map((value) => Math.round(value / 32))).toEqual([8, 0, 0]) // red on top
    expect(pixel(150, 350).map((value) => Math.round(value / 32))).toEqual([0, 0, 8]) // blue below
  })

  test('an animated PNG (file-type says image/apng) is kept as a still PNG', async () => {
    const { inspection } = await inspect(withAnimationControl(await solidImage(60, 40, 'png')))
    expect(inspection).toMatchObject({ kind: 'accepted', type: 'image/png', image: { width: 60, height: 40 } })
  })
})

describe('images that would hurt are refused', () => {
  test('a 20000 × 20000 PNG bomb is refused from its header, fast', async () => {
    const bomb = pngBomb(20_000, 20_000)
    expect(bomb.length).toBeLessThan(1_000_000)
    const header = await sharp(bomb, { limitInputPixels: false }).metadata()
    expect([header.format, header.width, header.height]).toEqual(['png', 20_000, 20_000])

    const started = performance.now()
    const { path, inspection } = await inspect(bomb)
    expect(performance.now() - started).toBeLessThan(1_000) // decoding it would take many seconds and 1.2 GB
    expectRefused(path, inspection, 413, 'This image is 20000 × 20000 pixels; the limit is 50 megapixels')
  })

  test('an animation counts every frame against the limit', async () => {
    const { path, inspection } = await inspect(await animation(100, 100, [RED, BLUE], 'gif'), 15_000)
    expectRefused(
      path,
      inspection,
      413,
      'This animation is 2 frames of 100 × 100 pixels (20000 pixels); the limit is 15000 pixels',
    )
  })

  test.each(['png', 'jpeg'] as const)('a %s cut short is refused', async (format) => {
    const whole = await noise(256, 256, format)
    const { path, inspection } = await inspect(whole.subarray(0, whole.length / 2))
    expectRefused(path, inspection, 422, `This ${format === 'png' ? 'PNG' : 'JPEG'} image is damaged or cut short`)
  })

  test('a PNG signature on an executable is refused, not kept as a download', async () => {
    const png = await solidImage(10, 10, 'png')
    const { path, inspection } = await inspect(Buffer.concat([png.subarray(0, 8), ELF_HEADER, Buffer.alloc(4096, 7)]))
    expectRefused(path, inspection, 415, 'This file starts like a PNG image but is not one')
  })

  test('a PNG header (signature and size) on an executable is refused', async () => {
    const png = await solidImage(10, 10, 'png')
    const { path, inspection } = await inspect(Buffer.concat([png.subarray(0, 33), ELF_HEADER, Buffer.alloc(4096, 7)]))
    expect(inspection.kind).toBe('refused')
    if (inspection.kind === 'refused') expect(inspection.reason).toContain('PNG')
    expect(existsSync(`${path}.image`)).toBe(false)
  })

  test('an empty file is refused', async () => {
    expect((await inspect('')).inspection).toEqual({ kind: 'refused', status: 422, reason: 'This file is empty' })
  })
})

describe('anything else is kept as it came, typed by its bytes, and only downloads', () => {
  async function typeOf(bytes: Uint8Array | string): Promise<string> {
    const { path, inspection } = await inspect(bytes)
    const file = accepted(inspection)
    expect(file.original).toBe(path)
    expect(file.size).toBe(statSync(path).size)
    expect(file.image).toBeUndefined()
    expect(file.thumbnail).toBeUndefined()
    expect(isInlineImage(file.type)).toBe(false)
    return file.type
  }

  test('a log file is plain text', async () => {
    const log = '2026-11-30T05:00:00Z INFO joined room «général» 🎉\n'.repeat(50)
    expect(await typeOf(log)).toBe('text/plain; charset=utf-8')
  })

  test('text longer than 64 KiB with a character across the 64 KiB mark is text', async () => {
    const text = `${'a'.repeat(64 * 1024 - 1)}é${'b'.repeat(1000)}`
    expect(await typeOf(text)).toBe('text/plain; charset=utf-8')
  })

  test('text ending in half a character, or with a NUL, is not text', async () => {
    expect(await typeOf(Buffer.from([0x61, 0x62, 0xc3]))).toBe('application/octet-stream')
    expect(await typeOf('name\0value\n')).toBe('application/octet-stream')
  })

  test.each([
    [
      'with an XML declaration',
      '<?xml version="1.0" encoding="UTF-8"?>\n<!-- drawn by hand -->\n<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
    ],
    [
      'with a doctype',
      '<!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" "http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd">\n<svg width="10"/>',
    ],
    ['bare', '  <svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"></svg>'],
  ])('an SVG %s is image/svg+xml, never inline', async (_, svg) => {
    expect(await typeOf(svg)).toBe('image/svg+xml')
  })

  test('other XML stays XML', async () => {
    expect(await typeOf('<?xml version="1.0"?>\n<feed/>')).toBe('application/xml')
  })

  test.each([
    '<!DOCTYPE html>\n<html><body><script>alert(1)</script></body></html>',
    '\n  <html lang="en"><p>hi</p></html>',
    '<script>fetch("/api")</script>',
  ])('an HTML page is text/html, never inline: %#', async (html) => {
    expect(await typeOf(html)).toBe('text/html; charset=utf-8')
  })

  test('a PDF is application/pdf', async () => {
    expect(await typeOf('%PDF-1.7\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n')).toBe(
      'application/pdf',
    )
  })

  test('random bytes are application/octet-stream', async () => {
    const bytes = new Uint8Array(4096)
    let seed = 42
    for (let index = 0; index < bytes.length; index++) {
      seed = (seed * 1664525 + 1013904223) >>> 0
      bytes[index] = seed >>> 24
    }
    expect(await typeOf(bytes)).toBe('application/octet-stream')
  })
})

test('only PNG, JPEG, GIF and WebP are inline images', () => {
  for (const type of ['image/png', 'image/jpeg', 'image/gif', 'image/webp']) expect(isInlineImage(type)).toBe(true)
  for (const type of ['image/svg+xml', 'text/html; charset=utf-8', 'image/apng', 'image/bmp', 'toString', '']) {
    expect(isInlineImage(type)).toBe(false)
  }
})
