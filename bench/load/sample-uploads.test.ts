import { afterAll, expect, test } from 'bun:test'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import sharp from 'sharp'
import { PHOTO, writePhotoJpeg, writeRandomFile } from './sample-uploads.ts'

const dir = mkdtempSync(join(tmpdir(), 'sample-uploads-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

test('a random file has exactly the bytes asked for, and they do not compress', async () => {
  const path = join(dir, 'random.bin')
  const size = 3 * 1024 * 1024 + 12_345
  await writeRandomFile(path, size)
  const bytes = await Bun.file(path).bytes()
  expect(bytes.length).toBe(size)
  expect(Bun.gzipSync(bytes).length).toBeGreaterThan(size)
})

test('the photo is a 12-megapixel JPEG of a photo-like size', async () => {
  const path = join(dir, 'photo.jpg')
  const size = await writePhotoJpeg(path)
  const meta = await sharp(path).metadata()
  expect({ format: meta.format, width: meta.width, height: meta.height }).toEqual({ format: 'jpeg', ...PHOTO })
  expect(size).toBe(Bun.file(path).size)
  expect(size).toBeGreaterThan(500_000)
  expect(size).toBeLessThan(10_000_000)
})
