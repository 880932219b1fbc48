import type { Attachment, ChatMessage } from '@parley/events'

/** The room the model tests' messages are in. */
export const ROOM = 'general'

/** A stored message at `seq` in ROOM, from ann, with `extra` on top. */
export function message(seq: number, extra: Partial<ChatMessage> = {}): ChatMessage {
  return {
    messageId: `m${seq}`,
    username: 'ann',
    message: `msg ${seq}`,
    timestamp: 1_000 + seq,
    room: ROOM,
    seq,
    ...extra,
  }
}

/** The messages at seqs `from` to `to`, both included. */
export function range(from: number, to: number): ChatMessage[] {
  return Array.from({ length: Math.max(0, to - from + 1) }, (_, i) => message(from + i))
}

/** An image attachment as the server describes one: 800 × 600, its thumbnail 480 × 360. */
export const screenshot: Attachment = {
  id: 'AbCdEfGhIjKlMnOpQrStUv',
  name: 'shot.png',
  type: 'image/png',
  size: 900,
  image: { width: 800, height: 600, thumbWidth: 480, thumbHeight: 360 },
}
