// The files the files phase uploads, made once on disk so that every upload streams from
// there: random bytes (nothing compresses, and nothing reads as an image) and a photo-sized JPEG.
import { open } from 'node:fs/promises'
import sharp from 'sharp'

/** Bytes written per call while making a random file: the generator never holds the whole file. */
const WRITE_BYTES = 1024 * 1024

/** Writes `bytes` random bytes to `path`. */
export async function writeRandomFile(path: string, bytes: number): Promise<void> {
  const file = await open(path, 'wx')
  try {
    const chunk = new Uint8Array(WRITE_BYTES)
    for (let written = 0; written < bytes; written += WRITE_BYTES) {
      const length = Math.min(WRITE_BYTES, bytes - written)
      // getRandomValues fills at most 65,536 bytes a call.
      for (let at = 0; at < length; at += 65_536)
        crypto.getRandomValues(chunk.subarray(at, Math.min(at + 65_536, length)))
      await file.write(chunk, 0, length)
    }
  } finally {
    await file.close()
  }
}

/** A photo's size in pixels: 4000 × 3000, twelve megapixels, as a phone camera takes. */
export const PHOTO = { width: 4000, height: 3000 } as const

/**
 * Writes a 12-megapixel JPEG to `path` and returns its size in bytes: coarse noise scaled up
 * smoothly, so it compresses about as a photo does (a few MB at quality 90), not as a flat
 * colour (a few KB) or as pure noise (tens of MB).
 */
export async function writePhotoJpeg(path: string): Promise<number> {
  const coarse = { width: PHOTO.width / 20, height: PHOTO.height / 20, channels: 3 as const }
  const pixels = new Uint8Array(coarse.width * coarse.height * coarse.channels)
  for (let at = 0; at < pixels.length; at += 65_536) crypto.getRandomValues(pixels.subarray(at, at + 65_536))
  const info = await sharp(pixels, { raw: coarse })
    .resize(PHOTO.width, PHOTO.height, { kernel: 'cubic' })
    .jpeg({ quality: 90 })
    .toFile(path)
  return info.size
}
