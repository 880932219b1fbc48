import type { Attachment } from '@parley/events'

/** The largest box a thumbnail is shown in, in CSS pixels; a narrower column scales it down further. */
export const THUMBNAIL_BOX = { width: 400, height: 300 } as const

/** How tall a non-image file's card is, and the space between attachments (px). */
const FILE_CARD_PX = 56
const GAP_PX = 8

/** An image attachment: one that has its sizes. */
export type ImageAttachment = Attachment & { image: NonNullable<Attachment['image']> }

export function isImage(file: Attachment): file is ImageAttachment {
  return file.image !== undefined
}

/** What kind of file a MIME type is, as people say it: "PNG image", "PDF", "text"; else the type itself. */
export function typeLabel(type: string): string {
  const [kind = '', sub = ''] = (type.split(';')[0] ?? '').trim().toLowerCase().split('/')
  if (kind === 'text' && sub === 'plain') return 'text'
  if (sub === 'pdf') return 'PDF'
  if (sub === 'zip') return 'ZIP archive'
  if (sub === 'gzip') return 'gzip archive'
  if (kind === 'image' && sub !== '') return `${sub.replace(/\+xml$/, '').toUpperCase()} image`
  return type
}

/** `width` × `height` scaled down (never up) to fit within `maxWidth` × `maxHeight`, keeping its shape. */
export function fitWithin(
  width: number,
  height: number,
  maxWidth: number,
  maxHeight: number,
): { width: number; height: number } {
  const scale = Math.min(1, maxWidth / width, maxHeight / height)
  return { width: Math.max(1, Math.round(width * scale)), height: Math.max(1, Math.round(height * scale)) }
}

/** The size an image's thumbnail is drawn at, known before it loads. */
export function thumbnailSize(file: ImageAttachment): { width: number; height: number } {
  const { thumbWidth, thumbHeight } = file.image
  return fitWithin(thumbWidth, thumbHeight, THUMBNAIL_BOX.width, THUMBNAIL_BOX.height)
}

/**
 * A first guess at how much height a message's files add (px), for the virtual list before
 * the row is drawn: each thumbnail and each file card on a line of its own, which is how a
 * narrow column shows them (a wide one may put thumbnails side by side; measuring corrects it).
 */
export function filesHeight(files: readonly Attachment[]): number {
  if (files.length === 0) return 0
  return files.reduce((sum, file) => sum + GAP_PX + (isImage(file) ? thumbnailSize(file).height : FILE_CARD_PX), 0)
}
