import { open } from 'node:fs/promises'
import { fileTypeFromFile } from 'file-type'
import { type Inspection, refuse } from './inspection.ts'
import { type InlineImageType, isInlineImage, keepImage } from './keep-image.ts'
import { SVG_TYPE, TEXT_SNIFF_BYTES, textTypeOf } from './sniff-text.ts'

export type { AcceptedUpload, ImageSize, Inspection, RefusedUpload } from './inspection.ts'
export { isInlineImage } from './keep-image.ts'

/** Read as PNG: an animated PNG's first frame is kept as a still PNG (libvips does not animate APNG). */
const APNG_TYPE = 'image/apng'

/**
 * Decides what an upload is from its bytes (never its name or the uploader's word) and
 * what of it to keep. `path` is a local file holding all of it.
 *
 * - PNG, JPEG, GIF and WebP are decoded in full: their answer has `image` sizes, a clean
 *   re-encoded copy as `original` and a thumbnail (see `keepImage`); a file that starts like
 *   one but does not decode, or has more than `limits.maxPixels` pixels, is refused.
 * - Anything else keeps the upload itself as `original`, typed by its magic number when it
 *   has a known one, else as SVG, HTML or plain text (UTF-8 without NUL in its first 64 KiB),
 *   else `application/octet-stream`. None of these is ever shown inline (`isInlineImage`).
 * - An empty file is refused.
 *
 * Files it writes beside `path` are the caller's to keep or remove; so is `path`.
 */
export async function inspectUpload(path: string, limits: { maxPixels: number }): Promise<Inspection> {
  const { size, head } = await readHead(path)
  if (size === 0) return refuse(422, 'This file is empty')

  const detected = (await fileTypeFromFile(path))?.mime
  const imageType = detected === APNG_TYPE ? 'image/png' : detected
  if (imageType !== undefined && isInlineImage(imageType)) return keepImage(path, imageType, limits)
  // file-type answers nothing for a PNG signature on anything else; such a file is refused, not kept as a download.
  const claimed = imageSignatureOf(head)
  if (claimed !== undefined) return keepImage(path, claimed, limits)

  const textType = textTypeOf(head, head.length === size)
  let type = detected ?? textType ?? 'application/octet-stream'
  if (detected === 'application/xml' && textType === SVG_TYPE) type = SVG_TYPE
  return { kind: 'accepted', type, size, original: path }
}

/** The inline image type whose signature the bytes start with, if any. */
function imageSignatureOf(head: Uint8Array): InlineImageType | undefined {
  const starts = (bytes: readonly number[], at = 0) => bytes.every((byte, index) => head[at + index] === byte)
  const ascii = (text: string) => [...text].map((char) => char.charCodeAt(0))
  if (starts([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'image/png'
  if (starts([0xff, 0xd8, 0xff])) return 'image/jpeg'
  if (starts(ascii('GIF87a')) || starts(ascii('GIF89a'))) return 'image/gif'
  if (starts(ascii('RIFF')) && starts(ascii('WEBP'), 8)) return 'image/webp'
  return undefined
}

/** The file's size and its first TEXT_SNIFF_BYTES bytes. */
async function readHead(path: string): Promise<{ size: number; head: Uint8Array }> {
  const file = await open(path, 'r')
  try {
    const { size } = await file.stat()
    const buffer = new Uint8Array(Math.min(size, TEXT_SNIFF_BYTES))
    let filled = 0
    while (filled < buffer.length) {
      const { bytesRead } = await file.read(buffer, filled, buffer.length - filled, filled)
      if (bytesRead === 0) break
      filled += bytesRead
    }
    return { size, head: buffer.subarray(0, filled) }
  } finally {
    await file.close()
  }
}
