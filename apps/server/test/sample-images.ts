// Real image bytes for tests, made with sharp (and one PNG by hand, too big to encode pixel by pixel).
import { crc32, deflateSync } from 'node:zlib'
import sharp from 'sharp'

type Colour = { r: number; g: number; b: number }
export const RED: Colour = { r: 255, g: 0, b: 0 }
export const BLUE: Colour = { r: 0, g: 0, b: 255 }

/** One colour, `width` × `height`, in `format`. */
export function solidImage(width: number, height: number, format: 'png' | 'jpeg' | 'gif' | 'webp'): Promise<Buffer> {
  return sharp({ create: { width, height, channels: 3, background: RED } })
    .toFormat(format)
    .toBuffer()
}

/** Pixels no encoder can shrink much, so the data is most of the file (and cutting it loses pixels). */
export function noise(width: number, height: number, format: 'png' | 'jpeg'): Promise<Buffer> {
  const pixels = Buffer.alloc(width * height * 3)
  let seed = 12345
  for (let index = 0; index < pixels.length; index++) {
    seed = (seed * 1103515245 + 12345) >>> 0
    pixels[index] = seed >>> 24
  }
  return sharp(pixels, { raw: { width, height, channels: 3 } })
    .toFormat(format)
    .toBuffer()
}

/** An animation of one frame per colour, each `width` × `height`. */
export async function animation(
  width: number,
  height: number,
  colours: Colour[],
  format: 'gif' | 'webp',
): Promise<Buffer> {
  const frames = await Promise.all(
    colours.map((background) =>
      sharp({ create: { width, height, channels: 3, background } })
        .png()
        .toBuffer(),
    ),
  )
  return sharp(frames, { join: { animated: true } })
    .toFormat(format, { delay: colours.map(() => 100) })
    .toBuffer()
}

/**
 * A phone photo as stored: 400 × 300 pixels, red on its left half and blue on its right,
 * with EXIF orientation 6 (shown turned a quarter clockwise, so upright it is 300 × 400,
 * red on top), GPS coordinates, a camera make, an XMP packet and a Display P3 ICC profile.
 */
export async function phonePhoto(): Promise<Buffer> {
  const half = await sharp({ create: { width: 200, height: 300, channels: 3, background: BLUE } })
    .png()
    .toBuffer()
  return sharp({ create: { width: 400, height: 300, channels: 3, background: RED } })
    .composite([{ input: half, left: 200, top: 0 }])
    .withExif({
      IFD0: { Make: 'Parley Phone', Model: 'Test' },
      IFD3: {
        GPSLatitudeRef: 'N',
        GPSLatitude: '51/1 30/1 2628/100',
        GPSLongitudeRef: 'W',
        GPSLongitude: '0/1 7/1 3965/100',
      },
    })
    .withMetadata({ orientation: 6 })
    .withXmp(
      '<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"/></x:xmpmeta>',
    )
    .withIccProfile('p3')
    .jpeg({ quality: 95 })
    .toBuffer()
}

/**
 * A decompression bomb: a black 1-bit PNG of `width` × `height` pixels, a few hundred KB on
 * disk (20000 × 20000 decodes to 1.2 GB as RGB). Written chunk by chunk: encoding it
 * through an image library would mean making all those pixels first.
 */
export function pngBomb(width: number, height: number): Buffer {
  const header = Buffer.alloc(13)
  header.writeUInt32BE(width, 0)
  header.writeUInt32BE(height, 4)
  header[8] = 1 // bits per sample
  header[9] = 0 // greyscale
  const rows = Buffer.alloc((1 + Math.ceil(width / 8)) * height) // each row: filter 0, then zero bits
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    pngChunk('IHDR', header),
    pngChunk('IDAT', deflateSync(rows, { level: 9 })),
    pngChunk('IEND', Buffer.alloc(0)),
  ])
}

/** The PNG with an APNG animation control chunk (2 frames) before its data, as an animated PNG has. */
export function withAnimationControl(png: Buffer): Buffer {
  const control = Buffer.alloc(8)
  control.writeUInt32BE(2, 0) // frames
  const afterHeader = 8 + 25 // signature, then IHDR's length, type, 13 bytes and CRC
  return Buffer.concat([png.subarray(0, afterHeader), pngChunk('acTL', control), png.subarray(afterHeader)])
}

function pngChunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4)
  length.writeUInt32BE(data.length)
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data])
  const crc = Buffer.alloc(4)
  crc.writeUInt32BE(crc32(body))
  return Buffer.concat([length, body, crc])
}

/** The start of a 64-bit Linux executable. */
export const ELF_HEADER = Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2, 0, 0x3e, 0])
