import { rm } from 'node:fs/promises'
import sharp, { type Metadata, type OutputInfo, type Sharp } from 'sharp'
import { type Inspection, refuse } from './inspection.ts'

// Every upload is a new file, decoded once: libvips' operation cache would only hold on to them.
sharp.cache(false)

/** The image types shown inline, each with the name people know it by and how its copy is encoded. */
const INLINE_IMAGES = {
  'image/png': { name: 'PNG', format: 'png', encode: (image: Sharp) => image.png() },
  'image/jpeg': { name: 'JPEG', format: 'jpeg', encode: (image: Sharp) => image.jpeg({ quality: 90, mozjpeg: true }) },
  'image/gif': { name: 'GIF', format: 'gif', encode: (image: Sharp) => image.gif() },
  'image/webp': { name: 'WebP', format: 'webp', encode: (image: Sharp) => image.webp({ quality: 90 }) },
} as const

/** A MIME type shown inline: PNG, JPEG, GIF or WebP. */
export type InlineImageType = keyof typeof INLINE_IMAGES

/** The box an image's thumbnail fits within (never enlarged). */
export const THUMBNAIL_BOX = { width: 480, height: 360 } as const

/** Whether files of this type are ever shown inline: only PNG, JPEG, GIF and WebP; anything else only downloads. */
export function isInlineImage(type: string): type is InlineImageType {
  return Object.hasOwn(INLINE_IMAGES, type)
}

/**
 * Decodes the image at `path` (its bytes say it is `type`) and keeps a clean copy: upright,
 * re-encoded in the same format without EXIF, XMP, ICC or comments (animation kept), at
 * `${path}.image`, and a WebP thumbnail at `${path}.thumbnail`. Refuses images of more than
 * `maxPixels` pixels (all frames together) from their header alone, before decoding any,
 * and images that do not decode in full. The upload at `path` is left for the caller.
 */
export async function keepImage(
  path: string,
  type: InlineImageType,
  limits: { maxPixels: number },
): Promise<Inspection> {
  const { name, format, encode } = INLINE_IMAGES[type]
  let header: Metadata
  try {
    header = await sharp(path, { limitInputPixels: false }).metadata()
  } catch {
    return refuse(415, `This file starts like a ${name} image but is not one`)
  }
  if (header.format !== format) return refuse(415, `This file starts like a ${name} image but is not one`)

  const frames = format === 'gif' || format === 'webp' ? (header.pages ?? 1) : 1
  const frameHeight = header.pageHeight ?? header.height
  if (header.width * frameHeight * frames > limits.maxPixels) {
    return refuse(413, tooManyPixels(header.width, frameHeight, frames, limits.maxPixels))
  }

  const input = sharp(path, { animated: frames > 1, failOn: 'error', limitInputPixels: limits.maxPixels }).autoOrient()
  const original = `${path}.image`
  const thumbnail = `${path}.thumbnail`
  let kept: OutputInfo
  let thumb: OutputInfo
  try {
    ;[kept, thumb] = await Promise.all([
      encode(input.clone()).toFile(original),
      input
        .clone()
        .resize(THUMBNAIL_BOX.width, THUMBNAIL_BOX.height, { fit: 'inside', withoutEnlargement: true })
        .webp({ quality: 80 })
        .toFile(thumbnail),
    ])
  } catch (error) {
    await Promise.all([rm(original, { force: true }), rm(thumbnail, { force: true })])
    if (error instanceof Error && /pixel limit/i.test(error.message)) {
      return refuse(413, tooManyPixels(header.width, frameHeight, frames, limits.maxPixels))
    }
    return refuse(422, `This ${name} image is damaged or cut short`)
  }
  return {
    kind: 'accepted',
    type,
    size: kept.size,
    image: {
      width: kept.width,
      height: kept.pageHeight ?? kept.height,
      thumbWidth: thumb.width,
      thumbHeight: thumb.pageHeight ?? thumb.height,
    },
    original,
    thumbnail,
  }
}

function tooManyPixels(width: number, height: number, frames: number, maxPixels: number): string {
  const limit = `the limit is ${pixels(maxPixels)}`
  if (frames === 1) return `This image is ${width} × ${height} pixels; ${limit}`
  return `This animation is ${frames} frames of ${width} × ${height} pixels (${pixels(width * height * frames)}); ${limit}`
}

function pixels(count: number): string {
  return count >= 1_000_000 ? `${Number((count / 1_000_000).toFixed(1))} megapixels` : `${count} pixels`
}
