import { foldName, mentionAt } from './mentions.ts'

/** A piece of a message: plain text, a web link, or a mention of someone in the room. */
type Segment =
  | { kind: 'text'; text: string }
  | { kind: 'link'; text: string; href: string }
  | { kind: 'mention'; text: string; me: boolean }

/** Something that starts like a web address; only http and https ever become links. */
const URL_CANDIDATE = /\bhttps?:\/\/[^\s<>"'`\p{Cc}]+/giu
/** Punctuation that ends a sentence rather than the address it follows. */
const TRAILING = /[.,;:!?'"*_~]+$/u

/** Cuts the punctuation a sentence puts after an address, and a `)` that closes nothing inside it. */
function trimAddress(candidate: string): string {
  let text = candidate
  for (;;) {
    const trimmed = text.replace(TRAILING, '')
    const unbalanced =
      trimmed.endsWith(')') && (trimmed.match(/\(/gu)?.length ?? 0) < (trimmed.match(/\)/gu)?.length ?? 0)
    const next = unbalanced ? trimmed.slice(0, -1) : trimmed
    if (next === text) return text
    text = next
  }
}

/** The http(s) URL `text` names, normalised, or `null` for anything else. */
export function safeHref(text: string): string | null {
  let url: URL
  try {
    url = new URL(text)
  } catch {
    return null
  }
  return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : null
}

function splitMentions(text: string, names: readonly string[], me: string | null): Segment[] {
  if (names.length === 0 || !text.includes('@')) return [{ kind: 'text', text }]
  const out: Segment[] = []
  let plain = 0
  for (let index = text.indexOf('@'); index !== -1; index = text.indexOf('@', index + 1)) {
    const mention = mentionAt(text, index, names)
    if (mention === null) continue
    if (index > plain) out.push({ kind: 'text', text: text.slice(plain, index) })
    const isMe = me !== null && foldName(mention) === foldName(me)
    out.push({ kind: 'mention', text: `@${mention}`, me: isMe })
    plain = index + 1 + mention.length
    index = plain - 1
  }
  if (plain < text.length) out.push({ kind: 'text', text: text.slice(plain) })
  return out
}

/**
 * Splits a message into text, links and mentions. Nothing else is interpreted: the pieces
 * are shown as text and the links as plain anchors, so markup stays literal. Joined back
 * together, the pieces' texts are the message exactly.
 */
export function messageSegments(message: string, names: readonly string[] = [], me: string | null = null): Segment[] {
  const out: Segment[] = []
  let plain = 0
  for (const match of message.matchAll(URL_CANDIDATE)) {
    const start = match.index
    const address = trimAddress(match[0])
    const href = safeHref(address)
    if (href === null) continue
    if (start > plain) out.push(...splitMentions(message.slice(plain, start), names, me))
    out.push({ kind: 'link', text: address, href })
    plain = start + address.length
  }
  if (plain < message.length) out.push(...splitMentions(message.slice(plain), names, me))
  return out
}
