import type { Attachment } from '@parley/events'

/** An inline image's size and its thumbnail's, as attachments carry it (`imageSizeSchema`). */
export type ImageSize = NonNullable<Attachment['image']>

/** An upload worth keeping: its type read from its bytes, and the local files to keep. */
export interface AcceptedUpload {
  kind: 'accepted'
  /** The MIME type the bytes show (with `; charset=utf-8` for text), never the name's or the uploader's word. */
  type: string
  /** Bytes in `original`. */
  size: number
  /** Set for PNG, JPEG, GIF and WebP, the only types shown inline: the picture upright, and its thumbnail. */
  image?: ImageSize
  /**
   * The bytes to keep: for an image, a re-encoded copy without metadata beside the upload
   * (`${path}.image`); for anything else, the upload itself (`path`).
   */
  original: string
  /** An image's WebP thumbnail, within 480 × 360 (`${path}.thumbnail`). */
  thumbnail?: string
}

/** An upload not kept, with the HTTP status to answer and why, in words a person understands. */
export interface RefusedUpload {
  kind: 'refused'
  /** 413: too many pixels; 415: not what its header says; 422: empty, damaged or cut short. */
  status: 413 | 415 | 422
  reason: string
}

/** What the server makes of an upload's bytes. */
export type Inspection = AcceptedUpload | RefusedUpload

/** A refusal, ready to answer. */
export function refuse(status: RefusedUpload['status'], reason: string): RefusedUpload {
  return { kind: 'refused', status, reason }
}
